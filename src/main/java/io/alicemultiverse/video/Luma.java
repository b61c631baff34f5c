package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Luma's two APIs (reference section 4, "Luma"), chosen by model. The current Agents API (4a, {@code ray-3.2} and
 * later): {@code POST /v1/generations} with {@code type: "video"} and a {@code video} object, poll
 * {@code GET /v1/generations/{id}} ({@code queued}, {@code processing}, {@code completed} with {@code output[].url}
 * presigned for one hour, {@code failed} with {@code failure_code}/{@code failure_reason}); it has no cancel. The
 * legacy Dream Machine API (4b, {@code ray-2}, {@code ray-flash-2}, {@code ray-1-6}): {@code POST
 * /generations/video}, poll {@code GET /generations/{id}} ({@code queued}, {@code dreaming}, {@code completed} with
 * {@code assets.video}, {@code failed}), cancel by {@code DELETE} (which deletes the generation). Both take
 * {@code Authorization: Bearer}. Thread-safe.
 */
final class Luma implements VideoProvider {
    static final String AGENTS_BASE = "https://agents.lumalabs.ai";
    static final String LEGACY_BASE = "https://api.lumalabs.ai";
    private static final Set<String> LEGACY = Set.of("ray-2", "ray-flash-2", "ray-1-6");

    private final ProviderApi api;
    private final Clock clock;
    private final boolean legacy;

    /** With a null base URL, the model's API's own host. */
    Luma(String model, String baseUrl, String key, Clock clock) {
        this.legacy = legacy(model);
        this.api = new ProviderApi(baseUrl != null ? baseUrl : legacy ? LEGACY_BASE : AGENTS_BASE,
                Map.of("Authorization", "Bearer " + key), clock);
        this.clock = clock;
    }

    static boolean legacy(String model) {
        return LEGACY.contains(model);
    }

    @Override
    public Submission submit(VideoRequest r) {
        String root = legacy ? "/dream-machine/v1/generations" : "/v1/generations";
        JsonNode g = api.post(legacy ? root + "/video" : root, legacy ? legacyBody(r) : agentsBody(r));
        String id = ProviderApi.text(g, "id");
        if (id == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null, "Luma answered without a generation id");
        }
        return new Submission(id, root + "/" + id, null, legacy ? root + "/" + id : null,
                ProviderApi.text(g, "state"));
    }

    static ObjectNode agentsBody(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("prompt", r.prompt());
        b.put("model", r.model());
        b.put("type", "video");
        if (r.ratio() != null) {
            b.put("aspect_ratio", r.ratio());
        }
        ObjectNode video = b.putObject("video");
        if (r.duration() != null) {
            video.put("duration", r.duration() + "s");
        }
        if (r.resolution() != null) {
            video.put("resolution", r.resolution());
        }
        if (r.image() != null) {
            video.putObject("start_frame").put("url", r.image());
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    static ObjectNode legacyBody(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("model", r.model());
        b.put("prompt", r.prompt());
        if (r.ratio() != null) {
            b.put("aspect_ratio", r.ratio());
        }
        if (r.duration() != null) {
            b.put("duration", r.duration() + "s");
        }
        if (r.resolution() != null) {
            b.put("resolution", r.resolution());
        }
        if (r.image() != null) {
            ObjectNode frame0 = b.putObject("keyframes").putObject("frame0");
            frame0.put("type", "image");
            frame0.put("url", r.image());
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        JsonNode g = api.get(job.statusUrl());
        String state = String.valueOf(ProviderApi.text(g, "state"));
        return switch (state) {
            case "queued" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, state);
            case "dreaming", "processing" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, state);
            case "completed" -> {
                String url = legacy ? ProviderApi.text(g.path("assets"), "video") : agentsOutput(g);
                yield url == null ? RemoteStatus.failed(state, "Luma reported completed without a video URL")
                        : RemoteStatus.succeeded(state, url, legacy ? null : clock.instant().plus(Duration.ofHours(1)));
            }
            case "failed" -> {
                String reason = ProviderApi.text(g, "failure_reason");
                String code = ProviderApi.text(g, "failure_code");
                yield RemoteStatus.failed(state, reason == null ? code : code == null ? reason
                        : reason + " (" + code + ")");
            }
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "Luma reported an undocumented state '" + ProviderApi.shorten(state) + "'");
        };
    }

    private static String agentsOutput(JsonNode g) {
        for (JsonNode o : g.path("output")) {
            String type = ProviderApi.text(o, "type");
            if (type == null || type.equals("video")) {
                String url = ProviderApi.text(o, "url");
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    @Override
    public String cancel(VideoJob job) {
        if (!legacy) {
            return "not supported: the Luma Agents API has no cancel; the generation may still finish and bill";
        }
        api.call("DELETE", job.cancelUrl(), null, Map.of());
        return "deleted";
    }

    @Override
    public String maker(String model) {
        return "luma";
    }
}
