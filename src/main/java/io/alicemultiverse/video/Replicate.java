package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The Replicate predictions API (reference section 6c, "Replicate predictions API"): {@code POST
 * /v1/models/{owner}/{name}/predictions} with {@code {input}} for an official model, or {@code POST /v1/predictions}
 * with {@code {version, input}} for {@code owner/name:version}; {@code Authorization: Bearer}; a
 * {@code Cancel-After} deadline so a job alice gave up on stops at Replicate too; poll {@code urls.get}
 * ({@code starting}, {@code processing}, {@code succeeded}, {@code failed}, {@code canceled}, {@code aborted});
 * cancel {@code POST urls.cancel}. Output files are deleted after one hour, so the URL's expiry is set to that.
 * Thread-safe.
 */
final class Replicate implements VideoProvider {
    static final String DEFAULT_BASE = "https://api.replicate.com";

    private final ProviderApi api;
    private final Clock clock;

    Replicate(String baseUrl, String key, Clock clock) {
        this.api = new ProviderApi(baseUrl, Map.of("Authorization", "Bearer " + key), clock);
        this.clock = clock;
    }

    @Override
    public Submission submit(VideoRequest r) {
        ObjectNode body = ProviderApi.JSON.createObjectNode();
        int colon = r.model().indexOf(':');
        String path;
        if (colon > 0) {
            body.put("version", r.model().substring(colon + 1));
            path = "/v1/predictions";
        } else {
            path = "/v1/models/" + r.model() + "/predictions";
        }
        body.set("input", input(r));
        JsonNode p = api.call("POST", path, body, Map.of("Cancel-After", r.timeoutMinutes() + "m"));
        String id = ProviderApi.text(p, "id");
        if (id == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "Replicate answered without a prediction id");
        }
        JsonNode urls = p.path("urls");
        String get = ProviderApi.text(urls, "get");
        String cancel = ProviderApi.text(urls, "cancel");
        return new Submission(id, get != null ? get : "/v1/predictions/" + id, null,
                cancel != null ? cancel : "/v1/predictions/" + id + "/cancel", ProviderApi.text(p, "status"));
    }

    static ObjectNode input(VideoRequest r) {
        ObjectNode in = ProviderApi.JSON.createObjectNode();
        in.put("prompt", r.prompt());
        if (r.negative() != null) {
            in.put("negative_prompt", r.negative());
        }
        if (r.image() != null) {
            in.put("image", r.image());
        }
        if (r.duration() != null) {
            in.put("duration", r.duration());
        }
        if (r.ratio() != null) {
            in.put("aspect_ratio", r.ratio());
        }
        if (r.resolution() != null) {
            in.put("resolution", r.resolution());
        }
        if (r.seed() != null) {
            in.put("seed", r.seed());
        }
        ProviderApi.passThrough(in, r.params());
        return in;
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        JsonNode p = api.get(job.statusUrl());
        String status = String.valueOf(ProviderApi.text(p, "status"));
        return switch (status) {
            case "starting" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, status);
            case "processing" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, status);
            case "succeeded" -> {
                String url = output(p.path("output"));
                yield url == null ? RemoteStatus.failed(status, "Replicate's output holds no file URL")
                        : RemoteStatus.succeeded(status, url, clock.instant().plus(Duration.ofHours(1)));
            }
            case "failed" -> RemoteStatus.failed(status, ProviderApi.message(p.get("error")));
            case "canceled", "aborted" -> RemoteStatus.of(RemoteStatus.Phase.CANCELLED, status);
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "Replicate reported an undocumented status '" + ProviderApi.shorten(status) + "'");
        };
    }

    /** A model's output per its schema: a URI string, a list of them, or an object with a {@code video} URI. */
    private static String output(JsonNode o) {
        if (o.isTextual()) {
            return o.asText();
        }
        if (o.isArray() && o.size() > 0) {
            return output(o.get(0));
        }
        if (o.isObject()) {
            for (String k : new String[]{"video", "url", "output"}) {
                if (o.has(k)) {
                    return output(o.get(k));
                }
            }
        }
        return null;
    }

    @Override
    public String cancel(VideoJob job) {
        JsonNode p = api.post(job.cancelUrl(), null);
        String s = ProviderApi.text(p, "status");
        return s == null ? "canceled" : s;
    }

    @Override
    public String maker(String model) {
        return Makers.of(model);
    }
}
