package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a machine's organize run stopped dead in the middle of its moves is never settled by another machine
 * while it still holds its session (a stopped process still answers the network), while another machine's organize
 * goes on beside it, and is settled by the next run once it is killed: no file lost or doubled, {@code alice check}
 * clean.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // kill -STOP / -KILL
class SharedCrashTest {
    private static final int FILES = 400;

    @TempDir
    Path tmp;

    private static long filesIn(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.alice/")).count();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aStoppedRunIsLeftAloneWhileItsSessionLivesAndSettledOnceItIsKilled() throws Exception {
        Path library = tmp.resolve("library");
        Path first = tmp.resolve("inbox-a");
        Path second = tmp.resolve("inbox-b");
        Set<String> contents = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            byte[] png = TempLibrary.png("machine a picture " + i, "m", i);
            Files.createDirectories(first.resolve("studio"));
            Files.write(first.resolve("studio/a-" + i + ".png"), png);
            contents.add(TempLibrary.sha256(first.resolve("studio/a-" + i + ".png")));
        }
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(second.resolve("studio"));
            Files.write(second.resolve("studio/b-" + i + ".png"), TempLibrary.png("machine b picture " + i, "m", 9000 + i));
            contents.add(TempLibrary.sha256(second.resolve("studio/b-" + i + ".png")));
        }
        String url = TestPostgres.newDatabase();

        Process a = AliceProcess.builder("organize", "--move", "--inbox", first.toString(), "--library",
                library.toString(), "--catalog", url).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("a.log").toFile()).start();
        for (int i = 0; i < 6000 && filesIn(library) < 10 && a.isAlive(); i++) {
            Thread.sleep(5);
        }
        signal("STOP", a.pid()); // stopped dead in the middle of its moves, its connection still open
        awaitStopped(a.pid()); // a thread inside a rename finishes that call before it stops
        assertThat(a.isAlive()).as("still running when stopped: " + Files.readString(tmp.resolve("a.log"))).isTrue();
        long placed = filesIn(library);
        assertThat(placed).isLessThan(FILES);

        long leftInFirst = filesIn(first);
        Path bLog = tmp.resolve("b.log");
        Process b = AliceProcess.builder("organize", "--move", "--inbox", second.toString(), "--library",
                library.toString(), "--catalog", url).redirectErrorStream(true).redirectOutput(bLog.toFile()).start();
        try {
            // organize runs go on at once: b files its inbox while a is stopped, and leaves a's run to a
            assertThat(b.waitFor(120, TimeUnit.SECONDS)).as("b finishes beside the stopped a").isTrue();
            assertThat(b.exitValue()).as(Files.readString(bLog)).isZero();
            assertThat(Files.readString(bLog)).doesNotContain("waiting for");
            assertThat(filesIn(second)).isZero();
            assertThat(filesIn(first)).as("never settles a live machine's run").isEqualTo(leftInFirst);
            assertThat(filesIn(library)).as("b's files beside a's, nothing of a's touched").isEqualTo(placed + 20);
            assertThat(a.isAlive()).isTrue();

            signal("KILL", a.pid());
            assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the server drops the killed session's locks (its runs' leases) as its backend exits, a moment later
            Thread.sleep(1_000);
        } finally {
            b.destroyForcibly();
            a.destroyForcibly();
        }
        // the user runs the killed machine's organize again
        CliRun again = CliRun.run("organize", "--move", "--inbox", first.toString(), "--library", library.toString(),
                "--catalog", url);
        assertThat(again.exit()).as(again.err()).isZero();

        Map<String, String> filed = TempLibrary.fingerprint(library);
        assertThat(new HashSet<>(filed.values())).as("every content in the library").isEqualTo(contents);
        assertThat(filed).as("each once").hasSize(contents.size());
        assertThat(filesIn(first) + filesIn(second)).as("inboxes emptied").isZero();
        CliRun check = CliRun.run("check", "--library", library.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
    }

    /** Waits until every thread of {@code pid} is stopped ('T' in /proc), so no file operation is still under way. */
    private static void awaitStopped(long pid) throws Exception {
        for (int i = 0; i < 500; i++) {
            boolean all = true;
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String stat = Files.readString(t.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    all &= state == 'T' || state == 't';
                }
            } catch (java.io.IOException e) {
                all = false; // a thread ended while listed: look again
            }
            if (all) {
                return;
            }
            Thread.sleep(10);
        }
    }
}
