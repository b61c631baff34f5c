package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: two {@code serve} processes on one PostgreSQL catalog (two machines' galleries) tag the same asset at
 * the same moment: every tag is kept once, and each gallery finds the other's tags at its next query.
 */
class SharedServeTest {
    private static final Pattern GALLERY = Pattern.compile("gallery at http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]+)");

    @TempDir
    Path tmp;

    private record Gallery(Process process, Http http, String token) {
        JsonNode get(String path) throws Exception {
            Http.Response r = http.get(path + (path.contains("?") ? "&" : "?") + "token=" + token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }

        int tag(String hash, String... tags) throws Exception {
            return http.post("/api/assets/" + hash + "/tags?token=" + token,
                    "{\"add\": [" + String.join(",", List.of(tags).stream().map(t -> "\"" + t + "\"").toList())
                            + "]}").status();
        }
    }

    private Gallery serve(Path library, String url, String name) throws Exception {
        Path log = tmp.resolve(name + ".log");
        Process p = AliceProcess.builder("serve", "--library", library.toString(), "--catalog", url, "--port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 1200; i++) {
            Matcher m = GALLERY.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return new Gallery(p, new Http(Integer.parseInt(m.group(1))), m.group(2));
            }
            assertThat(p.isAlive()).as(Files.exists(log) ? Files.readString(log) : name).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not start: " + Files.readString(log));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoGalleriesTagTheSameAssetAtOnceAndEachFindsTheOthersTags() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("studio/fox.png", TempLibrary.png("a red fox in the snow", "fox_v1", 1));
        t.inboxFile("studio/owl.png", TempLibrary.png("an owl at night", "owl_v1", 2));
        String url = TestPostgres.newDatabase();
        CliRun organize = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString(),
                "--catalog", url);
        assertThat(organize.exit()).as(organize.err()).isZero();

        List<Gallery> galleries = new ArrayList<>();
        try {
            galleries.add(serve(t.library(), url, "a"));
            galleries.add(serve(t.library(), url, "b"));
            Gallery a = galleries.get(0);
            Gallery b = galleries.get(1);
            String fox = a.get("/api/search?q=fox").get("items").get(0).get("content_hash").asText();
            assertThat(b.get("/api/search?tag=both").get("total").asInt()).isZero(); // b's search is warm

            // both galleries add the same tag to the same asset at the same moment, several times over
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> call(() -> a.tag(fox, "both", "from-a"))));
                calls.add(CompletableFuture.supplyAsync(() -> call(() -> b.tag(fox, "both", "from-b"))));
            }
            for (CompletableFuture<Integer> c : calls) {
                assertThat(c.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            long written = System.nanoTime();

            // each finds the other's tag at its next query (the issue allows 2 s)
            JsonNode onB = b.get("/api/search?tag=from-a");
            JsonNode onA = a.get("/api/search?tag=from-b");
            double seconds = (System.nanoTime() - written) / 1e9;
            assertThat(onB.get("total").asInt()).isEqualTo(1);
            assertThat(onB.get("items").get(0).get("content_hash").asText()).isEqualTo(fox);
            assertThat(onA.get("total").asInt()).isEqualTo(1);
            assertThat(seconds).isLessThan(2.0);
            assertThat(b.get("/api/search?tag=both").get("total").asInt()).isEqualTo(1);
        } finally {
            for (Gallery g : galleries) {
                g.process().destroy();
                assertThat(g.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        try (Catalog c = Catalog.open(t.library(), CatalogUrl.parse(url, Map.of()))) {
            assertThat(c.select("SELECT tag, count(*) FROM tags WHERE origin = 'user' GROUP BY tag ORDER BY tag",
                    List.of(), rs -> rs.getString(1) + "=" + rs.getLong(2)))
                    .as("each tag once, whoever added it first").containsExactly("both=1", "from-a=1", "from-b=1");
        }
    }

    private interface Call {
        int run() throws Exception;
    }

    private static int call(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
