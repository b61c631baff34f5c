package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * MiniMax Hailuo (reference section 6b, "MiniMax (Hailuo)"), {@code Authorization: Bearer}, both APIs, chosen by
 * model. V2 ({@code MiniMax-H3…}): {@code POST /v2/video_generation} with a {@code content[]} of items carrying a
 * {@code role}, poll {@code GET /v2/query/video_generation/{task_id}} ({@code task.status}: {@code queued},
 * {@code running}, {@code succeeded} with a time-limited {@code task.content.url} — a fresh one on every query —,
 * {@code failed}, {@code cancelled}, {@code expired}). V1 (Hailuo 2.3, 02 and older): {@code POST
 * /v1/video_generation}, answered {@code {task_id, base_resp}} where {@code status_code} 0 means accepted; poll
 * {@code GET /v1/query/video_generation?task_id=} ({@code Queueing}, {@code Preparing}, {@code Processing},
 * {@code Success} with a {@code file_id}, {@code Fail}), then {@code GET /v1/files/retrieve?file_id=} for
 * {@code file.download_url}. No cancel endpoint is documented for either. Thread-safe.
 */
final class MiniMax implements VideoProvider {
    static final String DEFAULT_BASE = "https://api.minimax.io";

    private final ProviderApi api;

    MiniMax(String baseUrl, String key, Clock clock) {
        this.api = new ProviderApi(baseUrl, Map.of("Authorization", "Bearer " + key), clock);
    }

    static boolean v2(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("minimax-h3");
    }

    @Override
    public Submission submit(VideoRequest r) {
        boolean v2 = v2(r.model());
        JsonNode answer = api.post(v2 ? "/v2/video_generation" : "/v1/video_generation", v2 ? v2Body(r) : v1Body(r));
        JsonNode baseResp = answer.path("base_resp");
        if (baseResp.has("status_code") && baseResp.path("status_code").asInt() != 0) {
            // the request was answered and refused: nothing was created
            throw new ProviderError(ProviderError.Kind.REJECTED, 200, null,
                    "MiniMax refused the request: " + ProviderApi.shorten(String.valueOf(
                            ProviderApi.text(baseResp, "status_msg"))) + " (" + baseResp.path("status_code").asInt() + ")");
        }
        String id = ProviderApi.text(answer, "task_id");
        if (id == null) {
            id = ProviderApi.text(answer.path("task"), "task_id");
        }
        if (id == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null, "MiniMax answered without a task_id");
        }
        String status = v2 ? "/v2/query/video_generation/" + enc(id) : "/v1/query/video_generation?task_id=" + enc(id);
        return new Submission(id, status, null, null, v2 ? "queued" : "Queueing");
    }

    static ObjectNode v1Body(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("model", r.model());
        b.put("prompt", r.prompt());
        if (r.image() != null) {
            b.put("first_frame_image", r.image());
        }
        if (r.duration() != null) {
            b.put("duration", r.duration());
        }
        if (r.resolution() != null) {
            b.put("resolution", r.resolution().toUpperCase(Locale.ROOT));
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    static ObjectNode v2Body(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("model", r.model());
        ArrayNode content = b.putArray("content");
        ObjectNode text = content.addObject();
        text.put("type", "text");
        text.put("text", r.prompt());
        if (r.image() != null) {
            ObjectNode image = content.addObject();
            image.put("type", "image_url");
            image.putObject("image_url").put("url", r.image());
            image.put("role", "first_frame");
        }
        if (r.duration() != null) {
            b.put("duration", r.duration());
        }
        if (r.ratio() != null) {
            b.put("aspect_ratio", r.ratio());
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        return v2(job.model()) ? checkV2(job) : checkV1(job);
    }

    private RemoteStatus checkV2(VideoJob job) {
        JsonNode task = api.get(job.statusUrl()).path("task");
        String status = String.valueOf(ProviderApi.text(task, "status"));
        return switch (status) {
            case "queued" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, status);
            case "running" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, status);
            case "succeeded" -> {
                String url = ProviderApi.text(task.path("content"), "url");
                yield url == null ? RemoteStatus.failed(status, "MiniMax reported succeeded without content.url")
                        : RemoteStatus.succeeded(status, url, null);
            }
            case "failed", "expired" -> RemoteStatus.failed(status, ProviderApi.message(task));
            case "cancelled" -> RemoteStatus.of(RemoteStatus.Phase.CANCELLED, status);
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "MiniMax reported an undocumented status '" + ProviderApi.shorten(status) + "'");
        };
    }

    private RemoteStatus checkV1(VideoJob job) {
        JsonNode q = api.get(job.statusUrl());
        String status = String.valueOf(ProviderApi.text(q, "status"));
        return switch (status) {
            case "Queueing", "Preparing" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, status);
            case "Processing" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, status);
            case "Success" -> {
                String fileId = ProviderApi.text(q, "file_id");
                if (fileId == null) {
                    yield RemoteStatus.failed(status, "MiniMax reported Success without a file_id");
                }
                JsonNode file = api.get("/v1/files/retrieve?file_id=" + enc(fileId)).path("file");
                String url = ProviderApi.text(file, "download_url");
                yield url == null ? RemoteStatus.failed(status, "MiniMax's file has no download_url")
                        : RemoteStatus.succeeded(status, url, null);
            }
            case "Fail" -> RemoteStatus.failed(status, ProviderApi.message(q.path("base_resp")));
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "MiniMax reported an undocumented status '" + ProviderApi.shorten(status) + "'");
        };
    }

    @Override
    public String cancel(VideoJob job) {
        return "not supported: MiniMax documents no cancel; the task may still finish and bill";
    }

    @Override
    public String maker(String model) {
        return "minimax";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
