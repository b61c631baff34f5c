package io.alicemultiverse.video;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who made a model, from its id: gateways (fal, Replicate) serve other companies' models, and the library files a
 * clip under its maker ({@code kling}, {@code google}, …), keeping the provider that served it beside. Stateless.
 */
final class Makers {
    /** Id fragments and the maker they name, most specific first. */
    private static final Map<String, String> FRAGMENTS = new LinkedHashMap<>();

    static {
        FRAGMENTS.put("kling", "kling");
        FRAGMENTS.put("veo", "google");
        FRAGMENTS.put("gemini", "google");
        FRAGMENTS.put("hailuo", "minimax");
        FRAGMENTS.put("minimax", "minimax");
        FRAGMENTS.put("hunyuan", "hunyuan");
        FRAGMENTS.put("wan-video", "wan");
        FRAGMENTS.put("/wan/", "wan");
        FRAGMENTS.put("ltx", "ltx");
        FRAGMENTS.put("luma", "luma");
        FRAGMENTS.put("ray-", "luma");
        FRAGMENTS.put("runway", "runway");
        FRAGMENTS.put("gen4", "runway");
        FRAGMENTS.put("pika", "pika");
    }

    private Makers() {
    }

    /** The maker named by a fragment of {@code model}, or null. */
    static String of(String model) {
        String m = "/" + model.toLowerCase(Locale.ROOT) + "/";
        for (Map.Entry<String, String> e : FRAGMENTS.entrySet()) {
            if (m.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
