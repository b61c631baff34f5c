package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.VideoJob;
import io.alicemultiverse.video.VideoRequest;
import io.alicemultiverse.video.VideoService;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The video jobs routes against a fake fal queue on 127.0.0.1: the job list with its fields, one job, and a cancel
 * that reaches the provider and is recorded — and cancels that a hostile page could send (another origin, a form
 * post, no token) which reach nothing.
 */
class WebVideoJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "t0ken-for-video";
    static final String PROMPT = "a lighthouse <img src=x onerror=\"document.title='pwned'\"> at dusk";

    @TempDir
    Path tmp;
    private final MockWebServer fal = new MockWebServer();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private LibraryService library;
    private WebServer server;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        fal.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                String root = fal.url("/fal-ai/veo3/requests/r1").toString();
                String body = r.getMethod().equals("POST") ? "{\"request_id\":\"r1\",\"status_url\":\"" + root
                        + "/status\",\"response_url\":\"" + root + "\",\"cancel_url\":\"" + root + "/cancel\"}"
                        : r.getMethod().equals("PUT") ? "{\"status\":\"CANCELLATION_REQUESTED\"}"
                        : "{\"status\":\"IN_QUEUE\"}";
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(body).build();
            }
        });
        fal.start(InetAddress.getByName("127.0.0.1"), 0);
        env = Map.of("FAL_KEY", "fal-web-key", "ALICE_FAL_BASE_URL", fal.url("/").toString());
        library = LibraryService.open(tmp.resolve("library"), Layout.of(Layout.DEFAULT), Clock.systemUTC());
        server = WebServer.start(library, "127.0.0.1", 0, TOKEN, List.of(),
                () -> library.video(UnderstandSettings.defaults(), env));
    }

    @AfterEach
    void stop() {
        server.close();
        library.close();
        fal.close();
    }

    /** A job submitted as {@code alice video generate} would (the estimate known, the user said yes). */
    static VideoJob submit(LibraryService library, Map<String, String> env) {
        VideoService video = library.video(UnderstandSettings.defaults(), env);
        VideoRequest r = new VideoRequest("fal", "fal-ai/veo3", PROMPT, null, null, null, 8, "16:9", "720p", 7L,
                Map.of(), "coast", 60);
        return video.submit(video.plan(List.of(r)), null, null, true).get(0);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long cancelsAtFal() {
        return requests.stream().filter(r -> r.getMethod().equals("PUT")).count();
    }

    @Test
    void listsJobsWithTheirFieldsAndShowsOne() throws Exception {
        VideoJob job = submit(library, env);
        JsonNode list = get("/api/video/jobs");
        assertThat(list.path("jobs")).hasSize(1);
        JsonNode j = list.path("jobs").get(0);
        // the list advanced the job: submitted to fal, which answered r1 and then a status
        assertThat(j.path("id").asText()).isEqualTo(job.id());
        assertThat(j.path("provider").asText()).isEqualTo("fal");
        assertThat(j.path("model").asText()).isEqualTo("fal-ai/veo3");
        assertThat(j.path("state").asText()).isEqualTo("queued");
        assertThat(j.path("prompt").asText()).isEqualTo(PROMPT);
        assertThat(j.path("provider_job_id").asText()).isEqualTo("r1");
        assertThat(j.path("estimate_usd").asDouble()).isPositive();
        assertThat(j.path("cost_usd").isNull()).isTrue();
        assertThat(j.path("elapsed_seconds").isIntegralNumber()).isTrue();
        assertThat(j.path("active").asBoolean()).isTrue();
        assertThat(j.path("cancellable").asBoolean()).isTrue();
        for (String key : List.of("path", "content_hash", "error", "created_at", "updated_at")) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        assertThat(list.toString()).doesNotContain("fal-web-key").doesNotContain(fal.url("/").toString());
        assertThat(get("/api/video/jobs?state=queued&limit=5").path("jobs")).hasSize(1);
        assertThat(get("/api/video/jobs?state=succeeded").path("jobs")).isEmpty();
        assertThat(get("/api/video/jobs/" + job.id()).path("prompt").asText()).isEqualTo(PROMPT);
        assertThat(get("/api/video/jobs/" + job.id()).has("job")).as("the job's fields at the top").isFalse();
        assertThat(get("/api/video/jobs/" + job.id()).has("advance_error")).as("only when advancing failed").isFalse();
        assertThat(get("/api/video/jobs/" + job.id().substring(0, 8)).path("id").asText()).isEqualTo(job.id());

        Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
        assertThat(send("GET", "/api/video/jobs?state=done", auth, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/video/jobs?limit=0", auth, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/video/jobs/vnothere", auth, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/video/jobs/" + "%27%20OR%201=1", auth, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/video/jobs", Map.of(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void cancelReachesTheProviderAndIsRecordedOnlyFromTheSameOriginWithJsonAndTheToken() throws Exception {
        VideoJob job = submit(library, env);
        assertThat(get("/api/video/jobs/" + job.id()).path("state").asText()).isEqualTo("queued");
        String cancel = "/api/video/jobs/" + job.id() + "/cancel";
        String self = "http://127.0.0.1:" + server.port();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);

        // what a hostile page or a local process without the token can send: refused before anything moves
        assertThat(send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN, "Origin", "https://evil.example",
                "Content-Type", "application/json"), "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN, "Sec-Fetch-Site", "cross-site",
                "Content-Type", "application/json"), "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN, "Origin", self,
                "Content-Type", "application/x-www-form-urlencoded"), "x=1").statusCode()).isEqualTo(415);
        assertThat(send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "text/plain"),
                "{}").statusCode()).isEqualTo(415);
        assertThat(send("POST", cancel, Map.of("Origin", self, "Content-Type", "application/json"), "{}")
                .statusCode()).isEqualTo(401);
        assertThat(send("GET", cancel, auth, null).statusCode()).isIn(404, 405); // no GET route changes anything
        assertThat(cancelsAtFal()).isZero();
        assertThat(get("/api/video/jobs/" + job.id()).path("state").asText()).isEqualTo("queued");

        HttpResponse<String> done = send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN, "Origin", self,
                "Content-Type", "application/json"), "{}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(done.body());
        assertThat(answer.path("state").asText()).isEqualTo("cancelled");
        assertThat(answer.path("error").asText()).contains("CANCELLATION_REQUESTED");
        assertThat(answer.path("cancellable").asBoolean()).isFalse();
        assertThat(cancelsAtFal()).isEqualTo(1);
        assertThat(requests.stream().filter(r -> r.getMethod().equals("PUT")).findFirst().orElseThrow()
                .getUrl().encodedPath()).endsWith("/requests/r1/cancel");
        // recorded in the catalog, as every surface sees it
        assertThat(library.video(UnderstandSettings.defaults(), env).status(job.id()).state().id())
                .isEqualTo("cancelled");

        HttpResponse<String> again = send("POST", cancel, Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already cancelled");
        assertThat(send("POST", "/api/video/jobs/vnothere/cancel", Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), "{}").statusCode()).isEqualTo(404);
        assertThat(cancelsAtFal()).isEqualTo(1);
    }
}
