package io.alicemultiverse.video;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fal models whose inputs alice knows (reference section 1.10): their input fields differ — {@code image_url}
 * vs {@code start_image_url}, durations {@code "5"} vs {@code "8s"} — so each has its field name, duration style and
 * allowed durations. Any other fal model is still usable: typed options go out under the common names and
 * {@code --param key=value} sets the rest. Immutable.
 */
final class FalModels {
    /** How a model wants its duration. */
    enum DurationStyle {
        /** {@code "5"} */
        PLAIN,
        /** {@code "5s"} */
        SUFFIX,
        /** the model has no duration input */
        NONE
    }

    /**
     * @param imageField the start-image input, null for text-to-video models (which refuse an image)
     * @param durations  the allowed durations in seconds, empty when any (or none) is taken
     */
    record Model(String id, String maker, String imageField, DurationStyle style, List<Integer> durations,
                 int defaultSeconds) {
        boolean imageToVideo() {
            return imageField != null;
        }

        Object duration(int seconds) {
            return style == DurationStyle.SUFFIX ? seconds + "s" : String.valueOf(seconds);
        }
    }

    private static final Map<String, Model> MODELS = Map.ofEntries(
            entry("fal-ai/kling-video/v2.5-turbo/standard/image-to-video", "kling", "image_url",
                    DurationStyle.PLAIN, List.of(5, 10), 5),
            entry("fal-ai/kling-video/v2.1/standard/image-to-video", "kling", "image_url",
                    DurationStyle.PLAIN, List.of(5, 10), 5),
            entry("fal-ai/kling-video/v4/image-to-video", "kling", "start_image_url", DurationStyle.NONE,
                    List.of(), 5),
            entry("fal-ai/veo3", "google", null, DurationStyle.SUFFIX, List.of(4, 6, 8), 8),
            entry("fal-ai/veo3/fast", "google", null, DurationStyle.SUFFIX, List.of(4, 6, 8), 8),
            entry("fal-ai/veo3/image-to-video", "google", "image_url", DurationStyle.SUFFIX, List.of(4, 6, 8), 8),
            entry("fal-ai/minimax/hailuo-02/standard/image-to-video", "minimax", "image_url",
                    DurationStyle.PLAIN, List.of(6, 10), 6),
            entry("fal-ai/minimax/hailuo-02/pro/image-to-video", "minimax", "image_url",
                    DurationStyle.PLAIN, List.of(6, 10), 6),
            entry("fal-ai/wan/v2.7/image-to-video", "wan", "image_url", DurationStyle.NONE, List.of(), 5),
            entry("fal-ai/hunyuan-video", "hunyuan", null, DurationStyle.NONE, List.of(), 5),
            entry("luma/agent/ray/v3.2/image-to-video", "luma", "image_url", DurationStyle.SUFFIX,
                    List.of(5, 10), 5));

    private FalModels() {
    }

    private static Map.Entry<String, Model> entry(String id, String maker, String imageField, DurationStyle style,
                                                 List<Integer> durations, int defaultSeconds) {
        return Map.entry(id, new Model(id, maker, imageField, style, durations, defaultSeconds));
    }

    static Optional<Model> find(String id) {
        return Optional.ofNullable(MODELS.get(id));
    }

    static java.util.Set<String> ids() {
        return MODELS.keySet();
    }
}
