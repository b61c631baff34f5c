package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Google Veo through the Gemini API (reference section 2.2): {@code POST /v1beta/models/{model}:predictLongRunning}
 * with {@code x-goog-api-key}, {@code instances[0]} (prompt, start image as {@code bytesBase64Encoded}) and
 * {@code parameters}, answered with an operation {@code name}; poll {@code GET /v1beta/{name}} until {@code done},
 * then {@code response.generateVideoResponse.generatedSamples[0].video.uri} (fetched with the key) or an
 * {@code error}. No cancel exists. The Gemini API's Veo ids were shut down in 2026 (section 2.1), so a 404 names the
 * ids that still answer, on Vertex AI ({@link VeoVertex}).
 *
 * <p>Plain HTTP, not the official SDK, on purpose: {@code google-genai} 2.3.0 refuses {@code generateVideos} in
 * Gemini-API mode ({@code UnsupportedOperationException}: "only supported in Gemini Enterprise Agent Platform mode")
 * and polls {@code v1}; Vertex AI, which the SDK does serve, goes through it. Thread-safe.
 */
final class Veo implements VideoProvider {
    static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";
    /** The output "URL" of a clip Veo returned inline: the bytes are fetched again from the operation when due. */
    static final String INLINE = "inline:videoBytes";

    private final String model;
    private final ProviderApi api;
    private final Map<String, String> keyHeader;

    Veo(String model, String baseUrl, String key, Clock clock) {
        this.model = model;
        this.keyHeader = Map.of("x-goog-api-key", key);
        this.api = new ProviderApi(baseUrl, keyHeader, clock);
    }

    /**
     * The Veo client the environment reaches: Vertex AI when {@code GOOGLE_CLOUD_PROJECT} is set (the SDK's own
     * precedence: project and location before an API key), else the Gemini API with {@code GEMINI_API_KEY}.
     *
     * @param baseUrl the job's or {@code ALICE_GOOGLE_BASE_URL}; null for Google's hosts
     * @throws IllegalArgumentException when neither is configured
     */
    static VideoProvider client(String model, String baseUrl, Map<String, String> env, Clock clock) {
        String project = env.get("GOOGLE_CLOUD_PROJECT");
        if (project != null && !project.isBlank()) {
            String location = env.get("GOOGLE_CLOUD_LOCATION");
            return new VeoVertex(model, baseUrl, project.strip(),
                    location == null || location.isBlank() ? VeoVertex.DEFAULT_LOCATION : location.strip(),
                    VeoVertex.credentials(env), clock);
        }
        String key = env.get("GEMINI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("google needs GOOGLE_CLOUD_PROJECT (with GOOGLE_CLOUD_LOCATION and Google "
                    + "application credentials) for Veo on Vertex AI, or GEMINI_API_KEY for the Gemini API");
        }
        return new Veo(model, baseUrl != null ? baseUrl : DEFAULT_BASE, key, clock);
    }

    @Override
    public Submission submit(VideoRequest r) {
        JsonNode op;
        try {
            op = api.post("/v1beta/models/" + r.model() + ":predictLongRunning", body(r));
        } catch (ProviderError e) {
            throw e.status() == 404 ? VeoRequests.unavailable(r.model(), e, "the Gemini API") : e;
        }
        String name = ProviderApi.text(op, "name");
        if (name == null) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null, "Veo answered without an operation name");
        }
        return new Submission(name, "/v1beta/" + name, null, null, "submitted");
    }

    static ObjectNode body(VideoRequest r) {
        ObjectNode b = ProviderApi.JSON.createObjectNode();
        ArrayNode instances = b.putArray("instances");
        ObjectNode instance = instances.addObject();
        instance.put("prompt", r.prompt());
        VeoRequests.StartImage image = VeoRequests.image(r);
        if (image != null) {
            ObjectNode i = instance.putObject("image");
            i.put("bytesBase64Encoded", Base64.getEncoder().encodeToString(image.bytes()));
            i.put("mimeType", image.mimeType());
        }
        b.set("parameters", VeoRequests.parameters(r));
        return b;
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        JsonNode op;
        try {
            op = api.getStreamed(job.statusUrl(), body -> VeoOperation.read(body, null).operation());
        } catch (IOException e) {
            throw new ProviderError(e instanceof com.fasterxml.jackson.core.JacksonException
                    ? ProviderError.Kind.BAD_ANSWER : ProviderError.Kind.AMBIGUOUS, 0, null,
                    "reading the Veo operation: " + e.getMessage());
        }
        if (!op.path("done").asBoolean(false)) {
            return RemoteStatus.of(RemoteStatus.Phase.RUNNING, "running");
        }
        JsonNode error = op.get("error");
        if (error != null && !error.isNull()) {
            String message = ProviderApi.text(error, "message");
            String status = ProviderApi.text(error, "status");
            return RemoteStatus.failed("error", message == null ? status : status == null ? message
                    : message + " (" + status + ")");
        }
        JsonNode response = op.path("response").path("generateVideoResponse");
        JsonNode video = response.path("generatedSamples").path(0).path("video");
        String uri = ProviderApi.text(video, "uri");
        if (uri != null) {
            return RemoteStatus.succeeded("done", api.url(uri), null);
        }
        if (ProviderApi.text(video, "encodedVideo") != null || ProviderApi.text(video, "bytesBase64Encoded") != null) {
            return RemoteStatus.succeeded("done", INLINE, null);
        }
        List<String> reasons = new ArrayList<>();
        response.path("raiMediaFilteredReasons").forEach(n -> reasons.add(n.asText()));
        JsonNode count = response.get("raiMediaFilteredCount");
        return RemoteStatus.failed("done", VeoRequests.noVideo(reasons, count == null ? null : count.asInt()));
    }

    @Override
    public boolean fetchOutput(VideoJob job, Path part, long maxBytes) throws Delivery.Failure {
        if (INLINE.equals(job.outputUrl())) {
            // the reply is decoded into the partial file as it arrives: a clip of gigabytes never sits in memory
            Download.writeStreamed(part, maxBytes, out -> {
                boolean held;
                try {
                    held = api.getStreamed(job.statusUrl(), body -> VeoOperation.read(body, out).clipWritten());
                } catch (ProviderError e) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "fetching the inline clip: "
                            + e.getMessage());
                }
                if (!held) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.EXPIRED, "the operation no longer holds the clip");
                }
            });
            return true;
        }
        if (job.outputUrl() != null && job.outputUrl().startsWith(api.base() + "/")) {
            // Gemini file URLs need the key; Download sends it to this host only, never after a redirect elsewhere.
            // Download rather than the SDK's files.download: it resumes, bounds the size and never files half a clip.
            Download.fetch(job.outputUrl(), part, keyHeader, Download::usableSpace, maxBytes);
            return true;
        }
        return false;
    }

    @Override
    public String cancel(VideoJob job) {
        return "not supported: Veo operations have no cancel; the operation may still finish and bill";
    }

    @Override
    public String maker(String model) {
        return "google";
    }

    @Override
    public String toString() {
        return "Veo[Gemini API, " + model + "]"; // never the key
    }
}
