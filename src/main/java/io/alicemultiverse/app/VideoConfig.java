package io.alicemultiverse.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.VideoPrices;
import io.alicemultiverse.video.VideoProviders;
import io.alicemultiverse.video.VideoSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code video:} section from the same files as {@link UnderstandConfig}, in the same order, into the
 * {@link VideoSettings} every surface uses; the money limits are understanding's (one ledger, one set of limits).
 * <pre>
 * video:
 *   concurrency: {fal: 8, runway: 1}          # jobs submitting, queued or running at once, per provider
 *   prices:                                   # replace or add rows of the built-in, dated price table
 *     "fal/fal-ai/veo3": {per_second: 0.40, default_seconds: 8}
 *     "runway/gen4_turbo": {per_second: {"720p": 0.05}}
 *     "replicate/acme/clip-model": {per_video: 0.50}
 * </pre>
 * A key or value that cannot be used is an error naming it, not ignored. Stateless.
 */
public final class VideoConfig {
    private VideoConfig() {
    }

    public static VideoSettings load(Path explicitFile, Map<String, String> env, UnderstandSettings understanding) {
        Map<String, Integer> caps = new HashMap<>();
        Map<String, VideoPrices.Price> prices = new HashMap<>();
        for (JsonNode section : UnderstandConfig.sections(explicitFile, env, "video")) {
            caps.putAll(caps(section.get("concurrency")));
            prices.putAll(prices(section.get("prices")));
        }
        return new VideoSettings(understanding.confirmAboveUsd(), understanding.dailyBudgetUsd(),
                understanding.monthlyBudgetUsd(),
                prices.isEmpty() ? VideoPrices.builtIn() : VideoPrices.withOverrides(prices), caps);
    }

    private static Map<String, Integer> caps(JsonNode n) {
        Map<String, Integer> out = new HashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("video.concurrency: give a number per provider, e.g. {fal: 8}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String provider = VideoProviders.of(e.getKey()).id(); // an unknown provider is an error naming it
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 1 || e.getValue().asInt() > 1000) {
                throw new IllegalArgumentException("video.concurrency." + e.getKey() + ": a whole number 1–1000");
            }
            out.put(provider, e.getValue().asInt());
        }
        return out;
    }

    private static Map<String, VideoPrices.Price> prices(JsonNode n) {
        Map<String, VideoPrices.Price> out = new HashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("video.prices: give \"provider/model\": {per_second: USD} entries");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String where = "video.prices.\"" + key + "\"";
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw new IllegalArgumentException(where + ": the key is provider/model, e.g. \"fal/fal-ai/veo3\"");
            }
            String provider = VideoProviders.of(key.substring(0, slash)).id();
            JsonNode v = e.getValue();
            Map<String, Double> perSecond = new HashMap<>();
            JsonNode ps = v.get("per_second");
            if (ps != null && ps.isNumber()) {
                perSecond.put("*", usd(ps, where + ".per_second"));
            } else if (ps != null && ps.isObject()) {
                ps.fields().forEachRemaining(r -> perSecond.put(r.getKey().toLowerCase(Locale.ROOT),
                        usd(r.getValue(), where + ".per_second." + r.getKey())));
            } else if (ps != null) {
                throw new IllegalArgumentException(where + ".per_second: a price, or one per resolution");
            }
            Double perVideo = v.has("per_video") ? usd(v.get("per_video"), where + ".per_video") : null;
            if (perSecond.isEmpty() == (perVideo == null)) {
                throw new IllegalArgumentException(where + ": give per_second or per_video (one of them)");
            }
            int seconds = v.path("default_seconds").asInt(5);
            if (seconds < 1 || seconds > 600) {
                throw new IllegalArgumentException(where + ".default_seconds: 1–600");
            }
            out.put(provider + key.substring(slash), new VideoPrices.Price(perSecond, perVideo, seconds));
        }
        return out;
    }

    private static double usd(JsonNode n, String where) {
        if (n == null || !n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1000) {
            throw new IllegalArgumentException(where + ": a price in dollars, 0–1000");
        }
        return n.asDouble();
    }
}
