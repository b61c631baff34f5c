package io.alicemultiverse.library;

import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@code alice organize --move} in its own JVM, kills it with SIGKILL at random moments, runs it again,
 * and checks that every input's content is in the library exactly once and nothing is lost.
 */
class CrashSafetyTest {
    private static final int FILES = 1500;
    private static final int ROUNDS = 5;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void killedMoveRunsLoseNothingAndStoreEverythingOnce() throws Exception {
        Random random = new Random(42);
        int midRunKills = 0;
        for (int round = 0; round < ROUNDS; round++) {
            TempLibrary t = new TempLibrary(tmp.resolve("r" + round));
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                byte[] png = TempLibrary.png(round * 10_000 + i);
                t.inboxFile((i % 3 == 0 ? "" : "p" + (i % 3) + "/") + "f" + i + ".png", png);
                hashes.add(TempLibrary.sha256(t.inbox().resolve((i % 3 == 0 ? "" : "p" + (i % 3) + "/") + "f" + i + ".png")));
            }
            // kill once or twice at random moments, then let a run finish
            int kills = 1 + random.nextInt(2);
            for (int k = 0; k < kills; k++) {
                Process p = start(t);
                // kill once the run is under way (files have started to land), at a random moment after that
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && !anyLibraryFile(t.library()) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(300));
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                assertNothingLost(t, hashes);
                if (!TempLibrary.fingerprint(t.inbox()).isEmpty() && !TempLibrary.fingerprint(t.library()).isEmpty()) {
                    midRunKills++;
                }
            }
            Process last = start(t);
            assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(t.library().resolveSibling("run.log"));
            assertThat(last.exitValue()).as(log).isZero();

            Map<String, Integer> inLibrary = counts(TempLibrary.fingerprint(t.library()).values());
            assertThat(TempLibrary.fingerprint(t.inbox())).as("inbox emptied").isEmpty();
            for (String h : hashes) {
                assertThat(inLibrary.getOrDefault(h, 0)).as("copies of %s in round %d", h, round).isEqualTo(1);
            }
            assertThat(inLibrary).hasSize(FILES);
            Path tmpDir = t.library().resolve(".alice/tmp");
            assertThat(!Files.exists(tmpDir) || Files.list(tmpDir).findAny().isEmpty()).as("no temporary leftovers").isTrue();
        }
        assertThat(midRunKills).as("kills that landed in the middle of a run").isGreaterThanOrEqualTo(2);
    }

    /** Every input is in the inbox or the library (at least once) at every instant. */
    private static void assertNothingLost(TempLibrary t, List<String> hashes) throws Exception {
        Map<String, Integer> everywhere = counts(TempLibrary.fingerprint(t.inbox()).values());
        counts(TempLibrary.fingerprint(t.library()).values()).forEach((h, n) -> everywhere.merge(h, n, Integer::sum));
        for (String h : hashes) {
            assertThat(everywhere.getOrDefault(h, 0)).as("content %s present somewhere", h).isPositive();
        }
    }

    private static boolean anyLibraryFile(Path library) throws java.io.IOException {
        if (!Files.isDirectory(library)) {
            return false;
        }
        try (var files = Files.walk(library)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && !library.relativize(f).toString().startsWith(".alice"));
        }
    }

    private static Map<String, Integer> counts(Collection<String> values) {
        Map<String, Integer> out = new HashMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    private static Process start(TempLibrary t) throws Exception {
        return AliceProcess.builder("organize", "--move", "--json", "--inbox", t.inbox().toString(), "--library",
                t.library().toString()).redirectErrorStream(true)
                .redirectOutput(t.library().resolveSibling("run.log").toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }
}
