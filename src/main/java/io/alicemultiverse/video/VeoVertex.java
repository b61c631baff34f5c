package io.alicemultiverse.video;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.GenerateVideosOperation;
import com.google.genai.types.GenerateVideosResponse;
import com.google.genai.types.GenerateVideosSource;
import com.google.genai.types.GeneratedVideo;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Image;
import com.google.genai.types.Video;
import io.alicemultiverse.http.RetryAfter;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Google Veo on Vertex AI through the official SDK ({@code com.google.genai:google-genai} 2.3.0, reference section
 * 2.3): {@code models.generateVideos} (the SDK posts {@code …/projects/P/locations/L/publishers/google/models/M
 * :predictLongRunning} with an OAuth bearer token from the Google application credentials), and
 * {@code operations.getVideosOperation} rebuilt from the stored operation name (the SDK posts
 * {@code …:fetchPredictOperation}). Without a Cloud Storage output the clip comes back inline, so it is fetched
 * again from the operation when delivered rather than held in memory or in the catalog. No cancel exists.
 *
 * <p>The SDK is made to fit alice's never-pay-twice rule: its own retry (five attempts, also after a connection
 * dropped mid-request) is set to one attempt, and its OkHttp client is alice's, which never re-sends a request on its
 * own and records whether a connection was made (so a dropped submit is {@code unknown}, not retried) and the
 * answer's {@code Retry-After} (which the SDK's exceptions do not carry). Thread-safe: SDK calls are synchronous, so
 * what one call saw on the wire is kept per thread.
 */
final class VeoVertex implements VideoProvider {
    static final String DEFAULT_LOCATION = "us-central1";
    private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** Held so the setting sticks: the SDK warns on stderr about environment variables alice passes explicitly. */
    private static final Logger SDK_LOG = Logger.getLogger("com.google.genai");

    static {
        SDK_LOG.setLevel(Level.SEVERE);
    }

    private final String model;
    private final Client client;
    private final String where;
    private final Clock clock;
    private final ThreadLocal<Wire> wire = ThreadLocal.withInitial(Wire::new);

    /** What the current SDK call did on the wire. */
    private static final class Wire {
        boolean connected;
        String retryAfter;
        byte[] errorBody;
    }

    /** @param baseUrl null for Google's regional host */
    VeoVertex(String model, String baseUrl, String project, String location, GoogleCredentials credentials,
              Clock clock) {
        this.model = model;
        this.clock = clock;
        this.where = "Vertex AI (" + project + ", " + location + ")";
        OkHttpClient http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .addNetworkInterceptor(chain -> {
                    Wire w = wire.get();
                    w.connected = true; // from here on the request may reach Google
                    Response answer = chain.proceed(chain.request());
                    w.retryAfter = answer.header("Retry-After");
                    if (!answer.isSuccessful()) { // the SDK keeps only Google's own error shape; keep the text
                        w.errorBody = answer.peekBody(64 * 1024).bytes();
                    }
                    return answer;
                })
                .build();
        HttpOptions.Builder options = HttpOptions.builder()
                .retryOptions(HttpRetryOptions.builder().attempts(1).build());
        if (baseUrl != null) {
            options.baseUrl(baseUrl);
        }
        this.client = Client.builder().vertexAI(true).project(project).location(location).credentials(credentials)
                .httpOptions(options.build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
    }

    /**
     * The Google application credentials: the file named by {@code GOOGLE_APPLICATION_CREDENTIALS} in {@code env},
     * else the SDK's default lookup (gcloud's file, the metadata server).
     *
     * @throws IllegalArgumentException when there are none
     */
    static GoogleCredentials credentials(Map<String, String> env) {
        String file = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        try {
            GoogleCredentials c;
            if (file != null && !file.isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(file.strip()))) {
                    c = GoogleCredentials.fromStream(in);
                }
            } else {
                c = GoogleCredentials.getApplicationDefault();
            }
            return c.createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("google (Vertex AI) needs Google application credentials "
                    + "(GOOGLE_APPLICATION_CREDENTIALS or gcloud auth application-default login): "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public Submission submit(VideoRequest r) {
        GenerateVideosSource.Builder source = GenerateVideosSource.builder().prompt(r.prompt());
        GenerateVideosOperation op;
        try {
            VeoRequests.StartImage image = VeoRequests.image(r);
            if (image != null) {
                source.image(Image.builder().imageBytes(image.bytes()).mimeType(image.mimeType()).build());
            }
            var config = VeoRequests.sdkConfig(VeoRequests.config(r));
            op = call(() -> client.models.generateVideos(r.model(), source.build(), config));
        } catch (IllegalArgumentException e) {
            throw new ProviderError(ProviderError.Kind.REJECTED, 0, null, e.getMessage()); // nothing was sent
        } catch (ProviderError e) {
            throw e.status() == 404 ? VeoRequests.unavailable(r.model(), e, where) : e;
        }
        String name = op.name().orElse(null);
        if (name == null || name.isBlank()) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, 200, null, "Veo answered without an operation name");
        }
        return new Submission(name, null, null, null, "submitted");
    }

