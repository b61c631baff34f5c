package io.alicemultiverse.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * What the user asked for: one generation on one provider and model. Immutable; stored as the job's request JSON.
 *
 * @param image       the start image as an http(s) or {@code data:} URL, null for text-to-video
 * @param imageHash   the library asset the start image came from (content hash), null when none
 * @param params      model inputs passed through unchanged ({@code --param key=value}); they win over the fields
 * @param timeoutMinutes the deadline after which the job is given up (and cancelled at the provider)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoRequest(
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("prompt") String prompt,
        @JsonProperty("negative") String negative,
        @JsonProperty("image") String image,
        @JsonProperty("image_hash") String imageHash,
        @JsonProperty("duration") Integer duration,
        @JsonProperty("ratio") String ratio,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("seed") Long seed,
        @JsonProperty("params") Map<String, String> params,
        @JsonProperty("project") String project,
        @JsonProperty("timeout_minutes") int timeoutMinutes) {

    public static final int DEFAULT_TIMEOUT_MINUTES = 60;

    public VideoRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("a video needs a prompt");
        }
        params = params == null ? Map.of() : Map.copyOf(params);
        if (timeoutMinutes <= 0) {
            timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        }
        if (duration != null && duration <= 0) {
            throw new IllegalArgumentException("--duration must be a positive number of seconds, not " + duration);
        }
    }

    /** The same request for another provider and model (for {@code compare}). */
    public VideoRequest on(String otherProvider, String otherModel) {
        return new VideoRequest(otherProvider, otherModel, prompt, negative, image, imageHash, duration, ratio,
                resolution, seed, params, project, timeoutMinutes);
    }
}
