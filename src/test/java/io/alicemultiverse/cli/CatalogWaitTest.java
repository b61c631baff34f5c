package io.alicemultiverse.cli;

import io.alicemultiverse.app.Owner;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.HoldCatalog;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two one-shot commands at once on a DuckDB library: the second waits for the first to close the catalog, saying
 * who holds it, instead of failing at once with "in use by another process"; it gives up after ALICE_LOCK_WAIT
 * seconds with a message naming the holder, and goes to an owner that appears meanwhile.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CatalogWaitTest {
    @TempDir
    Path tmp;

    private TempLibrary organized() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        CliRun r = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return t;
    }

    @Test
    void aSecondCommandWaitsForTheCatalogAndSaysWhoHasIt() throws Exception {
        TempLibrary t = organized();
        Process holder = HoldCatalog.start(t.library());
        try {
            long start = System.nanoTime();
            CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> {
                try {
                    holder.getOutputStream().close(); // the first command ends
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRun stats = CliRun.run("stats", "--json", "--library", t.library().toString());
            assertThat(stats.exit()).as(stats.err()).isZero();
            assertThat(stats.out()).contains("\"assets\":1");
            assertThat(stats.err()).contains("alice: waiting for process " + holder.pid() + " on ")
                    .contains("to finish with this library").hasLineCount(1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(1_500);
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void itGivesUpAfterTheWaitNamingTheHolder() throws Exception {
        TempLibrary t = organized();
        Process holder = HoldCatalog.start(t.library());
        try {
            CliRun stats = CallerEnv.with(Map.of("ALICE_LOCK_WAIT", "1"),
                    () -> CliRun.run("stats", "--library", t.library().toString()));
            assertThat(stats.exit()).isEqualTo(1);
            assertThat(stats.err()).contains("waiting for process " + holder.pid())
                    .contains("is in use by process " + holder.pid())
                    .contains("still after 1 s").contains("ALICE_LOCK_WAIT");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void aHolderThatIsAnAliceCommandIsNamedSo() {
        assertThat(CatalogWait.aliceCommand(List.of("-Xss1m", "-jar", "/x/target/alice.jar", "organize", "--move")))
                .isEqualTo("organize");
        assertThat(CatalogWait.aliceCommand(List.of("-cp", "a:b", Main.class.getName(), "--library", "x")))
                .isEqualTo("x"); // options before the command are rare; the first plain word is taken
        assertThat(CatalogWait.aliceCommand(List.of("-cp", "a:b", "org.Other"))).isNull();
    }

    @Test
    void anOwnerThatAppearsWhileWaitingRunsTheCommand() throws Exception {
        TempLibrary t = organized();
        Process owner = AliceProcess.builder("mcp", "--library", t.library().toString())
                .redirectErrorStream(true).start();
        Path ownerFile = Owner.file(t.library());
        Path aside = tmp.resolve("owner.json.aside");
        try {
            for (int i = 0; i < 600 && !Files.exists(ownerFile); i++) {
                Thread.sleep(50);
            }
            assertThat(ownerFile).exists();
            // as if the owner had the catalog open but had not written its owner file yet
            Files.move(ownerFile, aside);
            CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> {
                try {
                    Files.move(aside, ownerFile, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRun stats = CliRun.run("stats", "--json", "--library", t.library().toString());
            assertThat(stats.exit()).as(stats.err()).isZero();
            assertThat(stats.out()).contains("\"assets\":1");
            assertThat(stats.err()).contains("alice: waiting for alice pid " + owner.pid() + " on ")
                    .contains("(alice mcp)");
        } finally {
            owner.getOutputStream().close();
            if (!owner.waitFor(30, TimeUnit.SECONDS)) {
                owner.destroyForcibly().waitFor();
            }
        }
    }
}