    @Override
    public RemoteStatus check(VideoJob job) {
        GenerateVideosOperation op = operation(job);
        if (!op.done().orElse(false)) {
            return RemoteStatus.of(RemoteStatus.Phase.RUNNING, "running");
        }
        if (op.error().isPresent()) {
            Map<String, Object> e = op.error().get();
            Object message = e.get("message");
            return RemoteStatus.failed("error", message != null ? ProviderApi.shorten(message.toString())
                    : "code " + e.get("code"));
        }
        Optional<GenerateVideosResponse> response = op.response();
        Optional<Video> video = response.flatMap(GenerateVideosResponse::generatedVideos)
                .flatMap(l -> l.stream().findFirst()).flatMap(GeneratedVideo::video);
        if (video.flatMap(Video::videoBytes).isPresent()) {
            return RemoteStatus.succeeded("done", Veo.INLINE, null);
        }
        if (video.flatMap(Video::uri).isPresent()) {
            return RemoteStatus.failed("done", "Veo wrote the clip to " + video.get().uri().get()
                    + ", which alice cannot fetch");
        }
        return RemoteStatus.failed("done", VeoRequests.noVideo(
                response.flatMap(GenerateVideosResponse::raiMediaFilteredReasons).orElse(null),
                response.flatMap(GenerateVideosResponse::raiMediaFilteredCount).orElse(null)));
    }

    @Override
    public boolean fetchOutput(VideoJob job, Path part, long maxBytes) throws Delivery.Failure {
        if (!Veo.INLINE.equals(job.outputUrl())) {
            return false;
        }
        GenerateVideosOperation op;
        try {
            op = operation(job);
        } catch (ProviderError e) {
            throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "fetching the clip: " + e.getMessage());
        }
        byte[] bytes = op.response().flatMap(GenerateVideosResponse::generatedVideos)
                .flatMap(l -> l.stream().findFirst()).flatMap(GeneratedVideo::video).flatMap(Video::videoBytes)
                .orElseThrow(() -> new Delivery.Failure(Delivery.Failure.Kind.EXPIRED,
                        "the operation no longer holds the clip"));
        Download.write(bytes, part, maxBytes); // the SDK has read the whole reply already: only the ceiling is left
        return true;
    }

    private GenerateVideosOperation operation(VideoJob job) {
        GenerateVideosOperation stored = GenerateVideosOperation.builder().name(job.providerJobId()).build();
        return call(() -> client.operations.getVideosOperation(stored, null));
    }

    /** Runs one SDK call, mapping what went wrong to a {@link ProviderError} the scheduler understands. */
    private <T> T call(java.util.function.Supplier<T> sdkCall) {
        Wire w = wire.get();
        w.connected = false;
        w.retryAfter = null;
        w.errorBody = null;
        try {
            return sdkCall.get();
        } catch (ApiException e) {
            int s = e.code();
            ProviderError.Kind kind = s == 429 ? ProviderError.Kind.RATE_LIMITED
                    : s >= 500 ? ProviderError.Kind.SERVER : ProviderError.Kind.REJECTED;
            String message = e.message() == null || e.message().isBlank()
                    ? (w.errorBody == null ? null : ProviderApi.message(w.errorBody))
                    : ProviderApi.shorten(e.message());
            return fail(new ProviderError(kind, s, RetryAfter.parse(w.retryAfter, clock.instant()),
                    "HTTP " + s + (message == null ? "" : ": " + message)));
        } catch (GenAiIOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return fail(new ProviderError(w.connected ? ProviderError.Kind.AMBIGUOUS : ProviderError.Kind.NOT_SENT, 0,
                    null, "Veo on " + where + ": " + cause.getClass().getSimpleName()
                    + (w.connected ? " after the request was sent" : " before the request was sent")));
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
            // the SDK refused before sending (a bad argument) or could not read the answer
            return fail(new ProviderError(w.connected ? ProviderError.Kind.BAD_ANSWER : ProviderError.Kind.REJECTED,
                    0, null, "Veo on " + where + ": " + ProviderApi.shorten(String.valueOf(e.getMessage()))));
        }
    }

    private static <T> T fail(ProviderError e) {
        throw e;
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
        return "Veo[" + where + ", " + model + "]";
    }
}
