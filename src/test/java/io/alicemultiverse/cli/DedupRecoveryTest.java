package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.library.TrashManifest;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two disk states a crash can leave inside one {@code dedup --apply hardlink} step, made by hand (the kill test,
 * {@link DedupCrashSafetyTest}, lands on them only by chance): the trash name made but the link not yet renamed over
 * the member (rolled back), and the link renamed but the catalog not yet told (completed).
 */
class DedupRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "20260101-000000-dead";

    @TempDir
    Path tmp;
    TempLibrary t;
    Map<String, String> before;
    Path keeper;
    Path member;
    String memberHash;
    String keeperHash;
    Path trash;

    @BeforeEach
    void setUp() throws IOException {
        t = new TempLibrary(tmp);
        byte[] png = DedupCliTest.png(Pictures.photo(9, 64, 64, 6));
        t.inboxFile("p/a.png", png);
        t.inboxFile("p/b.png", DedupCliTest.withText(png, "Comment", "copy"));
        assertThat(alice("organize", "--inbox", t.inbox().toString()).exit()).isZero();
        before = TempLibrary.fingerprint(t.library());
        JsonNode group = JSON.readTree(alice("dedup", "--json").lines().get(0));
        keeper = t.library().resolve(group.get("keep").asText());
        member = t.library().resolve(group.get("members").get(1).get("path").asText());
        keeperHash = group.get("members").get(0).get("content_hash").asText();
        memberHash = group.get("members").get(1).get("content_hash").asText();
        trash = TrashManifest.dir(t.library(), RUN).resolve(group.get("members").get(1).get("path").asText());
        try (Catalog catalog = Catalog.open(t.library())) {
            catalog.journal().startRun(new RunInfo(RUN, "dedup", "hardlink", null, LocalDateTime.now(), null, "running"));
            TrashManifest.write(t.library(), new TrashManifest.Manifest(RUN, "hardlink", "best", List.of(
                    new TrashManifest.Item(t.library().relativize(member).toString(), memberHash, trash.toString(),
                            t.library().relativize(keeper).toString(), 1, "exact", 0, null, "p", null))));
            catalog.journal().write(List.of(
                    new JournalEntry(RUN, 1, JournalOp.TRASH_LINK, member.toString(), trash.toString(), memberHash, JournalState.PLANNED),
                    new JournalEntry(RUN, 2, JournalOp.HARDLINK, keeper.toString(), member.toString(), keeperHash,
                            JournalState.PLANNED)));
        }
        Files.createDirectories(trash.getParent());
        Files.createLink(trash, member);
    }

    @Test
    void crashBeforeTheRenameIsRolledBack() throws IOException {
        CliRun check = alice("check", "--repair", "--json");
        assertThat(check.exit()).isZero();
        assertThat(JSON.readTree(check.lines().get(0)).get("unknown")).isEmpty();
        assertThat(trash).doesNotExist();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(Files.isSameFile(member, keeper)).isFalse();
        assertThat(alice("stats", "--json").out()).contains("\"assets\":2");
        try (Catalog catalog = Catalog.open(t.library())) {
            assertThat(catalog.journal().entries(RUN)).extracting(JournalEntry::state).containsExactly(JournalState.FAILED, JournalState.FAILED);
        }
    }

    @Test
    void crashAfterTheRenameIsCompletedAndUndoRestoresTheBytes() throws IOException {
        Path link = t.library().resolve(".alice/tmp/link");
        Files.createDirectories(link.getParent());
        Files.createLink(link, keeper);
        Files.move(link, member, StandardCopyOption.ATOMIC_MOVE);

        CliRun check = alice("check", "--repair", "--json");
        assertThat(check.exit()).isZero();
        JsonNode report = JSON.readTree(check.lines().get(0));
        assertThat(report.get("unknown")).isEmpty();
        assertThat(report.get("missing")).isEmpty();
        assertThat(report.get("linked").toString()).contains(t.library().relativize(member).toString());
        assertThat(TempLibrary.sha256(trash)).isEqualTo(memberHash);
        assertThat(Files.isSameFile(member, keeper)).isTrue();
        assertThat(alice("stats", "--json").out()).contains("\"assets\":1");
        try (Catalog catalog = Catalog.open(t.library())) {
            assertThat(catalog.journal().entries(RUN)).extracting(JournalEntry::state).containsExactly(JournalState.DONE, JournalState.DONE);
        }

        CliRun undo = alice("undo", RUN, "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(Files.isSameFile(member, keeper)).isFalse();
        assertThat(alice("stats", "--json").out()).contains("\"assets\":2");
        assertThat(alice("check", "--json").exit()).isZero();
    }

    /**
     * The next {@code dedup --apply} after a crash used to group the catalog before settling it, so the interrupted
     * run's member (its row not yet removed) was grouped again and reported "missing or changed" (exit 1).
     */
    @Test
    void applyAfterACrashGroupsTheSettledCatalog() throws IOException {
        Path link = t.library().resolve(".alice/tmp/link");
        Files.createDirectories(link.getParent());
        Files.createLink(link, keeper);
        Files.move(link, member, StandardCopyOption.ATOMIC_MOVE);

        CliRun apply = alice("dedup", "--apply", "trash", "--max-distance", "0", "--json");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.lines()).hasSize(1); // no group left: only the summary
        JsonNode summary = JSON.readTree(apply.lines().get(0));
        assertThat(summary.get("skipped")).isEmpty();
        assertThat(summary.get("changed").asInt()).isZero();
        assertThat(Files.isSameFile(member, keeper)).isTrue();
        assertThat(TempLibrary.sha256(trash)).isEqualTo(memberHash);
    }

    private CliRun alice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }
}
