package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every catalog operation gives the same answers on DuckDB and on a real PostgreSQL server (issue 19): writes,
 * typed reads, the journal, the stores, the change counter — one test body, both backends.
 */
class BackendsTest {
    @TempDir
    Path tmp;

    private Catalog open(String backend) {
        return backend.equals("duckdb") ? Catalog.open(tmp)
                : Catalog.open(tmp, CatalogUrl.parse(TestPostgres.newDatabase(), Map.of()));
    }

    private static AssetRecord asset(String hash, String path, String source, LocalDateTime created,
                                     List<AssetRecord.Tag> tags) {
        return new AssetRecord(hash, path, "inbox/" + path, "image", "png", 64, 48, null, 10, 5, source, true,
                "proj", created, created, "a red fox", "blurry", "fox_v1", List.of("42", "43"),
                "{\"steps\": 20}", "{\"parameters\": \"x\"}", "run-1", tags, 7L, 9L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void writesAndReadsTheSameOnBothBackends(String backend) {
        LocalDateTime may = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        try (Catalog c = open(backend)) {
            assertThat(c.backend()).isEqualTo(backend);
            assertThat(c.assetCount()).isZero();
            long counter = c.changeCounter();
            c.journal().startRun(new RunInfo("run-1", "organize", "move", "/inbox", may, null, "running"));
            c.commit(new CatalogBatch()
                    .add(asset(a, "2024/fox.png", "comfyui",
                            may, List.of(new AssetRecord.Tag("fox", "subject", "prompt", null))))
                    .add(asset(b, "2024/cat.png", "automatic1111", may.plusMonths(1), List.of()))
                    .inbox(new InboxFile("/inbox/fox.png", 10, 5, a))
                    .duplicate(new CatalogBatch.Duplicate("run-1", "/inbox/fox copy.png", a, "2024/fox.png", null))
                    .journal(new JournalEntry("run-1", 1, JournalOp.MOVE, "/inbox/fox.png", "2024/fox.png", a, JournalState.PLANNED))
                    .journal(new JournalEntry("run-1", 2, JournalOp.MOVE, "/inbox/cat.png", "2024/cat.png", b, JournalState.PLANNED))
                    .journal(new JournalEntry("run-1", 1, JournalOp.MOVE, "/inbox/fox.png", "2024/fox.png", a, JournalState.DONE))
                    .userTag(b, "favourite", "user"));
            c.journal().finishRun("run-1", "done");

            assertThat(c.changeCounter()).isEqualTo(counter + 1);
            assertThat(c.assetPaths()).containsOnly(Map.entry(a, "2024/fox.png"), Map.entry(b, "2024/cat.png"));
            assertThat(c.assetFiles()).extracting(AssetFile::path).containsExactly("2024/cat.png", "2024/fox.png");
            assertThat(c.countBy(Catalog.Dimension.SOURCE)).containsOnlyKeys("comfyui", "automatic1111");
            assertThat(c.countBy(Catalog.Dimension.MONTH)).containsOnly(Map.entry("2024-05", 1L),
                    Map.entry("2024-06", 1L));
            assertThat(c.inboxFiles()).containsOnlyKeys("/inbox/fox.png");
            assertThat(c.userTags()).hasSize(1);
            assertThat(c.journal().pending()).extracting(JournalEntry::seq).containsExactly(2);
            assertThat(c.journal().entries("run-1")).extracting(JournalEntry::state).containsExactly(JournalState.DONE, JournalState.PLANNED);
            assertThat(c.journal().runs()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("done"));
            assertThat(c.views().organizeRuns(5)).singleElement()
                    .satisfies(r -> assertThat(r.get("organized")).isEqualTo(2L));

            AssetReads reads = c.reads();
            assertThat(reads.contains(a)).isTrue();
            assertThat(reads.hashAtPath("2024/cat.png")).contains(b);
            assertThat(reads.assetsWithPrefix("aaaaaaaa", 5)).containsOnlyKeys(a);
            assertThat(reads.pathOf(b)).contains("2024/cat.png");
            assertThat(reads.hashedAssets()).hasSize(2).allSatisfy(h -> assertThat(h.dhash()).isEqualTo(7L));
            assertThat(reads.hashedAssets()).filteredOn(h -> h.contentHash().equals(a)).singleElement()
                    .satisfies(h -> assertThat(h.createdAt()).isEqualTo(may));
            assertThat(reads.images(List.of(b, a))).extracting(AssetReads.ImageRow::contentHash).containsExactly(b, a);
            assertThat(reads.tagCounts("prompt")).containsEntry("fox", 1L);

            c.understanding().saveUnderstanding(List.of(
                    new UnderstandingRow(a, "local", "m", "1", "old words", "{\"measures\": {\"stars\": 2}}", null,
                            null, may, List.of()),
                    new UnderstandingRow(a, "openai", "gpt", "1", "a fox in snow", "{}", null, null,
                            may.plusDays(1), List.of(new AssetRecord.Tag("snow", "scene", "understanding", 0.9)))),
                    List.of(new SpendEntry(may, "openai", "gpt", 100, 20, 0.25, a, "run-2", "proj")));
            assertThat(c.changeCounter()).isEqualTo(counter + 2);
            assertThat(c.understanding().understood("openai", "gpt", "1", List.of(a, b))).containsExactly(a);
            assertThat(c.understanding().spentSince(may.minusDays(1))).isEqualTo(0.25);
            assertThat(c.understanding().spendBy(UnderstandingStore.SpendGrouping.DAY)).singleElement()
                    .satisfies(g -> assertThat(g.key()).isEqualTo("2024-05-06"));
            c.understanding().saveUnderstanding(List.of(), List.of(new SpendEntry(may.plusHours(1), "video:fal",
                    "kling", 0, 0, 1.5, null, "clip-1", "proj")));
            java.time.Instant t = java.time.Instant.parse("2024-05-06T10:00:00Z");
            c.videoJobs().insert(new VideoJobRow("clip-1", "fal", "kling", "{\"duration\": 5}", "p", "proj", null,
                    "r1", null, null, null, "succeeded", null, 0, 1.5, 1.5, null, null, null, null, null, t, t, t, t,
                    t, t));
            assertThat(c.understanding().spendBy(UnderstandingStore.SpendGrouping.PROVIDER)).containsExactly(
                    new UnderstandingStore.SpendGroup("openai", 1, 0, 0, 0, 100, 20, 0.25),
                    new UnderstandingStore.SpendGroup("video:fal", 0, 0, 1, 5.0, 0, 0, 1.5)); // clips, not images
            assertThat(c.understanding().byDayAndOperation(may.minusDays(1))).containsExactly(
                    new UnderstandingStore.DailyOperation("2024-05-06", "understanding", 1, 0.25),
                    new UnderstandingStore.DailyOperation("2024-05-06", "video", 1, 1.5),
                    new UnderstandingStore.DailyOperation("2024-05-07", "understanding", 1, 0.0));
            assertThat(c.understanding().byDayAndOperation(may.plusDays(1).toLocalDate().atStartOfDay()))
                    .extracting(UnderstandingStore.DailyOperation::day).containsExactly("2024-05-07");

            List<SidecarFacts> facts = c.sidecarFacts(null);
            assertThat(facts).extracting(SidecarFacts::path).containsExactly("2024/cat.png", "2024/fox.png");
            SidecarFacts fox = facts.get(1);
            assertThat(fox.description()).isEqualTo("a fox in snow");
            assertThat(fox.seeds()).containsExactly("42", "43");
            assertThat(fox.stars()).isEqualTo(2);
            assertThat(c.clipSources(List.of(a), 10)).singleElement()
                    .satisfies(s -> assertThat(s.createdAt()).isEqualTo(may));

            assertThat(c.searchStore().changeUserTags(List.of(a), List.of("kept"), true)).isEqualTo(1);
            assertThat(c.searchStore().changeUserTags(List.of(a), List.of("kept"), true)).isZero();
            c.searchStore().putEmbeddings("minilm", Map.of(a, new float[384]));

            Instant now = Instant.parse("2026-12-04T10:00:00Z");
            c.videoJobs().insert(new VideoJobRow("job-1", "fal", "kling", "{\"prompt\": \"fox\"}", "fox", "proj",
                    "http://127.0.0.1", null, null, null, null, "queued", null, 0, 0.5, null, null, null, null, null,
                    null, now, now, null, null, now.plusSeconds(3600), now));
            assertThat(c.videoJobs().find("job-1")).hasValueSatisfying(j -> {
                assertThat(j.requestJson()).contains("fox");
                assertThat(j.deadlineAt()).isEqualTo(now.plusSeconds(3600));
            });

            c.deleteAssets(List.of(b));
            assertThat(c.assetCount()).isEqualTo(1);
            c.clearDerived();
            assertThat(c.assetCount()).isZero();
            assertThat(c.userTags()).as("user tags survive a rebuild").hasSize(2);
        }
    }

    /**
     * Bulk rows reach PostgreSQL as COPY text, whose escapes (backslash, tab, newline, carriage return, {@code \\N}) and
     * array literals (quotes, commas, braces, backslashes) must not change a value: what was written reads back the same
     * on both backends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void awkwardTextReadsBackAsWritten(String backend) {
        String hash = "c".repeat(64);
        String prompt = "tab\there\nnew line\r\nback\\slash \\N \\t \"quoted\" {brace} 🦆 é";
        List<String> seeds = List.of("4\"2", "a,b", "{x}", "back\\slash", "NULL", "", "tab\tline\n");
        String params = "{\"text\": \"tab\\tline\\n \\\\ \\\"q\\\"\", \"n\": null}";
        LocalDateTime when = LocalDateTime.of(2025, 1, 2, 3, 4, 5, 678_901_000);
        LocalDateTime early = LocalDateTime.of(987, 12, 31, 23, 59, 0, 1_000); // leading zeros in every field
        AssetRecord r = new AssetRecord(hash, "2025/odd\tname.png", "inbox/odd\\name.png", "image", "png", 1, 1, 2.5,
                10, 5, "comfyui", false, "proj", when, early, prompt, null, "model\nname", seeds, params, null, "run-1",
                List.of(new AssetRecord.Tag("back\\slash\ttag", "subject", "prompt", 0.25)), null, null);
        try (Catalog c = open(backend)) {
            c.journal().startRun(new RunInfo("run-1", "organize", "copy", "/inbox", when, null, "running"));
            c.commit(new CatalogBatch().add(r));
            float[] vector = new float[384];
            vector[0] = 0.5f;
            vector[1] = -1e-7f;
            vector[2] = Float.MAX_VALUE;
            vector[383] = Float.MIN_VALUE;
            c.searchStore().putEmbeddings("m", Map.of(hash, vector));

            Map<String, Object> row = c.views().asset(hash).orElseThrow();
            assertThat(row.get("prompt")).isEqualTo(prompt);
            assertThat(row.get("negative")).isNull();
            assertThat(row.get("path")).isEqualTo("2025/odd\tname.png");
            assertThat(row.get("original_path")).isEqualTo("inbox/odd\\name.png");
            assertThat(row.get("model")).isEqualTo("model\nname");
            assertThat(row.get("seeds")).isEqualTo(seeds);
            assertThat(row.get("ai_generated")).isEqualTo(false);
            assertThat(((Number) row.get("duration")).doubleValue()).isEqualTo(2.5);
            assertThat(row.get("created_at")).isEqualTo(when.toString());
            assertThat(row.get("organized_at")).isEqualTo(early.toString());
            assertThat(row.get("params")).isInstanceOfSatisfying(Map.class, m -> {
                assertThat(m.get("text")).isEqualTo("tab\tline\n \\ \"q\"");
                assertThat(m).containsKey("n");
                assertThat(m.get("n")).isNull();
            });
            assertThat(c.views().tagsOf(hash)).singleElement()
                    .satisfies(t -> assertThat(t.get("tag")).isEqualTo("back\\slash\ttag"));
            assertThat(c.select("SELECT confidence FROM tags WHERE content_hash = ?", List.of(hash),
                    rs -> rs.getDouble(1))).containsExactly(0.25);
            Map<String, float[]> vectors = new java.util.HashMap<>();
            c.searchIndexSources().vectors("m", null, vectors::put);
            assertThat(vectors.get(hash)).containsExactly(vector);
        }
    }

    @Test
    void aSharedCatalogIsSeenAtOnceByEveryProcessAndKeepsOneRowPerContent() throws SQLException {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog one = Catalog.open(tmp, url); Catalog two = Catalog.open(tmp, url)) {
            assertThat(one.shared()).isTrue();
            // the lease: the server gives up on a silent machine's session, and its locks, within ~25 s
            assertThat(one.select("SELECT current_setting('tcp_keepalives_idle') || '/' "
                    + "|| current_setting('tcp_keepalives_interval') || '/' || current_setting('tcp_keepalives_count')",
                    List.of(), rs -> rs.getString(1))).containsExactly("10/5/3");
            // large values compressed with LZ4, not pglz (Debian's server has it)
            assertThat(one.select("SELECT current_setting('default_toast_compression')", List.of(),
                    rs -> rs.getString(1))).containsExactly("lz4");
            List<String> hashes = SyntheticCatalog.write(one, SyntheticCatalog.generate(20, 5, 1));
            long seen = two.changeCounter();
            one.searchStore().changeUserTags(hashes.subList(0, 2), List.of("picked"), true);
            assertThat(two.changeCounter()).as("no stale cache across processes").isEqualTo(seen + 1);
            assertThat(two.assetCount()).isEqualTo(20);

            // two machines organizing the same content: the second insert is refused by the database itself
            AssetRecord again = new AssetRecord(hashes.get(0), "elsewhere/copy.png", null, "image", "png", 1, 1, null,
                    1, 1, "comfyui", true, "p", null, null, null, null, null, List.of(), "{}", "{}", "r", List.of(),
                    null, null);
            assertThatThrownBy(() -> two.commit(new CatalogBatch().add(again)))
                    .isInstanceOf(CatalogException.class).hasMessageContaining("assets_content_hash");
            assertThat(one.assetCount()).as("the failed batch left nothing").isEqualTo(20);

            // journal entries from two processes never share a number
            one.journal().write(List.of(new JournalEntry("r1", 1, JournalOp.MOVE, "s", "t", null, JournalState.PLANNED)));
            two.journal().write(List.of(new JournalEntry("r1", 1, JournalOp.MOVE, "s", "t", null, JournalState.DONE)));
            assertThat(one.journal().entries("r1")).extracting(JournalEntry::state).containsExactly(JournalState.DONE);
        }
    }

    @Test
    void hashesLeftByOrganizeAreFilledOncePerContentWhoeverFillsThem() {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog one = Catalog.open(tmp, url); Catalog two = Catalog.open(tmp, url)) {
            AssetRecord plain = new AssetRecord("c0ffee", "a/b.png", null, "image", "png", 1, 1, null, 1, 1, "comfyui",
                    true, "p", null, null, null, null, null, List.of(), "{}", "{}", "r", List.of(), null, null);
            one.commit(new CatalogBatch().add(plain));
            assertThat(two.reads().unhashed(10)).extracting(AssetReads.Unhashed::path).containsExactly("a/b.png");
            one.addHashes(Map.of("c0ffee", new io.alicemultiverse.hash.ImageHashes(1, 2, 3L)));
            two.addHashes(Map.of("c0ffee", new io.alicemultiverse.hash.ImageHashes(4, 5, 6L), "gone", new io.alicemultiverse.hash.ImageHashes(7, 8, 9L)));
            assertThat(two.reads().unhashed(10)).isEmpty();
            assertThat(two.reads().hashedAssets()).singleElement()
                    .satisfies(h -> assertThat(h.phash()).as("the first fill stands").isEqualTo(2));
            assertThat(one.select("SELECT count(*) FROM hashes", List.of(), rs -> rs.getLong(1)).get(0))
                    .as("no row for content no longer catalogued").isEqualTo(1);
            // two fills racing past NOT EXISTS at once: the unique index keeps one row
            assertThat(one.select("SELECT indexdef FROM pg_indexes WHERE indexname = 'hashes_content_hash'", List.of(),
                    rs -> rs.getString(1)).get(0)).startsWith("CREATE UNIQUE INDEX");
        }
    }

    @Test
    void aUserTagAddedByTwoMachinesAtTheSameMomentIsKeptOnce() throws Exception {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog one = Catalog.open(tmp, url); Catalog two = Catalog.open(tmp, url)) {
            String hash = SyntheticCatalog.write(one, SyntheticCatalog.generate(1, 1, 1)).get(0);
            java.sql.Connection racing = java.sql.DriverManager.getConnection(
                    one.connection().getMetaData().getURL(), one.connection().getMetaData().getUserName(), null);
            try (racing) {
                racing.setAutoCommit(false);
                // another machine's insert, not committed yet: NOT EXISTS cannot see it
                try (java.sql.PreparedStatement ps = racing.prepareStatement(
                        "INSERT INTO tags VALUES (?, 'picked', 'user', 'user', NULL)")) {
                    ps.setString(1, hash);
                    ps.executeUpdate();
                }
                java.util.concurrent.CompletableFuture<Integer> mine = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> two.searchStore().changeUserTags(List.of(hash), List.of("picked"), true));
                Thread.sleep(500);
                assertThat(mine).as("waits for the other insert's fate at the unique index").isNotDone();
                racing.commit();
                assertThat(mine.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
            }
            assertThat(one.select("SELECT count(*) FROM tags WHERE origin = 'user' AND tag = 'picked'", List.of(),
                    rs -> rs.getLong(1)).get(0)).isEqualTo(1);
        }
    }

    @Test
    void twoProcessesMigratingAtOnceMigrateOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try (Catalog c = Catalog.open(tmp, CatalogUrl.parse(url, Map.of()))) {
                    c.assetCount();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        CatalogUrl parsed = CatalogUrl.parse(url, Map.of());
        try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.properties());
             var rs = c.createStatement().executeQuery("SELECT count(*), max(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Schema.latest());
            assertThat(rs.getInt(2)).isEqualTo(Schema.latest());
        }
    }
}
