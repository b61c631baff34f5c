package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alice organize}, {@code undo}, {@code check}, {@code stats}, {@code index rebuild} end to end. */
class OrganizeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    TempLibrary t;

    @BeforeEach
    void setUp() {
        t = new TempLibrary(tmp);
    }

    private CliRun alice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    private CliRun organize(String... extra) {
        List<String> all = new ArrayList<>(List.of("organize", "--inbox", t.inbox().toString(), "--json"));
        all.addAll(List.of(extra));
        return alice(all.toArray(String[]::new));
    }

    private static JsonNode summary(CliRun run) throws IOException {
        List<String> lines = run.lines();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private long count(String sql) throws SQLException {
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + t.library().resolve(".alice/catalog.duckdb"),
                readOnly);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void filesByDateProjectSourceWithNumbering() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        t.inboxFile("loose.png", TempLibrary.png(3));
        CliRun run = organize();
        assertThat(run.exit()).isZero();
        JsonNode s = summary(run);
        assertThat(s.get("organized").asInt()).isEqualTo(3);
        assertThat(s.fieldNames()).toIterable().contains("run", "scanned", "organized", "duplicates", "unchanged", "errors", "seconds");
        String today = LocalDate.now().toString();
        assertThat(TempLibrary.fingerprint(t.library()).keySet()).containsExactlyInAnyOrder(
                today + "/acme/automatic1111/acme-00001.png",
                today + "/acme/automatic1111/acme-00002.png",
                today + "/uncategorized/automatic1111/uncategorized-00001.png");
        assertThat(TempLibrary.fingerprint(t.inbox())).hasSize(3); // copy mode keeps the inbox
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM tags WHERE tag = 'snow'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM assets WHERE prompt LIKE 'a red fox%' AND model = 'fox_v1'")).isEqualTo(3);
        // organize decodes no pixels: the perceptual hashes wait for the first near-duplicate search
        assertThat(count("SELECT count(*) FROM hashes")).isZero();
        CliRun dedup = CliRun.run("dedup", "--library", t.library().toString());
        assertThat(dedup.exit()).isZero();
        assertThat(dedup.err()).contains("hashing 3 new files for near-duplicate search");
        assertThat(count("SELECT count(*) FROM hashes WHERE dhash IS NOT NULL AND phash IS NOT NULL")).isEqualTo(3);
        assertThat(CliRun.run("dedup", "--library", t.library().toString()).err()).doesNotContain("hashing");

        t.inboxFile("acme/c.png", TempLibrary.png(4));
        JsonNode again = summary(organize());
        assertThat(again.get("organized").asInt()).isEqualTo(1);
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        assertThat(t.library().resolve(today + "/acme/automatic1111/acme-00003.png")).exists();
    }

    @Test
    void everyBatchLandsByteForByteThoughItsMemoryIsReused() throws Exception {
        // five batches and a bit: the third batch's bytes are read into the memory the first one was written from
        int n = 5 * Organizer.BATCH + 3;
        List<String> inbox = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] png = TempLibrary.png(i);
            t.inboxFile("p" + (i % 7) + "/" + i + ".png", png);
            inbox.add(TempLibrary.sha256(t.inbox().resolve("p" + (i % 7) + "/" + i + ".png")));
        }
        CliRun run = organize();
        assertThat(run.exit()).isZero();
        assertThat(summary(run).get("organized").asInt()).isEqualTo(n);
        assertThat(summary(run).get("errors").asInt()).isZero();
        assertThat(TempLibrary.fingerprint(t.library()).values()).containsExactlyInAnyOrderElementsOf(inbox);
        assertThat(count("SELECT count(DISTINCT content_hash) FROM assets")).isEqualTo(n);
    }

    @Test
    void nameTakenByOtherContentGetsTheNextNumber() throws Exception {
        String today = LocalDate.now().toString();
        Path squatter = t.library().resolve(today + "/acme/automatic1111/acme-00001.png");
        Files.createDirectories(squatter.getParent());
        Files.writeString(squatter, "someone else's file");
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        organize();
        assertThat(Files.readString(squatter)).isEqualTo("someone else's file");
        assertThat(t.library().resolve(today + "/acme/automatic1111/acme-00002.png")).exists();
    }

    @Test
    void duplicatesAreRecordedNotStoredTwice() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("beta/same-as-a.png", TempLibrary.png(1));
        JsonNode s = summary(organize());
        assertThat(s.get("organized").asInt()).isEqualTo(1);
        assertThat(s.get("duplicates").asInt()).isEqualTo(1);
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(1);
        assertThat(count("SELECT count(*) FROM duplicates")).isEqualTo(1);
    }

    @Test
    void moveModeMovesAndParksDuplicatesWithoutDeletingThem() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/dup.png", TempLibrary.png(1));
        Map<String, String> before = TempLibrary.fingerprint(t.inbox());
        JsonNode s = summary(organize("--move"));
        assertThat(s.get("organized").asInt()).isEqualTo(1);
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        String run = s.get("run").asText();
        Path parked = t.library().resolve(".alice/duplicates/" + run + "/acme/dup.png");
        assertThat(parked).exists();
        assertThat(TempLibrary.sha256(parked)).isEqualTo(before.get("acme/dup.png"));
        assertThat(new HashSet<>(TempLibrary.fingerprint(t.library()).values())).containsAll(before.values());
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        CliRun run = organize("--dry-run");
        assertThat(run.exit()).isZero();
        assertThat(run.lines().get(0)).contains("\"action\":\"copy\"", "acme-00001.png");
        assertThat(summary(run).get("organized").asInt()).isEqualTo(1);
        assertThat(t.library()).doesNotExist();
    }

    @Test
    void badFilesAreReportedAndLeftWhereTheyAre() throws Exception {
        t.inboxFile("acme/broken.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        t.inboxFile("acme/empty.jpg", new byte[0]);
        t.inboxFile("acme/good.png", TempLibrary.png(1));
        CliRun run = organize();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("broken.png", "empty.jpg", "\"error\"");
        assertThat(summary(run).get("errors").asInt()).isEqualTo(2);
        assertThat(t.inbox().resolve("acme/broken.png")).exists();
        assertThat(t.inbox().resolve("acme/empty.jpg")).exists();
        assertThat(summary(run).get("organized").asInt()).isEqualTo(1);
    }

    @Test
    void undoRestoresAMoveRunByteForByte() throws Exception {
        for (int i = 0; i < 5; i++) {
            t.inboxFile((i % 2 == 0 ? "acme/" : "") + "f" + i + ".png", TempLibrary.png(i));
        }
        t.inboxFile("acme/dup.png", TempLibrary.png(0));
        Map<String, String> before = TempLibrary.fingerprint(t.inbox());
        JsonNode s = summary(organize("--move"));
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        CliRun undo = alice("undo", s.get("run").asText(), "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(before);
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
        assertThat(count("SELECT count(*) FROM assets")).isZero();
        assertThat(summary(organize()).get("organized").asInt()).as("undone files organize again").isEqualTo(5);
    }

    @Test
    void undoOfACopyRunRemovesOnlyTheCopies() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Map<String, String> before = TempLibrary.fingerprint(t.inbox());
        organize();
        assertThat(alice("undo").exit()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(before);
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
    }

    @Test
    void checkFindsDeletedEditedAndUnknownFilesAndRepairs() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        organize();
        String today = LocalDate.now().toString();
        Files.delete(t.library().resolve(today + "/acme/automatic1111/acme-00001.png"));
        Files.write(t.library().resolve(today + "/acme/automatic1111/acme-00002.png"), TempLibrary.png(99));
        Files.write(t.library().resolve("stray.png"), TempLibrary.png(7));
        CliRun check = alice("check", "--json");
        assertThat(check.exit()).isEqualTo(1);
        JsonNode r = JSON.readTree(check.lines().get(0));
        assertThat(r.get("missing").toString()).contains("acme-00001.png");
        assertThat(r.get("changed").toString()).contains("acme-00002.png");
        assertThat(r.get("unknown").toString()).contains("stray.png");
        assertThat(alice("check", "--repair").exit()).isZero();
        assertThat(alice("check").exit()).isZero();
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(2);
    }

    @Test
    void statsAndRebuildKeepUserTags() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("beta/b.png", TempLibrary.png(2));
        organize();
        JsonNode stats = JSON.readTree(alice("stats", "--json").lines().get(0));
        assertThat(stats.get("assets").asInt()).isEqualTo(2);
        assertThat(stats.get("by_source").get("automatic1111").asInt()).isEqualTo(2);
        assertThat(stats.get("by_project").get("acme").asInt()).isEqualTo(1);
        assertThat(stats.fieldNames()).toIterable().contains("by_model", "by_month", "by_media_type");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + t.library().resolve(".alice/catalog.duckdb"));
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO tags SELECT content_hash, 'favourite', 'user', 'user', NULL FROM assets LIMIT 1");
            s.execute("DELETE FROM assets");
        }
        CliRun rebuild = alice("index", "rebuild");
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM tags WHERE tag = 'favourite' AND origin = 'user'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM assets WHERE project = 'acme'")).isEqualTo(1);
    }

    @Test
    void customLayoutAndBadTemplate() throws Exception {
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        assertThat(organize("--layout", "{source}/{name}{ext}").exit()).isZero();
        assertThat(t.library().resolve("automatic1111/a.png")).exists();
        CliRun bad = organize("--layout", "{nope}/{ext}");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown placeholder {nope}");
    }
}
