package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class UnderstandCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    /** Where the library's catalog is made by its first organize (then recorded): nothing here, its own DuckDB. */
    List<String> catalogArgs() {
        return List.of();
    }

    CliRun organize(TempLibrary t, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("organize", "--inbox", t.inbox().toString(), "--library",
                t.library().toString()));
        args.addAll(List.of(more));
        args.addAll(catalogArgs());
        return CliRun.run(args.toArray(String[]::new));
    }

    private TempLibrary organized(int files) throws Exception {
        TempLibrary t = new TempLibrary(root);
        for (int i = 0; i < files; i++) {
            t.inboxFile("proj/f" + i + ".png", TempLibrary.png(i));
        }
        CliRun r = organize(t, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return t;
    }

    private static JsonNode last(CliRun r) throws Exception {
        return JSON.readTree(r.lines().get(r.lines().size() - 1));
    }

    @Test
    void localByDefaultThenEverythingIsCached() throws Exception {
        TempLibrary t = organized(3);
        CliRun first = CliRun.run("understand", "--all", "--library", t.library().toString(), "--json");
        assertThat(first.exit()).as(first.err() + first.out()).isZero();
        JsonNode s = last(first);
        assertThat(s.path("provider").asText()).isEqualTo("local");
        assertThat(s.path("analysed").asInt()).isEqualTo(3);
        JsonNode again = last(CliRun.run("understand", "--all", "--library", t.library().toString(), "--json"));
        assertThat(again.path("cached").asInt()).isEqualTo(3);
        assertThat(again.path("analysed").asInt()).isZero();
        assertThat(again.path("requests").asInt()).isZero();
    }

    @Test
    void dryRunPrintsTheEstimateAndChangesNothingWithoutAKey() throws Exception {
        TempLibrary t = organized(3);
        CliRun r = CliRun.run("understand", "--all", "--provider", "anthropic", "--dry-run", "--json",
                "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode e = last(r);
        assertThat(e.path("images").asInt()).isEqualTo(3);
        assertThat(e.path("requests").asInt()).isEqualTo(3); // a small run is spread over the 4 workers
        assertThat(e.path("estimated_usd").asDouble()).isPositive();
        JsonNode costs = last(CliRun.run("costs", "--json", "--library", t.library().toString()));
        assertThat(costs.path("rows")).isEmpty();
    }

    @Test
    void aPaidRunAboveTheConfirmAmountNeedsYesThenRecordsItsSpend() throws Exception {
        TempLibrary t = organized(2);
        AtomicInteger requests = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest req) {
                    requests.incrementAndGet();
                    String text = "{\\\"images\\\":[{\\\"index\\\":1,\\\"description\\\":\\\"a fox\\\",\\\"tags\\\":{\\\"subject\\\":[\\\"fox\\\"]}},"
                            + "{\\\"index\\\":2,\\\"description\\\":\\\"a fox\\\",\\\"tags\\\":{\\\"subject\\\":[\\\"fox\\\"]}}]}";
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                                    + text + "\"},\"finish_reason\":\"stop\"}],"
                                    + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100}}")
                            .build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Path config = Files.writeString(root.resolve("alice.yaml"), "understanding:\n  confirm_above_usd: 0\n  concurrency: 1\n");
            String[] args = {"understand", "--all", "--provider", "openai-compatible", "--model", "my-vlm",
                    "--base-url", server.url("/v1").toString(), "--json", "--library", t.library().toString(),
                    "--config", config.toString()};
            CliRun refused = CliRun.run(args);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("--yes");
            assertThat(requests.get()).isZero();

            String[] withYes = java.util.Arrays.copyOf(args, args.length + 1);
            withYes[args.length] = "--yes";
            CliRun ran = CliRun.run(withYes);
            assertThat(ran.exit()).as(ran.err() + ran.out()).isZero();
            assertThat(last(ran).path("analysed").asInt()).isEqualTo(2);
            assertThat(requests.get()).isEqualTo(1);

            JsonNode costs = last(CliRun.run("costs", "--by", "provider", "--json", "--library", t.library().toString()));
            assertThat(costs.path("rows").path(0).path("provider").asText()).isEqualTo("openai-compatible");
            assertThat(costs.path("rows").path(0).path("tokens_in").asLong()).isEqualTo(1000);
            assertThat(costs.path("total_usd").asDouble()).isPositive();
        }
    }

    @Test
    void costsCountOnlyTheImagesAPaidReplyDescribedAndShowTheUnreadableApart() throws Exception {
        TempLibrary t = organized(2);
        AtomicInteger requests = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest req) {
                    // the first request's reply cannot be read, yet its tokens are billed; the second is fine
                    String text = requests.incrementAndGet() == 1 ? "I cannot help with that"
                            : "{\\\"images\\\":[{\\\"index\\\":1,\\\"description\\\":\\\"a fox\\\"}]}";
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                                    + text + "\"},\"finish_reason\":\"stop\"}],"
                                    + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100}}")
                            .build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Path config = Files.writeString(root.resolve("alice.yaml"), "understanding:\n  concurrency: 1\n"
                    + "  batch_size: 1\n");
            CliRun ran = CliRun.run("understand", "--all", "--provider", "openai-compatible", "--model", "my-vlm",
                    "--base-url", server.url("/v1").toString(), "--json", "--yes", "--library",
                    t.library().toString(), "--config", config.toString());
            assertThat(requests.get()).as(ran.err() + ran.out()).isEqualTo(2);
            JsonNode costs = last(CliRun.run("costs", "--by", "provider", "--json", "--library",
                    t.library().toString()));
            JsonNode row = costs.path("rows").path(0);
            assertThat(row.path("images").asLong()).as(costs.toString()).isEqualTo(1); // described
            assertThat(row.path("failed").asLong()).as(costs.toString()).isEqualTo(1); // paid, unreadable
            assertThat(row.path("tokens_in").asLong()).isEqualTo(2000); // both were paid
            CliRun text = CliRun.run("costs", "--by", "provider", "--library", t.library().toString());
            assertThat(text.lines().get(0)).contains("images").contains("failed");
        }
    }

    @Test
    void withoutPathsOrAllItIsAUsageError() {
        CliRun r = CliRun.run("understand", "--library", root.resolve("lib").toString());
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void understandingTagsAndResultsSurviveAnIndexRebuild() throws Exception {
        TempLibrary t = organized(2);
        assertThat(CliRun.run("understand", "--all", "--library", t.library().toString()).exit()).isZero();
        long before = understandingTags(t);
        assertThat(before).isPositive();
        CliRun rebuild = CliRun.run("index", "rebuild", "--library", t.library().toString());
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(understandingTags(t)).isEqualTo(before);
        JsonNode again = last(CliRun.run("understand", "--all", "--library", t.library().toString(), "--json"));
        assertThat(again.path("cached").asInt()).isEqualTo(2);
    }

    private static long understandingTags(TempLibrary t) {
        try (io.alicemultiverse.catalog.Catalog c = io.alicemultiverse.catalog.Catalog.open(t.library())) {
            return c.select("SELECT count(*) FROM tags WHERE origin = 'understanding'", java.util.List.of(),
                    rs -> rs.getLong(1)).get(0);
        }
    }

    @Test
    void nearDuplicatesShareOneRepresentativesResult() throws Exception {
        TempLibrary t = new TempLibrary(root);
        // same pixels, different generation text: three files, one picture; plus one different picture
        for (int i = 0; i < 3; i++) {
            t.inboxFile("proj/same" + i + ".png", TempLibrary.png(i));
        }
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(io.alicemultiverse.testsupport.Pictures.photo(7, 64, 64, 4), "png", other);
        t.inboxFile("proj/other.png", other.toByteArray());
        assertThat(organize(t)
                .exit()).isZero();
        CliRun dry = CliRun.run("understand", "--all", "--share-near-duplicates", "--dry-run", "--json",
                "--library", t.library().toString());
        assertThat(last(dry).path("images").asInt()).isEqualTo(2);
        assertThat(last(dry).path("shared").asInt()).isEqualTo(2);
        JsonNode s = last(CliRun.run("understand", "--all", "--share-near-duplicates", "--json",
                "--library", t.library().toString()));
        assertThat(s.path("analysed").asInt()).isEqualTo(4);
        assertThat(s.path("shared").asInt()).isEqualTo(2);
        assertThat(s.path("requests").asInt()).isEqualTo(2);
        assertThat(last(CliRun.run("understand", "--all", "--json", "--library", t.library().toString()))
                .path("cached").asInt()).isEqualTo(4);
    }

    @Test
    void queryChoosesTheImagesToUnderstand() throws Exception {
        TempLibrary t = new TempLibrary(root);
        t.inboxFile("alpha/a.png", TempLibrary.png(1));
        t.inboxFile("beta/b.png", TempLibrary.png(2));
        t.inboxFile("beta/c.png", TempLibrary.png(3));
        assertThat(organize(t)
                .exit()).isZero();
        CliRun r = CliRun.run("understand", "--query", "project:beta", "--json", "--library", t.library().toString());
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(last(r).path("selected").asInt()).isEqualTo(2);
        assertThat(last(r).path("analysed").asInt()).isEqualTo(2);
        assertThat(understood(t)).containsExactlyInAnyOrder(TempLibrary.sha256(t.inbox().resolve("beta/b.png")),
                TempLibrary.sha256(t.inbox().resolve("beta/c.png")));

        String alpha = TempLibrary.sha256(t.inbox().resolve("alpha/a.png"));
        CliRun byHash = CliRun.run("understand", alpha.substring(0, 12), "--json", "--library", t.library().toString());
        assertThat(byHash.exit()).as(byHash.err()).isZero();
        assertThat(last(byHash).path("analysed").asInt()).isEqualTo(1);
        assertThat(understood(t)).hasSize(3).contains(alpha);

        CliRun nothing = CliRun.run("understand", "--query", "project:gamma", "--json", "--library", t.library().toString());
        assertThat(nothing.exit()).isZero();
        assertThat(last(nothing).path("selected").asInt()).isZero();
        CliRun unknown = CliRun.run("understand", "no/such/thing.png", "--library", t.library().toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no/such/thing.png");
    }

    @Test
    void understandingTagsAreSearchableAtOnce() throws Exception {
        TempLibrary t = organized(2);
        // build the lexical index before understanding, so that it has to be told about the new tags
        assertThat(CliRun.run("search", "fox", "--library", t.library().toString()).exit()).isZero();
        CliRun u = CliRun.run("understand", "--all", "--library", t.library().toString());
        assertThat(u.exit()).as(u.err()).isZero();
        // 8x8 pictures: the local analyzer calls them square, a word their prompts do not have
        CliRun found = CliRun.run("search", "--tag", "square", "--json", "--library", t.library().toString());
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.lines()).hasSize(2);
        assertThat(JSON.readTree(found.lines().get(0)).path("tags").toString()).contains("square");

        try (io.alicemultiverse.catalog.Catalog c = io.alicemultiverse.catalog.Catalog.open(t.library());
             io.alicemultiverse.search.SearchEngine lexical = new io.alicemultiverse.search.SearchEngine(c,
                     t.library(), () -> {
                 throw new AssertionError("a lexical search needs no embedder");
             })) {
            assertThat(c.select("SELECT count(*) FROM embeddings", java.util.List.of(), rs -> rs.getLong(1)).get(0))
                    .as("vectors without the new tags are dropped, to be made again").isZero();
            var hits = lexical.search(io.alicemultiverse.search.SearchQuery.builder().word("square").build(), false,
                    io.alicemultiverse.search.SearchEngine.Mode.LEXICAL);
            assertThat(hits.hits()).hasSize(2);
            // "image" is only in the local analyzer's descriptions ("Evenly lit red square image, …")
            var described = lexical.search(io.alicemultiverse.search.SearchQuery.builder().word("image").build(),
                    false, io.alicemultiverse.search.SearchEngine.Mode.LEXICAL);
            assertThat(described.hits()).hasSize(2);
        }
    }

    private static java.util.List<String> understood(TempLibrary t) {
        try (io.alicemultiverse.catalog.Catalog c = io.alicemultiverse.catalog.Catalog.open(t.library())) {
            return c.select("SELECT content_hash FROM understanding", java.util.List.of(), rs -> rs.getString(1));
        }
    }
}
