package io.alicemultiverse.library;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named moments between the steps of a journaled file operation where a crash test may stop the process dead.
 * Off unless the JVM was started with {@code -Dalice.crash-at-step=N}: then the N-th step reached halts the JVM
 * at once ({@link Runtime#halt}: no shutdown hook, no finally block, no catalog close — what SIGKILL does), so a
 * test can kill an operation at every one of its steps in turn instead of hoping a timer lands there. Only whoever
 * starts the JVM can set it, so it gives nobody anything a kill would not. Thread-safe.
 */
final class CrashPoints {
    /** The exit status of a JVM halted at a crash point (as a shell reports a SIGKILL). */
    public static final int HALTED = 137;
    private static final int AT = Integer.getInteger("alice.crash-at-step", 0);
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoints() {
    }

    /** Marks that one more step is done; halts the JVM if this is the step a crash test asked for. */
    public static void step() {
        if (AT > 0 && REACHED.incrementAndGet() == AT) {
            System.err.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
