package io.alicemultiverse.video;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.alicemultiverse.video.FakeVideoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Veo's answers the shared scenarios do not reach: safety-filtered results, retired model ids, Google's 429 shape,
 * how the environment picks Vertex AI or the Gemini API, and where the key may go. Real HTTP on 127.0.0.1.
 */
class VeoTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private static final String RAI = "{\"name\":\"op\",\"done\":true,\"response\":{\"raiMediaFilteredCount\":1,"
            + "\"raiMediaFilteredReasons\":[\"The prompt could not be submitted: it may violate our policies.\"]";

    private final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    private Veo gemini() {
        return new Veo("veo-3.1-generate-001", base(), "gm-test-key", CLOCK);
    }

    private VideoProvider vertex() {
        Map<String, String> env = Map.of("GOOGLE_CLOUD_PROJECT", "alice-test", "GOOGLE_CLOUD_LOCATION", "us-central1",
                "GOOGLE_APPLICATION_CREDENTIALS", VeoProtocols.serviceAccount(base() + "/token").toString());
        return VideoProviders.GOOGLE.client("veo-3.1-generate-001", base(), env, CLOCK);
    }

    private void token() {
        server.enqueue(json(200, "{\"access_token\":\"" + VeoProtocols.TOKEN + "\",\"expires_in\":3600}"));
    }

    private static VideoJob job(String name) {
        VideoRequest r = VeoProtocols.request("veo-3.1-generate-001", "waves");
        VideoJob j = VideoJob.create("j1", r, null, null, CLOCK.instant());
        return j.edit(CLOCK.instant(), e -> {
            e.providerJobId = name;
            e.statusUrl = "/v1beta/" + name;
            e.state = JobState.RUNNING;
        });
    }

    @Test
    void aSafetyFilteredResultOnTheGeminiApiFailsWithTheReasons() throws Exception {
        server.enqueue(json(200, RAI.replace("\"response\":{", "\"response\":{\"generateVideoResponse\":{") + "}}}"));
        RemoteStatus s = gemini().check(job("models/veo-3.1-generate-001/operations/op"));
        assertThat(s.phase()).isEqualTo(RemoteStatus.Phase.FAILED);
        assertThat(s.error()).contains("safety filters").contains("may violate our policies");
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/v1beta/models/veo-3.1-generate-001/operations/op");
    }

    @Test
    void aSafetyFilteredResultOnVertexFailsWithTheReasonsAndPollsByFetchPredictOperation() throws Exception {
        token();
        server.enqueue(json(200, RAI + "}}"));
        String name = "projects/alice-test/locations/us-central1/publishers/google/models/veo-3.1-generate-001/"
                + "operations/op";
        RemoteStatus s = vertex().check(job(name));
        assertThat(s.phase()).isEqualTo(RemoteStatus.Phase.FAILED);
        assertThat(s.error()).contains("may violate our policies");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/token");
        RecordedRequest poll = server.takeRequest();
        assertThat(poll.getMethod()).isEqualTo("POST");
        assertThat(poll.getUrl().encodedPath()).isEqualTo("/v1beta1/projects/alice-test/locations/us-central1/"
                + "publishers/google/models/veo-3.1-generate-001:fetchPredictOperation");
        assertThat(FakeVideoApi.JSON.readTree(poll.getBody().utf8()).get("operationName").asText()).isEqualTo(name);
        assertThat(poll.getHeaders().get("Authorization")).isEqualTo("Bearer " + VeoProtocols.TOKEN);
    }

    @Test
    void aRetiredModelIsRefusedNamingItAndTheCurrentIds() {
        String gone = "{\"error\":{\"code\":404,\"message\":\"models/veo-3.1-generate-preview is no longer available"
                + " to new users.\",\"status\":\"NOT_FOUND\"}}";
        server.enqueue(json(404, gone));
        VideoRequest r = VeoProtocols.request("veo-3.1-generate-preview", "waves");
        assertThatThrownBy(() -> gemini().submit(r)).isInstanceOfSatisfying(ProviderError.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderError.Kind.REJECTED);
            assertThat(e.getMessage()).contains("veo-3.1-generate-preview").contains("is no longer available")
                    .contains("veo-3.1-generate-001").contains("veo-3.1-fast-generate-001")
                    .doesNotContain("gm-test-key");
        });
        token();
        server.enqueue(json(404, gone));
        assertThatThrownBy(() -> vertex().submit(r)).isInstanceOfSatisfying(ProviderError.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderError.Kind.REJECTED);
            assertThat(e.getMessage()).contains("Vertex AI (alice-test, us-central1)").contains("no longer available")
                    .contains("veo-3.1-fast-generate-001");
        });
    }

    @Test
    void resourceExhaustedIsRateLimitedWithRetryAfterOnBothApis() {
        String body = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for aiplatform.googleapis.com\","
                + "\"status\":\"RESOURCE_EXHAUSTED\"}}";
        VideoRequest r = VeoProtocols.request("veo-3.1-generate-001", "waves");
        server.enqueue(json(429, body).newBuilder().addHeader("Retry-After", "30").build());
        assertThatThrownBy(() -> gemini().submit(r)).isInstanceOfSatisfying(ProviderError.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderError.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(e.getMessage()).contains("Quota exceeded");
        });
        token();
        server.enqueue(json(429, body).newBuilder().addHeader("Retry-After", "45").build());
        assertThatThrownBy(() -> vertex().submit(r)).isInstanceOfSatisfying(ProviderError.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderError.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(45));
            assertThat(e.getMessage()).contains("Quota exceeded");
        });
        assertThat(server.getRequestCount()).isEqualTo(3); // one each, no retry inside the SDK (plus the token)
    }

    @Test
    void theEnvironmentPicksVertexWhenAProjectIsSetElseTheGeminiApi() {
        Map<String, String> env = new HashMap<>(Map.of("GEMINI_API_KEY", "gm-secret-key"));
        VideoProvider g = VideoProviders.GOOGLE.client("veo-3.1-generate-001", null, env, CLOCK);
        assertThat(g).isInstanceOf(Veo.class);
        assertThat(g.toString()).contains("Gemini API").doesNotContain("gm-secret-key");

        env.put("GOOGLE_CLOUD_PROJECT", "alice-test");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", VeoProtocols.serviceAccount(base() + "/token").toString());
        VideoProvider v = VideoProviders.GOOGLE.client("veo-3.1-generate-001", null, env, CLOCK);
        assertThat(v).isInstanceOf(VeoVertex.class);
        assertThat(v.toString()).contains("alice-test").contains("us-central1"); // the default location

        env.put("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("missing.json").toString());
        assertThatThrownBy(() -> VideoProviders.GOOGLE.client("m", null, env, CLOCK))
                .hasMessageContaining("Google application credentials");
        assertThatThrownBy(() -> VideoProviders.GOOGLE.client("m", null, Map.of(), CLOCK))
                .hasMessageContaining("GOOGLE_CLOUD_PROJECT").hasMessageContaining("GEMINI_API_KEY");
    }

    @Test
    void requestsVeoCannotTakeAreRefusedBeforeAnythingIsSent() {
        VideoRequest url = new VideoRequest("google", "veo-3.1-generate-001", "waves", null,
                "https://example.com/a.png", null, null, null, null, null, Map.of(), null, 0);
        assertThatThrownBy(() -> VideoProviders.GOOGLE.validate(url)).hasMessageContaining("not a URL");
        VideoRequest documented = VeoProtocols.request("veo-3.1-generate-001", "waves").on("google", "veo-3.1-generate-001");
        VideoRequest bogus = new VideoRequest("google", "veo-3.1-generate-001", "waves", null, null, null, null, null,
                null, null, Map.of("cfgScale", "0.5"), null, 0);
        assertThatThrownBy(() -> VideoProviders.GOOGLE.validate(bogus)).hasMessageContaining("cfgScale");
        VideoRequest two = new VideoRequest("google", "veo-3.1-generate-001", "waves", null, null, null, null, null,
                null, null, Map.of("sampleCount", "2"), null, 0);
        assertThatThrownBy(() -> VideoProviders.GOOGLE.validate(two)).hasMessageContaining("one clip");
        VideoProviders.GOOGLE.validate(documented); // the documented fields and a known --param pass
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theKeyGoesWithTheFileDownloadButNotAfterARedirectToAnotherHost() throws Exception {
        try (MockWebServer storage = new MockWebServer()) {
            storage.start(InetAddress.getByName("127.0.0.1"), 0);
            byte[] clip = Clips.mp4(3);
            storage.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
                    .body(new Buffer().write(clip)).build());
            // "localhost" is another origin than 127.0.0.1 for the same server
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location",
                    storage.url("/signed/clip.mp4").toString().replace("127.0.0.1", "localhost")).build());
            VideoJob j = job("models/veo-3.1-generate-001/operations/op")
                    .edit(CLOCK.instant(), e -> e.outputUrl = base() + "/v1beta/files/abc:download?alt=media");
            Path part = dir.resolve("clip.part");
            assertThat(gemini().fetchOutput(j, part, Download.MAX_BYTES)).isTrue();
            assertThat(Files.readAllBytes(part)).isEqualTo(clip);
            assertThat(server.takeRequest().getHeaders().get("x-goog-api-key")).isEqualTo("gm-test-key");
            assertThat(storage.takeRequest().getHeaders().get("x-goog-api-key")).isNull();
        }
        VideoJob elsewhere = job("op").edit(CLOCK.instant(), e -> e.outputUrl = "https://cdn.example.com/clip.mp4");
        assertThat(gemini().fetchOutput(elsewhere, dir.resolve("x.part"), Download.MAX_BYTES)).isFalse(); // a plain GET, no key
    }

    private static String inlineOperation(byte[] clip) {
        return "{\"name\":\"op\",\"done\":true,\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{"
                + "\"video\":{\"encodedVideo\":\"" + java.util.Base64.getEncoder().encodeToString(clip)
                + "\",\"mimeType\":\"video/mp4\"}}]}}}";
    }

    @Test
    void anInlineClipIsDecodedIntoThePartialFileAsItArrivesEvenPastJacksonsLimitOnOneString() throws Exception {
        byte[] clip = new byte[16 << 20]; // its 22 million base64 characters are more than Jackson holds in one string
        new java.util.Random(7).nextBytes(clip);
        String operation = inlineOperation(clip);
        server.enqueue(json(200, operation));
        server.enqueue(json(200, operation));
        VideoJob j = job("models/veo-3.1-generate-001/operations/op");
        RemoteStatus s = gemini().check(j);
        assertThat(s.phase()).isEqualTo(RemoteStatus.Phase.SUCCEEDED);
        assertThat(s.outputUrl()).isEqualTo(Veo.INLINE);
        Path part = dir.resolve("clip.part");
        assertThat(gemini().fetchOutput(j.edit(CLOCK.instant(), e -> e.outputUrl = Veo.INLINE), part,
                Download.MAX_BYTES)).isTrue();
        assertThat(io.alicemultiverse.media.ContentHash.of(part))
                .isEqualTo(io.alicemultiverse.media.ContentHash.of(clip));
        for (int i = 0; i < 2; i++) {
            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("GET");
            assertThat(r.getUrl().encodedPath()).isEqualTo("/v1beta/models/veo-3.1-generate-001/operations/op");
            assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo("gm-test-key");
        }
    }

    @Test
    void anInlineClipPastTheCeilingStopsThereAndLeavesNoPartialFile() throws Exception {
        server.enqueue(json(200, inlineOperation(new byte[300_000])));
        Path part = Files.write(dir.resolve("clip.part"), new byte[]{1, 2, 3}); // an earlier attempt's leftovers
        VideoJob j = job("models/veo-3.1-generate-001/operations/op").edit(CLOCK.instant(),
                e -> e.outputUrl = Veo.INLINE);
        assertThatThrownBy(() -> gemini().fetchOutput(j, part, 100_000))
                .isInstanceOfSatisfying(Delivery.Failure.class, f -> assertThat(f.kind())
                        .isEqualTo(Delivery.Failure.Kind.TOO_LARGE))
                .hasMessageContaining("100000");
        assertThat(part).doesNotExist();
        server.enqueue(json(200, "{\"name\":\"op\",\"done\":true,\"response\":{}}"));
        assertThatThrownBy(() -> gemini().fetchOutput(j, part, 100_000))
                .isInstanceOfSatisfying(Delivery.Failure.class, f -> assertThat(f.kind())
                        .isEqualTo(Delivery.Failure.Kind.EXPIRED));
        assertThat(part).doesNotExist();
    }
}
