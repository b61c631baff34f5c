package io.alicemultiverse.library;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WatchLoopTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void picksUpAFileWrittenSlowlyOnlyOnceComplete() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Files.createDirectories(t.inbox().resolve("acme"));
        byte[] content = TempLibrary.png(5);
        List<OrganizeSummary> cycles = new CopyOnWriteArrayList<>();
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
             InboxWatcher watcher = new InboxWatcher(t.inbox(), Duration.ofMillis(200), Duration.ofMillis(800))) {
            WatchLoop.Listener listener = new WatchLoop.Listener() {
                @Override
                public void cycle(OrganizeSummary s) {
                    cycles.add(s);
                }
            };
            WatchLoop loop = new WatchLoop(() -> library.organizer(t.inbox(), false, listener), watcher,
                    Duration.ofSeconds(2));
            Thread runner = new Thread(() -> {
                try {
                    loop.run(listener);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            runner.start();
            Path growing = t.inbox().resolve("acme/slow.png");
            try (OutputStream out = Files.newOutputStream(growing)) {
                for (int i = 0; i < content.length; i += 16) {
                    out.write(content, i, Math.min(16, content.length - i));
                    out.flush();
                    Thread.sleep(60);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (TempLibrary.fingerprint(t.library()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2500); // a partial copy organized early would now be joined by the complete one
            loop.stop();
            runner.join(10_000);
            assertThat(runner.isAlive()).as("stops cleanly").isFalse();
            assertThat(growing).exists(); // copy mode
            assertThat(TempLibrary.fingerprint(t.library()).values()).containsExactly(sha256(content));
            assertThat(cycles).allSatisfy(s -> assertThat(s.errors()).isZero());
        }
    }

    @ParameterizedTest(name = "move={0}")
    @ValueSource(booleans = {false, true})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void undoOfAWatchedRunSticksUntilTheFileChanges(boolean move) throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Files.createDirectories(t.inbox().resolve("acme"));
        Path a = Files.write(t.inbox().resolve("acme/a.png"), TempLibrary.png(11));
        Path b = Files.write(t.inbox().resolve("acme/b.png"), TempLibrary.png(12));
        List<String> notes = new CopyOnWriteArrayList<>();
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
             InboxWatcher watcher = new InboxWatcher(t.inbox(), Duration.ofMillis(100), Duration.ofMillis(300))) {
            WatchLoop.Listener listener = new WatchLoop.Listener() {
                @Override
                public void noted(String path, String note) {
                    notes.add(path + ": " + note);
                }
            };
            WatchLoop loop = new WatchLoop(() -> library.organizer(t.inbox(), move, listener), watcher,
                    Duration.ofMillis(500));
            Thread runner = new Thread(() -> {
                try {
                    loop.run(listener);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            runner.start();
            try {
                awaitLibraryFiles(t, 2);
                library.undo(null); // as a forwarded `alice undo` runs in the watching owner
                assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
                Thread.sleep(3_000); // several cycles: settle, rescans
                assertThat(TempLibrary.fingerprint(t.library())).as("the undo sticks").isEmpty();
                assertThat(a).exists();
                assertThat(b).exists();
                assertThat(notes).anyMatch(n -> n.startsWith(a + ": put back by alice undo"));

                Files.write(a, TempLibrary.png(13)); // changed since the undo: filed as any new file
                awaitLibraryFiles(t, 1);
                Thread.sleep(1_500);
                assertThat(TempLibrary.fingerprint(t.library()).values()).containsExactly(sha256(TempLibrary.png(13)));
                assertThat(b).exists();
            } finally {
                loop.stop();
                runner.join(10_000);
            }
            // a one-off organize is the user asking again: it files what the undo put back
            library.organizer(t.inbox(), move, new OrganizeListener() { }).run();
            assertThat(TempLibrary.fingerprint(t.library())).hasSize(2);
        }
    }

    private static void awaitLibraryFiles(TempLibrary t, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TempLibrary.fingerprint(t.library()).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(n);
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
