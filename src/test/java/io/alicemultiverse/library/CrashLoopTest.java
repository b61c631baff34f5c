package io.alicemultiverse.library;

import io.alicemultiverse.testsupport.CrashLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short crash loop (see {@link CrashLoop}; {@code bench/crash-loop.sh} runs 100 kills): at least 10 SIGKILLs
 * spread over organize --move, organize, dedup --apply trash and hardlink, undo, index rebuild and organize --watch,
 * each followed by the next command; nothing may be lost or doubled, check must be clean after --repair, and undo
 * of every run must give the inbox back byte for byte.
 */
class CrashLoopTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // ~1 min alone; far more on a loaded machine
    void killedFileOperationsLoseAndDoubleNothing() throws Exception {
        CrashLoop.Report r = new CrashLoop(CrashLoop.Alice.inProcess(), tmp, 15, System.out).run(10, 12, 6);
        System.out.println(CrashLoop.summary(r));
        assertThat(r.problems()).as(CrashLoop.summary(r)).isEmpty();
        assertThat(r.kills()).isGreaterThanOrEqualTo(10);
        assertThat(r.killsByOp()).as("every operation killed at least once").hasSize(CrashLoop.Op.values().length);
    }
}
