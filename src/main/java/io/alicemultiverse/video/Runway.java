package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Runway API (reference section 3, "Runway API"): {@code POST /v1/image_to_video} or {@code /v1/text_to_video}
 * with {@code Authorization: Bearer} and {@code X-Runway-Version: 2024-11-06}, answered with {@code {id}}; poll
 * {@code GET /v1/tasks/{id}} ({@code PENDING}, {@code THROTTLED} — accepted but queued over the concurrency limit —,
 * {@code RUNNING}, {@code SUCCEEDED} with {@code output[]}, {@code FAILED} with {@code failure}/{@code failureCode},
 * {@code CANCELLED}) no more often than every five seconds; output URLs expire within 24–48 h (so 24 h is assumed);
 * cancel with {@code DELETE /v1/tasks/{id}}. No official Java SDK exists; plain HTTP. Thread-safe.
 */
final class Runway implements VideoProvider {
    static final String DEFAULT_BASE = "https://api.dev.runwayml.com";
    static final String VERSION = "2024-11-06";

    private final ProviderApi api;
    private final Clock clock;

    Runway(String baseUrl, String key, Clock clock) {
        this.api = new ProviderApi(baseUrl, Map.of("Authorization", "Bearer " + key, "X-Runway-Version", VERSION),
                clock);
        this.clock = clock;
    }

    @Override
    public Submission submit(VideoRequest r) {
        JsonNode answer = api.post(r.image() != null ? "/v1/image_to_video" : "/v1/text_to_video", body(r));
        String id = ProviderApi.text(answer, "id");
        if (id == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null, "Runway answered without a task id");
        }
        return new Submission(id, "/v1/tasks/" + id, null, "/v1/tasks/" + id, "PENDING");
    }

    static ObjectNode body(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("model", r.model());
        b.put("promptText", r.prompt());
        if (r.image() != null) {
            b.put("promptImage", r.image());
        }
        b.put("ratio", ratio(r.ratio()));
        b.put("duration", r.duration() != null ? r.duration() : r.model().startsWith("veo") ? 8 : 5);
        if (r.seed() != null) {
            b.put("seed", r.seed());
        }
        if (r.negative() != null && r.model().startsWith("veo")) {
            b.put("negativePrompt", r.negative()); // only the veo3.x variants take one
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    /** Runway takes pixel ratios ({@code 1280:720}); the common aspect names are translated, others sent as given. */
    static String ratio(String r) {
        if (r == null) {
            return "1280:720";
        }
        return switch (r.toLowerCase(Locale.ROOT)) {
            case "16:9" -> "1280:720";
            case "9:16" -> "720:1280";
            case "1:1" -> "960:960";
            case "4:3" -> "1104:832";
            case "3:4" -> "832:1104";
            case "21:9" -> "1584:672";
            default -> r;
        };
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        JsonNode t = api.get(job.statusUrl());
        String status = String.valueOf(ProviderApi.text(t, "status"));
        return switch (status) {
            case "PENDING", "THROTTLED" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, status);
            case "RUNNING" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, status);
            case "SUCCEEDED" -> {
                String url = t.path("output").path(0).asText(null);
                if (url == null || url.isEmpty()) {
                    yield RemoteStatus.failed(status, "Runway reported SUCCEEDED without an output URL");
                }
                yield RemoteStatus.succeeded(status, url, clock.instant().plus(Duration.ofHours(24)));
            }
            case "FAILED" -> RemoteStatus.failed(status, join(ProviderApi.text(t, "failure"),
                    ProviderApi.text(t, "failureCode")));
            case "CANCELLED" -> RemoteStatus.of(RemoteStatus.Phase.CANCELLED, status);
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "Runway reported an undocumented status '" + ProviderApi.shorten(status) + "'");
        };
    }

    @Override
    public String cancel(VideoJob job) {
        api.call("DELETE", job.cancelUrl(), null, Map.of());
        return "CANCELLED";
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(5); // "should not expect updates more frequent than once every five seconds"
    }

    @Override
    public String maker(String model) {
        String m = Makers.of(model);
        return m != null ? m : "runway";
    }

    private static String join(String failure, String code) {
        if (failure == null) {
            return code;
        }
        return code == null ? failure : failure + " (" + code + ")";
    }
}
