package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@code alice dedup --apply trash|hardlink} in its own JVM over a library of exact-duplicate pairs, kills it
 * with SIGKILL once it has started moving files, and checks: no content is ever lost and (for hardlink) no member's
 * name ever goes missing — it holds its own bytes or the keeper's; after the next command settles the journal every
 * content exists exactly once (in place or in the trash), the catalog agrees with the disk, and {@code alice undo}
 * restores every byte.
 */
class DedupCrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAIRS = 250;
    private static final int ROUNDS = 4;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedApplyLosesNothingAndUndoRestoresEveryByte() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < PAIRS; i++) {
            byte[] png = DedupCliTest.png(Pictures.photo(1000 + i, 48, 48, 6));
            t.inboxFile("p/a" + i + ".png", png);
            t.inboxFile("p/b" + i + ".png", DedupCliTest.splitIdat(png));
        }
        CliRun organized = alice(t, "organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(organized.exit()).as(organized.err()).isZero();
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        assertThat(before).hasSize(2 * PAIRS);
        Map<String, String> keeperOf = keepers(t);
        assertThat(keeperOf).hasSize(PAIRS);

        Random random = new Random(6);
        int midRun = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean hardlink = round % 2 == 0;
            Process p = start(t, hardlink ? "hardlink" : "trash");
            Path trashDir = waitForTrash(t, p);
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            assertThat(trashDir).as("the run got under way (see run.log)").isNotNull();
            String run = trashDir.getFileName().toString();

            // the raw disk right after the kill, before anything settles the journal
            Map<String, Integer> everywhere = contentCounts(t.library());
            before.values().forEach(h -> assertThat(everywhere).as("content %s kept", h).containsKey(h));
            if (hardlink) {
                assertNamesHoldOwnOrKeeperBytes(t, before, keeperOf);
            }

            // the next command settles the interrupted run; the catalog then agrees with the disk
            CliRun check = alice(t, "check", "--repair", "--json");
            assertThat(check.exit()).as(check.out() + check.err()).isZero();
            JsonNode report = JSON.readTree(check.lines().get(0));
            assertThat(report.get("missing")).as(check.out()).isEmpty();
            assertThat(report.get("changed")).as(check.out()).isEmpty();
            assertThat(report.get("unknown")).as(check.out()).isEmpty();
            Map<String, Integer> settled = contentCounts(t.library());
            before.values().forEach(h -> assertThat(settled.get(h)).as("copies of %s", h).isEqualTo(1));
            Path tmpDir = t.library().resolve(".alice/tmp");
            try (Stream<Path> left = Files.exists(tmpDir) ? Files.list(tmpDir) : Stream.empty()) {
                assertThat(left.toList()).as("temporary leftovers").isEmpty();
            }
            if (hardlink) {
                assertNamesHoldOwnOrKeeperBytes(t, before, keeperOf);
            }
            long changedNames = before.entrySet().stream()
                    .filter(e -> !e.getValue().equals(hashOrNull(t.library().resolve(e.getKey())))).count();
            if (changedNames > 0 && changedNames < PAIRS) {
                midRun++;
            }

            CliRun undo = alice(t, "undo", run, "--json");
            assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
            assertThat(TempLibrary.fingerprint(t.library())).as("every byte back after round %d", round)
                    .isEqualTo(before);
            CliRun after = alice(t, "check", "--json");
            assertThat(after.exit()).as(after.out()).isZero();
            assertThat(keepers(t)).isEqualTo(keeperOf);
        }
        assertThat(midRun).as("kills that landed in the middle of a run").isGreaterThanOrEqualTo(2);
    }

    /** Every name that existed still does, with its own bytes or (a member) a hard link to its keeper. */
    private static void assertNamesHoldOwnOrKeeperBytes(TempLibrary t, Map<String, String> before,
                                                        Map<String, String> keeperOf) throws IOException {
        for (Map.Entry<String, String> e : before.entrySet()) {
            Path name = t.library().resolve(e.getKey());
            assertThat(name).as("name never missing").exists();
            String now = TempLibrary.sha256(name);
            if (!now.equals(e.getValue())) {
                Path keeper = t.library().resolve(keeperOf.get(e.getKey()));
                assertThat(Files.isSameFile(name, keeper)).as("%s is a link to its keeper", e.getKey()).isTrue();
            }
        }
    }

    /** Member path → keeper path, from a dry run. */
    private static Map<String, String> keepers(TempLibrary t) throws IOException {
        CliRun dry = alice(t, "dedup", "--max-distance", "0", "--json");
        assertThat(dry.exit()).as(dry.err()).isZero();
        Map<String, String> out = new HashMap<>();
        for (String line : dry.lines()) {
            JsonNode g = JSON.readTree(line);
            for (JsonNode m : g.get("members")) {
                if (!m.get("path").asText().equals(g.get("keep").asText())) {
                    out.put(m.get("path").asText(), g.get("keep").asText());
                }
            }
        }
        return out;
    }

    /** How many times each content is stored: library files and the dedup trash; a hard-linked inode counts once. */
    private static Map<String, Integer> contentCounts(Path library) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        List<Object> inodes = new ArrayList<>();
        try (Stream<Path> s = Files.walk(library)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = library.relativize(p).toString();
                if (rel.startsWith(".alice") && !rel.startsWith(".alice/trash/") || rel.endsWith("manifest.json")) {
                    continue;
                }
                Object inode = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                if (inodes.contains(inode)) {
                    continue;
                }
                inodes.add(inode);
                out.merge(TempLibrary.sha256(p), 1, Integer::sum);
            }
        }
        return out;
    }

    private static String hashOrNull(Path p) {
        try {
            return TempLibrary.sha256(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** The run's trash folder once its manifest is written (files start moving right after), or null. */
    private static Path waitForTrash(TempLibrary t, Process p) throws Exception {
        Path trash = t.library().resolve(".alice/trash");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<Path> known = Files.isDirectory(trash) ? list(trash) : List.of();
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.isDirectory(trash)) {
                for (Path d : list(trash)) {
                    if (!known.contains(d) && Files.exists(d.resolve("manifest.json"))) {
                        return d;
                    }
                }
            }
            Thread.sleep(5);
        }
        return null;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    private static Process start(TempLibrary t, String action) throws IOException {
        return AliceProcess.builder("dedup", "--apply", action, "--max-distance", "0", "--json", "--library",
                t.library().toString()).redirectErrorStream(true)
                .redirectOutput(t.library().resolveSibling("run.log").toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }
}
