package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alicemultiverse.http.HttpCall;

import java.time.Clock;
import java.util.Map;

/**
 * The fal queue API (reference section 1, "fal.ai queue API"): {@code POST /{model_id}} with the model's input JSON
 * and {@code Authorization: Key}, answered with {@code request_id} and the {@code status_url},
 * {@code response_url} and {@code cancel_url} to keep (1.1–1.2); status {@code IN_QUEUE → IN_PROGRESS → COMPLETED}
 * (1.3); the result's {@code video.url} (1.4); cancel by {@code PUT} (1.5). fal has no FAILED queue state: a failed
 * request shows as {@code COMPLETED} whose result fetch answers an error body ({@code detail}, {@code error_type}),
 * which is kept as the job's error (1.4). The Java client {@code ai.fal.client} is not used: it has no cancel
 * (1.9), and cancel is what stops a job billing. Thread-safe.
 */
final class FalQueue implements VideoProvider {
    static final String DEFAULT_BASE = "https://queue.fal.run";

    private final ProviderApi api;

    FalQueue(String baseUrl, String key, Clock clock) {
        this.api = new ProviderApi(baseUrl, Map.of("Authorization", "Key " + key), clock);
    }

    @Override
    public Submission submit(VideoRequest r) {
        JsonNode answer = api.post("/" + r.model(), body(r));
        String id = ProviderApi.text(answer, "request_id");
        if (id == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "fal answered the submit without a request_id");
        }
        String root = api.base() + "/" + appRoot(r.model()) + "/requests/" + id;
        return new Submission(id, or(ProviderApi.text(answer, "status_url"), root + "/status"),
                or(ProviderApi.text(answer, "response_url"), root),
                or(ProviderApi.text(answer, "cancel_url"), root + "/cancel"), "IN_QUEUE");
    }

    /** The model's input JSON: the typed options under the model's own field names, then {@code --param}s. */
    static ObjectNode body(VideoRequest r) {
        FalModels.Model known = FalModels.find(r.model()).orElse(null);
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        b.put("prompt", r.prompt());
        if (r.negative() != null) {
            b.put("negative_prompt", r.negative());
        }
        if (r.image() != null) {
            if (known != null && !known.imageToVideo()) {
                throw new IllegalArgumentException(r.model() + " makes video from text only; drop --image");
            }
            b.put(known == null ? "image_url" : known.imageField(), r.image());
        } else if (known != null && known.imageToVideo() && !r.params().containsKey(known.imageField())) {
            throw new IllegalArgumentException(r.model() + " needs a start image (--image)");
        }
        if (r.duration() != null) {
            if (known != null && !known.durations().isEmpty() && !known.durations().contains(r.duration())) {
                throw new IllegalArgumentException(r.model() + " makes clips of " + known.durations()
                        + " seconds, not " + r.duration());
            }
            if (known == null || known.style() != FalModels.DurationStyle.NONE) {
                b.set("duration", ProviderApi.JSON.valueToTree(known == null ? String.valueOf(r.duration())
                        : known.duration(r.duration())));
            }
        }
        if (r.ratio() != null) {
            b.put("aspect_ratio", r.ratio());
        }
        if (r.resolution() != null) {
            b.put("resolution", r.resolution());
        }
        if (r.seed() != null) {
            b.put("seed", r.seed());
        }
        ProviderApi.passThrough(b, r.params());
        return b;
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        JsonNode s = api.get(job.statusUrl());
        String status = String.valueOf(ProviderApi.text(s, "status"));
        return switch (status) {
            case "IN_QUEUE" -> RemoteStatus.of(RemoteStatus.Phase.QUEUED, status);
            case "IN_PROGRESS" -> RemoteStatus.of(RemoteStatus.Phase.RUNNING, status);
            case "COMPLETED" -> result(job);
            default -> throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null,
                    "fal reported an undocumented status '" + ProviderApi.shorten(status) + "'");
        };
    }

    private RemoteStatus result(VideoJob job) {
        HttpCall.Response answer = api.exchange("GET", job.resultUrl(), null, Map.of());
        if (!answer.ok()) {
            String detail = ProviderApi.message(answer.body());
            String type = answer.header("X-Fal-Error-Type");
            if (detail == null && answer.status() >= 500 || answer.status() == 429) {
                throw api.statusError(answer); // no failure body: the fetch failed, not the job
            }
            return RemoteStatus.failed("COMPLETED", (detail == null ? "HTTP " + answer.status() : detail)
                    + (type == null ? "" : " (" + type + ")"));
        }
        JsonNode body;
        try {
            body = ProviderApi.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, answer.status(), null,
                    "fal's result is not JSON");
        }
        String url = ProviderApi.text(body.path("video"), "url");
        if (url == null) {
            url = ProviderApi.text(body.path("videos").path(0), "url");
        }
        if (url == null) {
            return RemoteStatus.failed("COMPLETED", "fal's result has no video.url");
        }
        return RemoteStatus.succeeded("COMPLETED", url, null);
    }

    @Override
    public String cancel(VideoJob job) {
        JsonNode answer = api.call("PUT", job.cancelUrl(), null, Map.of());
        return or(ProviderApi.text(answer, "status"), "OK");
    }

    @Override
    public String maker(String model) {
        return FalModels.find(model).map(FalModels.Model::maker).orElseGet(() -> Makers.of(model));
    }

    /** {@code owner/app} of a model id: status and result live there, not under a subpath such as {@code /dev}. */
    static String appRoot(String model) {
        String[] parts = model.split("/");
        return parts.length >= 2 ? parts[0] + "/" + parts[1] : model;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
