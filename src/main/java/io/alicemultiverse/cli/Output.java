package io.alicemultiverse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where command output goes: stdout and stderr of the process, or — for a command run inside the library's owner
 * process on behalf of another {@code alice} — the streams that carry its answer back. Per thread.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<PrintStream[]> STREAMS = new ThreadLocal<>();

    private Output() {
    }

    /** Runs {@code work} with this thread's command output going to {@code out} and {@code err}. */
    static <T> T with(PrintStream out, PrintStream err, java.util.function.Supplier<T> work) {
        PrintStream[] previous = STREAMS.get();
        STREAMS.set(new PrintStream[]{out, err});
        try {
            return work.get();
        } finally {
            if (previous == null) {
                STREAMS.remove();
            } else {
                STREAMS.set(previous);
            }
        }
    }

    static PrintStream out() {
        PrintStream[] s = STREAMS.get();
        return s != null ? s[0] : new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    static PrintStream err() {
        PrintStream[] s = STREAMS.get();
        return s != null ? s[1] : System.err;
    }

    /** Whether output goes to this process's own terminal (not to a file, a pipe or another alice). */
    static boolean isConsole() {
        PrintStream[] s = STREAMS.get();
        return System.console() != null && (s == null || s[1] == System.err);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(String message) {
        err().println("alice: " + message);
    }
}
