package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.types.GenerateVideosConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What both Veo clients send and how they read Veo's answers (reference section 2.2): the generation config built
 * from a {@link VideoRequest} under the SDK's field names ({@code numberOfVideos}, {@code durationSeconds},
 * {@code aspectRatio}, {@code resolution}, {@code seed}, {@code negativePrompt}, then the {@code --param} inputs), the
 * start image as bytes, and the failure texts Veo's shutdowns and safety filters call for. Stateless.
 */
final class VeoRequests {
    /** The Veo ids that still answer (Vertex AI, late 2026), named when a retired id is refused. */
    static final String CURRENT_MODELS = "veo-3.1-generate-001, veo-3.1-fast-generate-001";
    /** Config fields a {@code --param} may not set: alice files one clip it downloads itself, from one start image. */
    private static final Set<String> NOT_PASSED = Set.of("numberOfVideos", "sampleCount", "outputGcsUri", "storageUri",
            "httpOptions", "webhookConfig", "pubsubTopic", "lastFrame", "referenceImages", "mask");

    private VeoRequests() {
    }

    /** A start image as Veo takes it: bytes and their type. */
    record StartImage(byte[] bytes, String mimeType) {
    }

    /**
     * The generation config in the SDK's names, exactly one video, {@code --param} inputs on top.
     *
     * @throws IllegalArgumentException for a value Veo cannot take or a parameter the SDK does not know
     */
    static ObjectNode config(VideoRequest r) {
        ObjectNode c = ProviderApi.JSON.createObjectNode();
        c.put("numberOfVideos", 1);
        if (r.duration() != null) {
            c.put("durationSeconds", r.duration());
        }
        if (r.ratio() != null) {
            c.put("aspectRatio", r.ratio());
        }
        if (r.resolution() != null) {
            c.put("resolution", r.resolution().toLowerCase(Locale.ROOT));
        }
        if (r.seed() != null) {
            if (r.seed() < 0 || r.seed() > Integer.MAX_VALUE) { // the SDK's seed is an Integer
                throw new IllegalArgumentException("Veo takes a --seed from 0 to " + Integer.MAX_VALUE + ", not "
                        + r.seed());
            }
            c.put("seed", r.seed().intValue());
        }
        if (r.negative() != null) {
            c.put("negativePrompt", r.negative());
        }
        for (String p : r.params().keySet()) {
            if (NOT_PASSED.contains(p)) {
                throw new IllegalArgumentException("--param " + p + " is not taken for Veo: alice asks for one clip, "
                        + "downloads it itself and sends the --image as the start frame");
            }
        }
        ProviderApi.passThrough(c, r.params());
        sdkConfig(c); // refuses what the SDK does not know, for both APIs
        image(r);
        return c;
    }

    /** The SDK's config from {@code config}; a field the SDK would drop silently is refused instead. */
    static GenerateVideosConfig sdkConfig(ObjectNode config) {
        GenerateVideosConfig typed;
        JsonNode back;
        try {
            typed = GenerateVideosConfig.fromJson(config.toString());
            back = ProviderApi.JSON.readTree(typed.toJson());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Veo cannot take these parameters: " + ProviderApi.shorten(
                    String.valueOf(e.getMessage())));
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!back.has(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Veo takes no parameter " + String.join(", ", unknown) + " (known: "
                    + "personGeneration, generateAudio, enhancePrompt, fps, compressionQuality, resizeMode, …)");
        }
        return typed;
    }

    /** The REST {@code parameters} object: the config with the wire name {@code sampleCount}. */
    static ObjectNode parameters(VideoRequest r) {
        ObjectNode c = config(r);
        ObjectNode p = ProviderApi.JSON.createObjectNode();
        c.fields().forEachRemaining(e -> p.set(e.getKey().equals("numberOfVideos") ? "sampleCount" : e.getKey(),
                e.getValue()));
        return p;
    }

    /**
     * The start image as bytes, null for text-to-video. Veo takes bytes (or a Cloud Storage URI), not a web URL, so a
     * library image or a file ({@code data:} URL) is needed.
     */
    static StartImage image(VideoRequest r) {
        String image = r.image();
        if (image == null) {
            return null;
        }
        int comma = image.indexOf(',');
        if (!image.startsWith("data:") || comma < 0 || !image.substring(0, comma).endsWith(";base64")) {
            throw new IllegalArgumentException("Veo takes the start image as bytes: give --image a library image "
                    + "(content hash) or a file, not a URL");
        }
        String mime = image.substring("data:".length(), comma - ";base64".length());
        try {
            return new StartImage(Base64.getDecoder().decode(image.substring(comma + 1)), mime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the --image data URL is not valid base64");
        }
    }

    /** The error for a 404 on submit: most likely one of the retired ids. */
    static ProviderError unavailable(String model, ProviderError e, String api) {
        return new ProviderError(ProviderError.Kind.REJECTED, e.status(), null, "model " + model + " is not available"
                + " on " + api + " (" + e.getMessage() + "). Google shut down Veo 2/3.0 on 2026-06-30 and the Gemini "
                + "API's Veo 3.1 previews on 2026-10-22; current ids on Vertex AI: " + CURRENT_MODELS
                + " (set GOOGLE_CLOUD_PROJECT and Google application credentials)");
    }

    /** The failure text for a finished operation that carries no video: the safety filters' reasons when given. */
    static String noVideo(List<String> raiReasons, Integer raiCount) {
        if (raiReasons != null && !raiReasons.isEmpty()) {
            return "Google's safety filters removed the video: " + ProviderApi.shorten(String.join("; ", raiReasons));
        }
        if (raiCount != null && raiCount > 0) {
            return "Google's safety filters removed the video (no reason given)";
        }
        return "Veo finished without a video";
    }
}
