package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;
    TempLibrary t;
    LibraryService library;
    WebServer server;

    @BeforeEach
    void setUp() throws Exception {
        t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("beta/b.png", TempLibrary.png(2));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        server = WebServer.start(library, "127.0.0.1", 0, null);
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void servesTheJsonApi() throws Exception {
        assertThat(json("/health").get("status").asText()).isEqualTo("ok");
        assertThat(json("/api/stats").get("assets").asInt()).isEqualTo(2);
        JsonNode list = json("/api/assets?limit=10&source=automatic1111");
        assertThat(list.get("items")).hasSize(2);
        assertThat(json("/api/assets?project=acme").get("items")).hasSize(1);
        assertThat(json("/api/assets?project=ACME").get("items")).as("whatever the case, as search").hasSize(1);
        assertThat(json("/api/search?project=Acme").get("total").asInt()).isEqualTo(1);
        String hash = list.get("items").get(0).get("content_hash").asText();
        JsonNode asset = json("/api/assets/" + hash);
        assertThat(asset.get("prompt").asText()).startsWith("a red fox");
        assertThat(asset.get("tags").toString()).contains("snow");
        assertThat(get("/api/assets/" + "0".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(json("/api/assets/" + hash + "/similar?max_distance=32").toString()).doesNotContain(hash);
        assertThat(json("/api/duplicates").isArray()).isTrue();
        JsonNode found = json("/api/search?q=fox&source=automatic1111&limit=5");
        assertThat(found.get("total").asInt()).isEqualTo(2);
        assertThat(found.has("took_ms")).isTrue();
        JsonNode uncounted = json("/api/search?q=fox&source=automatic1111&limit=1&total=false");
        assertThat(uncounted.get("total").isNull()).isTrue();
        assertThat(uncounted.get("items")).hasSize(1);
        assertThat(found.get("items").get(0).get("thumbnail").asText()).endsWith("/thumbnail");
        HttpResponse<String> tagged = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/assets/" + hash + "/tags")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"add\": [\"best of\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tagged.statusCode()).isEqualTo(200);
        assertThat(tagged.body()).contains("best of");
        assertThat(json("/api/search?tag=best%20of").get("total").asInt()).isEqualTo(1);
        assertThat(json("/api/search?model=fox_v&since=2020-01-01").get("total").asInt()).isEqualTo(2);
        assertThat(json("/api/search?model=owl").get("total").asInt()).isZero();
        assertThat(get("/api/search?since=not-a-date").statusCode()).isEqualTo(400);
        assertThat(get("/api/search?q=%27;%20DROP%20TABLE%20assets;--").statusCode()).isEqualTo(200);
        assertThat(json("/api/stats").get("assets").asInt()).isEqualTo(2);
        assertThat(get("/api/assets?limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void aFileNoDecoderReadsGetsAClearErrorNotA500() throws Exception {
        String hash = json("/api/assets").get("items").get(0).get("content_hash").asText();
        Path file = t.library().resolve(library.catalog().assetPaths().get(hash));
        Files.write(file, new byte[]{'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'}); // damaged on disk
        HttpResponse<byte[]> thumb = get("/api/assets/" + hash + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(thumb.body()).get("error").asText()).startsWith("cannot make a thumbnail");
    }

    @Test
    void servesThumbnailsCachedAndFilesOnlyFromTheLibrary() throws Exception {
        String hash = json("/api/assets").get("items").get(0).get("content_hash").asText();
        HttpResponse<byte[]> thumb = get("/api/assets/" + hash + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(thumb.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        assertThat(thumb.body()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(Files.walk(t.library().resolve(".alice/thumbs")).filter(Files::isRegularFile).count()).isEqualTo(1);
        HttpResponse<byte[]> file = get("/api/assets/" + hash + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(library.catalog().assetPaths().entrySet().stream()
                .filter(e -> e.getKey().equals(hash)).map(e -> read(t.library().resolve(e.getValue()))).findFirst().orElseThrow());
        for (String attack : new String[]{"/api/assets/..%2F..%2Fetc%2Fpasswd/file", "/api/assets/%2e%2e/file",
                "/api/assets/../../../../etc/passwd", "/web/../../etc/passwd", "/api/assets/..%252F/file"}) {
            HttpResponse<byte[]> r = get(attack);
            assertThat(r.statusCode()).as(attack).isIn(400, 404);
            assertThat(new String(r.body())).doesNotContain("root:");
        }
    }

    @Test
    void servesTheGalleryAndMetrics() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body())).contains("AliceMultiverse", "/api/assets");
        get("/api/stats");
        String metrics = new String(get("/metrics").body());
        assertThat(metrics).contains("alice_catalog_assets 2.0", "alice_http_requests_seconds_count");
        JsonNode summary = json("/api/metrics/summary");
        assertThat(summary.get("routes").has("/api/stats")).isTrue();
        JsonNode runs = json("/api/runs");
        assertThat(runs.get(0).get("organized").asInt()).isEqualTo(2);
        assertThat(new String(get("/stats.html").body())).contains("Organize throughput");
    }

    @Test
    void assetViewCarriesUnderstandingAndTagsComeOffAgain() throws Exception {
        String hash = json("/api/assets").get("items").get(0).get("content_hash").asText();
        assertThat(json("/api/assets/" + hash).get("understanding")).isEmpty();
        library.catalog().understanding().saveUnderstanding(List.of(new UnderstandingRow(hash, "openai", "gpt-4o-mini",
                "v1", "A red fox curled up in fresh snow.", "{\"subject\": [\"fox\"], \"mood\": [\"calm\"]}",
                null, null, LocalDateTime.of(2026, 1, 2, 3, 4),
                List.of(new AssetRecord.Tag("calm", "mood", "understanding", null)))), List.of());
        JsonNode asset = json("/api/assets/" + hash);
        JsonNode u = asset.get("understanding").get(0);
        assertThat(u.get("description").asText()).isEqualTo("A red fox curled up in fresh snow.");
        assertThat(u.get("tags").get("mood").get(0).asText()).isEqualTo("calm");
        assertThat(u.get("provider").asText()).isEqualTo("openai");
        assertThat(asset.get("tags").toString()).contains("\"origin\":\"understanding\"");

        Http http = new Http(server.port());
        assertThat(http.post("/api/assets/" + hash + "/tags", "{\"add\": [\"keeper\", \"print\"]}").status())
                .isEqualTo(200);
        Http.Response removed = http.post("/api/assets/" + hash + "/tags", "{\"remove\": [\"keeper\"]}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().toString()).contains("print").doesNotContain("keeper");
        assertThat(json("/api/search?tag=keeper").get("total").asInt()).isZero();
        assertThat(json("/api/search?tag=print").get("total").asInt()).isEqualTo(1);
        assertThat(http.post("/api/assets/" + hash + "/tags", "{}").status()).isEqualTo(400);
    }

    @Test
    void metricsHaveSearchLatencyByQueryKind() throws Exception {
        json("/api/search?tag=snow");
        json("/api/search?q=fox");
        json("/api/search?q=fox&source=automatic1111");
        String metrics = new String(get("/metrics").body());
        for (String kind : List.of("filter", "text", "plain")) {
            assertThat(metrics).contains("alice_search_seconds_bucket{kind=\"" + kind + "\"");
        }
        assertThat(metrics).containsPattern("alice_search_seconds_count\\{kind=\"filter\",?\\} [1-9]");
        JsonNode search = json("/api/metrics/summary").get("search");
        assertThat(search.get("text").get("count").asInt()).isPositive();
        assertThat(search.get("plain").has("p95_ms")).isTrue();
    }

    @Test
    void nonLoopbackNeedsATokenAndTheTokenIsChecked() throws Exception {
        assertThatThrownBy(() -> WebServer.start(library, "0.0.0.0", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        try (WebServer guarded = WebServer.start(library, "127.0.0.1", 0, "s3cret")) {
            String base = "http://127.0.0.1:" + guarded.port();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/stats"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/stats?token=s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Range", range).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void fileRouteAnswersRangeRequestsWithPartialContent() throws Exception {
        String hash = json("/api/assets").get("items").get(0).get("content_hash").asText();
        byte[] whole = read(t.library().resolve(library.catalog().assetPaths().get(hash)));
        String file = "/api/assets/" + hash + "/file";
        HttpResponse<byte[]> all = get(file);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(all.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(all.body()).isEqualTo(whole);

        HttpResponse<byte[]> middle = get(file, "bytes=10-19");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + whole.length);
        assertThat(middle.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 10, 20));

        HttpResponse<byte[]> open = get(file, "bytes=100-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, whole.length));
        HttpResponse<byte[]> suffix = get(file, "bytes=-7");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (whole.length - 7) + "-" + (whole.length - 1) + "/" + whole.length);
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, whole.length - 7, whole.length));
        HttpResponse<byte[]> pastEnd = get(file, "bytes=0-" + (whole.length + 1000));
        assertThat(pastEnd.statusCode()).isEqualTo(206);
        assertThat(pastEnd.body()).isEqualTo(whole);

        HttpResponse<byte[]> beyond = get(file, "bytes=" + whole.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
        // several ranges or garbage: the whole file, as the RFC allows
        assertThat(get(file, "bytes=0-1,5-6").body()).isEqualTo(whole);
        assertThat(get(file, "bytes=abc").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCarryTheJvmsMemoryGcCpuAndThreads() throws Exception {
        String metrics = new String(get("/metrics").body());
        assertThat(metrics).contains("jvm_memory_used_bytes{", "process_cpu_usage", "system_cpu_count",
                "jvm_threads_live_threads", "jvm_gc_", "process_uptime_seconds");
        JsonNode jvm = json("/api/metrics/summary").get("jvm");
        assertThat(jvm.get("heap_used_bytes").asLong()).isPositive();
        assertThat(jvm.get("heap_committed_bytes").asLong()).isGreaterThanOrEqualTo(jvm.get("heap_used_bytes").asLong());
        assertThat(jvm.get("threads").asInt()).isPositive();
    }

    @Test
    void statsSummaryHasCostPerDayApiCallsAndCachesAfterALocalUnderstandingRun() throws Exception {
        var request = new io.alicemultiverse.app.UnderstandRequest(List.of(), null, true, "local", null, null, null,
                false, false, false);
        var settings = io.alicemultiverse.understand.UnderstandSettings.defaults();
        synchronized (library) {
            library.understand(request, settings, java.util.Map.of(),
                    io.alicemultiverse.understand.UnderstandListener.NONE);
            library.understand(request, settings, java.util.Map.of(), // everything cached now
                    io.alicemultiverse.understand.UnderstandListener.NONE);
        }
        String hash = json("/api/assets").get("items").get(0).get("content_hash").asText();
        get("/api/assets/" + hash + "/thumbnail"); // a miss, then a hit
        get("/api/assets/" + hash + "/thumbnail");

        JsonNode summary = json("/api/metrics/summary");
        JsonNode spend = summary.get("spend");
        String today = java.time.LocalDate.now().toString();
        assertThat(spend.get("rows")).singleElement().satisfies(r -> {
            assertThat(r.get("day").asText()).isEqualTo(today);
            assertThat(r.get("operation").asText()).isEqualTo("understanding");
            assertThat(r.get("count").asInt()).isEqualTo(2);
            assertThat(r.get("unit").asText()).isEqualTo("images");
            assertThat(r.get("cost_usd").asDouble()).isZero();
        });
        assertThat(spend.get("by_operation").get("understanding").asDouble()).isZero();

        assertThat(summary.get("api_calls").toString()).contains("\"operation\":\"understanding\"",
                "\"provider\":\"local\"", "\"call\":\"analyse\"");
        JsonNode caches = summary.get("caches");
        assertThat(caches.get("understanding").get("hits").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(caches.get("understanding").get("misses").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(caches.get("thumbnail").get("hits").asInt()).isEqualTo(1);
        assertThat(caches.get("thumbnail").get("misses").asInt()).isEqualTo(1);
        assertThat(caches.get("thumbnail").get("hit_ratio").asDouble()).isEqualTo(0.5);
        assertThat(new String(get("/metrics").body()))
                .contains("alice_cache_lookups_total{cache=\"understanding\",result=\"hit\"}")
                .contains("alice_api_calls_total{call=\"analyse\",operation=\"understanding\",provider=\"local\"}");
        assertThat(new String(get("/stats.html").body())).contains("API cost per day", "Cache effectiveness",
                "Memory (MB)", "jobs.html");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
