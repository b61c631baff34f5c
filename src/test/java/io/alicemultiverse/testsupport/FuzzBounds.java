package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one fuzz input and turns a broken promise into a finding: more than {@link #CPU_LIMIT_NANOS} of this thread's
 * CPU (a hang; CPU time, not wall time, so that a busy shared machine does not make findings up), or more memory
 * allocated by this thread than the documented limits allow. The first input of each target, and any input during
 * which a class was loaded, is not measured: loading (and Jazzer's instrumentation of) classes costs both; an input
 * over a limit is run again and counts only if it is over again. Also hands
 * out one scratch file per target and thread for readers that need a path.
 */
public final class FuzzBounds {
    /** Longest a single input may keep a parser busy. */
    public static final long CPU_LIMIT_NANOS = 1_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final java.lang.management.ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(FuzzBounds::scratchDir);

    private FuzzBounds() {
    }

    /** A fuzz body; checked exceptions it may throw are the caller's to allow or not. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} and fails when it took more than a second of CPU or allocated more than {@code maxBytes}.
     * Exceptions thrown by the body pass through unchanged (Jazzer reports them).
     */
    public static void check(String target, long maxBytes, Body body) throws Exception {
        boolean measure = !WARMED.add(target);
        long[] used = measured(body);
        if (!measure || used == null || (used[0] <= CPU_LIMIT_NANOS && used[1] <= maxBytes)) {
            return;
        }
        // over a limit: once more, now that every path this input takes has run once. The first run of a path
        // can cost what no later run does (twice a campaign's third input "allocated" 66-76 MB without loading a
        // class; run again, under 150 KB): a real hang or blow-up costs as much the second time
        long[] again = measured(body);
        if (again == null) {
            return;
        }
        if (again[0] > CPU_LIMIT_NANOS) {
            throw new AssertionError(target + ": one input took " + again[0] / 1_000_000 + " ms of CPU (limit "
                    + CPU_LIMIT_NANOS / 1_000_000 + " ms)");
        }
        if (again[1] > maxBytes) {
            throw new AssertionError(target + ": one input allocated " + again[1] / 1024 / 1024 + " MB (limit "
                    + maxBytes / 1024 / 1024 + " MB)");
        }
    }

    /** This thread's CPU nanoseconds and allocated bytes for one run of {@code body}; null if a class was loaded. */
    private static long[] measured(Body body) throws Exception {
        long classes = CLASSES.getTotalLoadedClassCount();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        long usedCpu = THREADS.getCurrentThreadCpuTime() - cpu;
        long usedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        return CLASSES.getTotalLoadedClassCount() != classes ? null : new long[]{usedCpu, usedBytes};
    }

    /**
     * {@code data} cut at every {@code separator}, into at most {@code max} parts (the last keeps the rest). Fuzz
     * targets with several inputs take one byte array cut this way, so that seed files stay plain bytes.
     */
    public static java.util.List<byte[]> split(byte[] data, byte[] separator, int max) {
        java.util.List<byte[]> parts = new java.util.ArrayList<>();
        int from = 0;
        for (int i = 0; i + separator.length <= data.length && parts.size() < max - 1; i++) {
            if (java.util.Arrays.equals(data, i, i + separator.length, separator, 0, separator.length)) {
                parts.add(java.util.Arrays.copyOfRange(data, from, i));
                from = i + separator.length;
                i = from - 1;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(data, from, data.length));
        return parts;
    }

    /** Writes {@code data} to this thread's scratch file {@code name} (overwritten on every call) and returns it. */
    public static Path file(String name, byte[] data) {
        try {
            Path file = SCRATCH.get().resolve(name);
            if (!Files.exists(file)) {
                file.toFile().deleteOnExit(); // runs before the directory's own deleteOnExit (reverse order)
            }
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratchDir() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "alice-fuzz") : Files.createTempDirectory("alice-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
