package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API answers bad requests as the CLI does and in one shape: an unknown source is a 400 naming the sources
 * (it listed nothing, 200), a frame rate that is not a whole number a 400 (it was taken as 24), a body over the
 * limit a 413 in JSON (it was plain text), and tags for an asset that is not there a 404 (it was a 400).
 */
class WebApiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;
    LibraryService library;
    WebServer server;
    String hash;

    @BeforeEach
    void setUp() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        hash = library.catalog().assetPaths().keySet().iterator().next();
        server = WebServer.start(library, "127.0.0.1", 0, null);
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code error} of a JSON error answer (failing when the answer is not one). */
    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/json");
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.has("error")).as(r.body()).isTrue();
        return n.get("error").asText();
    }

    @Test
    void anUnknownSourceIsA400NamingTheSources() throws Exception {
        HttpResponse<String> bogus = get("/api/assets?source=bogus");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(error(bogus)).contains("unknown source 'bogus'").contains("comfyui", "automatic1111");
        assertThat(get("/api/search?source=bogus").statusCode()).isEqualTo(400); // as search already did
        HttpResponse<String> a1111 = get("/api/assets?source=a1111"); // an alias, as the CLI reads it
        assertThat(a1111.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(a1111.body()).get("items")).hasSize(1);
    }

    @Test
    void aFrameRateThatIsNotAWholeNumberIsA400() throws Exception {
        for (String fps : new String[]{"\"abc\"", "24.5", "true", "[24]", "0", "61"}) {
            HttpResponse<String> r = post("/api/timeline", "{\"assets\": [\"" + hash + "\"], \"fps\": " + fps + "}");
            assertThat(r.statusCode()).as(fps).isEqualTo(400);
            assertThat(error(r)).as(fps).contains("fps").contains("whole number");
        }
        HttpResponse<String> still = post("/api/timeline", "{\"assets\": [\"" + hash + "\"], \"still_seconds\": \"x\"}");
        assertThat(still.statusCode()).isEqualTo(400);
        assertThat(error(still)).contains("still_seconds");
        for (String fps : new String[]{"25", "\"25\""}) {
            HttpResponse<String> ok = post("/api/timeline", "{\"assets\": [\"" + hash + "\"], \"format\": \"edl\", "
                    + "\"fps\": " + fps + "}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
    }

    @Test
    void anOversizedBodyIsA413InJson() throws Exception {
        String big = "{\"add\": [\"" + "x".repeat(2 << 20) + "\"]}";
        HttpResponse<String> r = post("/api/assets/" + hash + "/tags", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r)).isNotBlank();
    }

    @Test
    void textAfterTheJsonObjectIsA400AndChangesNothing() throws Exception {
        for (String body : List.of("{\"add\": [\"trailing\"]} trailing", "{\"add\": [\"trailing\"]}{\"add\": [\"x\"]}")) {
            HttpResponse<String> r = post("/api/assets/" + hash + "/tags", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(error(r)).contains("not valid JSON");
        }
        assertThat(get("/api/assets/" + hash).body()).doesNotContain("trailing");
    }

    @Test
    void taggingAnAssetThatIsNotThereIsA404() throws Exception {
        HttpResponse<String> r = post("/api/assets/" + "0".repeat(64) + "/tags", "{\"add\": [\"x\"]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r)).contains("no asset " + "0".repeat(64));
        assertThat(post("/api/assets/not-a-hash/tags", "{\"add\": [\"x\"]}").statusCode()).isEqualTo(400);
    }

    /** What the server answers to {@code request} sent as it is, bytes on a socket (no client tidies it up). */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Requests Jetty refuses before any route runs — a malformed header line, no Host, an illegal path character, a
     * URI or headers too large — were answered with Jetty's HTML error page (echoing the URI); they are the API's
     * JSON error with its protective headers, and name no server software.
     */
    @Test
    void requestsJettyRefusesAreAnsweredInTheApisJsonShape() throws Exception {
        for (String request : List.of(
                "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
                "GET /api/stats HTTP/1.1\r\n\r\n",
                "GARBAGE\r\n\r\n",
                "GET /\\..\\.alice HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            String answer = raw(request);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(head).as(request.substring(0, Math.min(60, request.length())))
                    .matches("(?s)HTTP/1.1 4(00|14|31) .*").containsIgnoringCase("Content-Type: application/json")
                    .contains("X-Content-Type-Options: nosniff").doesNotContainIgnoringCase("Server:");
            assertThat(JSON.readTree(body).get("error").asText()).matches("4(00|14|31) .+");
            assertThat(body).doesNotContain("<html", "passwd", ".alice");
        }
    }

    @Test
    void aSearchOfPunctuationAloneIsA400AsInTheCli() throws Exception {
        HttpResponse<String> r = get("/api/search?q=%21%21%21"); // "!!!"
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("has no words to search for");
        HttpResponse<String> not = get("/api/search?q=-project%3Aacme"); // "-project:acme": the only asset is in acme
        assertThat(not.statusCode()).as(not.body()).isEqualTo(200);
        assertThat(JSON.readTree(not.body()).get("total").asInt()).isZero();
    }
}
