package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of issue 15 against a started server, over raw HTTP/1.1 on a socket (so that {@code Host},
 * {@code Origin} and {@code Sec-Fetch-Site} are exactly what a hostile page's browser would send): DNS rebinding,
 * cross-site form and text posts, framing, unbounded numbers, malformed JSON, metric label growth, and the token
 * swapped for a cookie. None may read or change the library.
 */
class WebSecurityTest {
    private static final String TOKEN = "t0ken-for-tests";

    @TempDir
    Path tmp;
    TempLibrary t;
    LibraryService library;
    WebServer server;
    String hash;

    @BeforeEach
    void setUp() throws Exception {
        t = new TempLibrary(tmp);
        BufferedImage fox = Pictures.photo(1, 128, 128, 6);
        write("fox/fox.png", fox);
        write("fox/fox-half.png", scale(fox, 64));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        hash = library.catalog().assetPaths().keySet().iterator().next();
        server = WebServer.start(library, "127.0.0.1", 0, TOKEN);
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    /** A raw HTTP exchange: status, headers (lower-case names), body. */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    private Reply send(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", "127.0.0.1:" + server.port());
            h.putAll(headers);
            h.put("Connection", "close");
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                h.put("Content-Length", Integer.toString(b.length));
            }
            h.forEach((k, v) -> {
                if (v != null) {
                    req.append(k).append(": ").append(v).append("\r\n");
                }
            });
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip(),
                    (a, b) -> a + "\n" + b);
        }
        String body = text.substring(split + 4);
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int n = Integer.parseInt(body.substring(i, eol).split(";")[0].strip(), 16);
            if (n == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
        return out.toString();
    }

    private Reply get(String path, Map<String, String> headers) throws IOException {
        return send("GET", path, headers, null);
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, String> with(Map<String, String> a, String k, String v) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.put(k, v);
        return m;
    }

    private List<String> userTags() {
        return library.catalog().select("SELECT tag FROM tags WHERE origin = 'user'", List.of(), rs -> rs.getString(1));
    }

    @Test
    void aLinkIntoTheLibrarysPrivateFolderIsNotServed() throws Exception {
        Path file = t.library().resolve(library.asset(hash).orElseThrow().get("path").toString());
        assertThat(get("/api/assets/" + hash + "/file", auth()).status()).isEqualTo(200);
        Files.delete(file);
        Files.createSymbolicLink(file, t.library().resolve(".alice").resolve("catalog.duckdb"));
        Reply r = get("/api/assets/" + hash + "/file", auth());
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(get("/api/assets/" + hash + "/thumbnail", auth()).status()).isEqualTo(404);
    }

    @Test
    void aForeignHostNameIsRefusedEvenWithTheToken() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + server.port(), "127.0.0.1.nip.io",
                "localhost.evil.example", "")) {
            Reply r = get("/api/assets", with(auth(), "Host", host));
            assertThat(r.status()).as(host).isEqualTo(host.isEmpty() ? 400 : 403);
            assertThat(r.body()).doesNotContain(hash);
        }
        assertThat(get("/api/assets/" + hash + "/file", with(auth(), "Host", "rebind.evil.example")).status())
                .isEqualTo(403);
        assertThat(get("/", Map.of("Host", "evil.example")).status()).isEqualTo(403);
        for (String host : List.of("localhost:" + server.port(), "127.0.0.1", "[::1]:" + server.port(), "LOCALHOST")) {
            assertThat(get("/api/stats", with(auth(), "Host", host)).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void allowedHostsWidenTheNamesForAWiderBind() throws Exception {
        try (WebServer wide = WebServer.start(library, "127.0.0.1", 0, TOKEN, List.of("gallery.lan"))) {
            int port = wide.port();
            WebServer saved = server;
            server = wide;
            try {
                assertThat(get("/api/stats", with(auth(), "Host", "gallery.lan:" + port)).status()).isEqualTo(200);
                assertThat(get("/api/stats", with(auth(), "Host", "other.lan:" + port)).status()).isEqualTo(403);
            } finally {
                server = saved;
            }
        }
    }

    @Test
    void crossSitePostsChangeNothing() throws Exception {
        String tags = "/api/assets/" + hash + "/tags";
        String json = "{\"add\": [\"pwned\"]}";
        // a form or text/plain post from another site: no preflight in browsers, so the server must refuse it
        Map<String, String> evil = with(auth(), "Origin", "https://evil.example");
        assertThat(send("POST", tags, with(evil, "Content-Type", "text/plain"), json).status()).isEqualTo(403);
        assertThat(send("POST", tags, with(evil, "Content-Type", "application/json"), json).status()).isEqualTo(403);
        assertThat(send("POST", tags, with(with(auth(), "Origin", "null"), "Content-Type", "application/json"), json)
                .status()).isEqualTo(403);
        // another port of this host is another origin (another local dev server's page)
        assertThat(send("POST", tags, with(with(auth(), "Origin", "http://127.0.0.1:1"), "Content-Type",
                "application/json"), json).status()).isEqualTo(403);
        assertThat(send("POST", tags, with(with(auth(), "Sec-Fetch-Site", "cross-site"), "Content-Type",
                "application/json"), json).status()).isEqualTo(403);
        assertThat(send("POST", tags, with(with(auth(), "Sec-Fetch-Site", "same-site"), "Content-Type",
                "application/json"), json).status()).isEqualTo(403);
        // same origin but not JSON: 415
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Reply r = send("POST", tags, with(with(auth(), "Origin", "http://127.0.0.1:" + server.port()),
                    "Content-Type", type), json);
            assertThat(r.status()).as(type).isEqualTo(415);
        }
        assertThat(send("POST", tags, auth(), json).status()).isEqualTo(415);
        // duplicates resolution, the destructive one
        Map<String, String> resolveHeaders = with(evil, "Content-Type", "text/plain");
        assertThat(send("POST", "/api/duplicates/resolve", resolveHeaders, "{\"keep\": \"" + hash + "\", \"trash\": []}")
                .status()).isEqualTo(403);
        assertThat(userTags()).isEmpty();
        // the real thing, as the gallery sends it
        Reply ok = send("POST", tags, with(with(with(auth(), "Origin", "http://127.0.0.1:" + server.port()),
                "Sec-Fetch-Site", "same-origin"), "Content-Type", "application/json; charset=UTF-8"), json);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(userTags()).containsExactly("pwned");
    }

    @Test
    void everyResponseForbidsFramingAndSniffing() throws Exception {
        for (Reply r : List.of(get("/", Map.of()), get("/api/stats", auth()), get("/api/stats", Map.of()),
                get("/no/such/page", Map.of()), get("/api/assets/" + hash + "/thumbnail", auth()),
                get("/api/assets", Map.of("Host", "evil.example")))) {
            assertThat(r.headers()).containsEntry("x-frame-options", "DENY")
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("referrer-policy", "no-referrer");
            assertThat(r.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void theTokenIsSwappedForAStrictHttpOnlyCookie() throws Exception {
        assertThat(get("/api/stats", Map.of()).status()).isEqualTo(401);
        assertThat(get("/api/assets/" + hash + "/file", Map.of()).status()).isEqualTo(401);
        assertThat(get("/metrics", Map.of()).status()).isEqualTo(401);
        assertThat(get("/api/stats", Map.of("Authorization", "Bearer wrong")).status()).isEqualTo(401);
        // the pages hold no data and load without it
        assertThat(get("/", Map.of()).status()).isEqualTo(200);
        Reply landing = get("/?token=" + TOKEN, Map.of());
        assertThat(landing.status()).isEqualTo(302);
        assertThat(landing.headers().get("location")).isEqualTo("/");
        String setCookie = landing.headers().get("set-cookie");
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "alice_token_" + server.port() + "=" + TOKEN);
        assertThat(get("/?token=wrong", Map.of()).status()).isEqualTo(200);
        String cookie = setCookie.split(";")[0];
        assertThat(get("/api/stats", Map.of("Cookie", cookie)).status()).isEqualTo(200);
        assertThat(get("/api/stats", Map.of("Cookie", "alice_token_" + server.port() + "=nope")).status())
                .isEqualTo(401);
        assertThat(get("/health", Map.of()).status()).isEqualTo(200);
    }

    /**
     * The token's landing redirect named the request's path as it came: {@code //evil.com/?token=T} answered
     * {@code Location: //evil.com/}, which a browser follows to another site (an open redirect on the user's own
     * server). It now stays on this server.
     */
    @Test
    void theTokenLandingNeverRedirectsToAnotherSite() throws Exception {
        for (String path : List.of("//evil.com/", "///evil.com/", "//evil.com")) {
            Reply landing = get(path + "?token=" + TOKEN, Map.of());
            assertThat(landing.status()).as(path).isEqualTo(302);
            String location = landing.headers().get("location");
            assertThat(location).as(path).startsWith("/").doesNotStartWith("//").doesNotContain("\\");
        }
    }

    @Test
    void numbersAreBoundedAndNamedInTheError() throws Exception {
        Reply huge = get("/api/search?q=a&offset=2000000000", auth());
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("offset", "100000");
        assertThat(get("/api/search?q=a&offset=99999999999999", auth()).status()).isEqualTo(400);
        assertThat(get("/api/assets?offset=2000000000", auth()).body()).contains("offset", "100000");
        assertThat(get("/api/search?limit=100000", auth()).body()).contains("limit", "500");
        assertThat(get("/api/assets?limit=0", auth()).body()).contains("limit", "between 1 and 500");
        assertThat(get("/api/duplicates?max_distance=64", auth()).body()).contains("max_distance", "32");
        assertThat(get("/api/assets/" + hash + "/similar?max_distance=-1", auth()).body()).contains("max_distance");
        assertThat(get("/api/runs?limit=1000000", auth()).status()).isEqualTo(400);
        Map<String, String> json = with(auth(), "Content-Type", "application/json");
        Reply far = send("POST", "/api/duplicates/resolve", json, "{\"keep\": \"" + hash
                + "\", \"trash\": [], \"max_distance\": 4000000000}");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.body()).contains("max_distance", "32");
        assertThat(get("/api/search?q=a&offset=100", auth()).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsAPlain400() throws Exception {
        Map<String, String> json = with(auth(), "Content-Type", "application/json");
        for (String body : List.of("{\"add\": [", "not json", "[1,2]", "\"text\"", "{\"add\": \"one\"}",
                "{\"add\": [{\"x\": 1}]}", "")) {
            Reply r = send("POST", "/api/assets/" + hash + "/tags", json, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).doesNotContain("Exception", "at io.", "com.fasterxml");
        }
        Reply r = send("POST", "/api/duplicates/resolve", json, "{\"keep\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("not valid JSON");
        assertThat(userTags()).isEmpty();
    }

    @Test
    void metricLabelsAreRouteTemplates() throws Exception {
        for (int i = 0; i < 20; i++) {
            get("/api/assets/" + "%02x".formatted(i).repeat(32), auth());
            get("/api/nothing-" + i, auth());
            get("/random-" + i, Map.of());
        }
        get("/api/assets/" + hash + "/thumbnail", auth());
        String metrics = get("/metrics", auth()).body();
        assertThat(metrics).contains("route=\"/api/assets/{hash}\"", "route=\"/api/assets/{hash}/thumbnail\"")
                .doesNotContain("nothing-", "random-", hash);
        long routes = metrics.lines().filter(l -> l.startsWith("alice_http_requests_seconds_count"))
                .map(l -> l.replaceAll(".*route=\"([^\"]*)\".*", "$1")).distinct().count();
        assertThat(routes).isLessThanOrEqualTo(5);
    }

    @Test
    void aTrashedAssetsThumbnailGoesWithIt() throws Exception {
        var groups = library.duplicates(10, io.alicemultiverse.similar.KeepRule.BEST);
        assertThat(groups).hasSize(1);
        String keep = groups.get(0).keep().contentHash();
        String other = groups.get(0).members().stream().map(m -> m.asset().contentHash()).filter(h -> !h.equals(keep))
                .findFirst().orElseThrow();
        assertThat(get("/api/assets/" + other + "/thumbnail", auth()).status()).isEqualTo(200);
        assertThat(get("/api/assets/" + keep + "/thumbnail", auth()).status()).isEqualTo(200);
        Path thumbs = t.library().resolve(".alice/thumbs");
        assertThat(Files.exists(thumbs.resolve(other.substring(0, 2)).resolve(other + ".jpg"))).isTrue();
        Reply r = send("POST", "/api/duplicates/resolve", with(with(auth(), "Content-Type", "application/json"),
                "Origin", "http://127.0.0.1:" + server.port()), "{\"keep\": \"" + keep + "\", \"trash\": [\"" + other + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Files.exists(thumbs.resolve(other.substring(0, 2)).resolve(other + ".jpg"))).isFalse();
        assertThat(Files.exists(thumbs.resolve(keep.substring(0, 2)).resolve(keep + ".jpg"))).isTrue();
        assertThat(get("/api/assets/" + other + "/thumbnail", auth()).status()).isEqualTo(404);
    }

    private void write(String relative, BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        t.inboxFile(relative, out.toByteArray());
    }

    private static BufferedImage scale(BufferedImage src, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
