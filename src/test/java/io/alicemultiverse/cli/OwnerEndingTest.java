package io.alicemultiverse.cli;

import io.alicemultiverse.app.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A new owner waits a moment for an owner that is ending (a client restarting {@code alice mcp} starts the new
 * server while the old one still ends), and refuses one that stays.
 */
class OwnerEndingTest {
    @TempDir
    Path library;

    @Test
    void anOwnerThatEndsWithinTheWaitIsWaitedFor() throws Exception {
        Process ending = new ProcessBuilder("sleep", "1").start();
        new Owner(ending.pid(), 1, Owner.newToken(), "mcp").write(library);
        long start = System.nanoTime();
        OwnerChannel.refuseIfOwned(library, Duration.ofSeconds(20));
        assertThat(ending.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anOwnerThatStaysIsRefusedAfterTheWait() throws Exception {
        Process staying = new ProcessBuilder("sleep", "60").start();
        try {
            new Owner(staying.pid(), 1, Owner.newToken(), "serve").write(library);
            assertThatThrownBy(() -> OwnerChannel.refuseIfOwned(library, Duration.ofMillis(300)))
                    .hasMessageContaining("already owned by process " + staying.pid() + " (alice serve)");
        } finally {
            staying.destroyForcibly();
        }
    }
}
