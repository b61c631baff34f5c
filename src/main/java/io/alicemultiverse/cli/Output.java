package io.alicemultiverse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where command output goes: stdout and stderr of the process, or — for a command run inside the library's owner
 * process on behalf of another {@code alice} — the streams that carry its answer back. Per thread.
 */
final class Output {
    private static final ObjectMapper JSON = TerminalText.jsonMapper();

    /** {@code value} as the JSON tree {@link #json} would print. */
    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
    private static final ThreadLocal<PrintStream[]> STREAMS = new ThreadLocal<>();
    /** Set for a forwarded command: whether the caller's stderr is a terminal (so progress bars stream back). */
    private static final ThreadLocal<Boolean> CALLER_CONSOLE = new ThreadLocal<>();

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

    /** Runs {@code work} (a forwarded command) with output to the caller, whose stderr is a terminal or not. */
    static <T> T forCaller(PrintStream out, PrintStream err, boolean console, java.util.function.Supplier<T> work) {
        CALLER_CONSOLE.set(console);
        try {
            return with(out, err, work);
        } finally {
            CALLER_CONSOLE.remove();
        }
    }

    /**
     * Whether output goes to a terminal: this process's own (not a file, a pipe), or the terminal of the alice that
     * forwarded the command being run.
     */
    static boolean isConsole() {
        Boolean caller = CALLER_CONSOLE.get();
        if (caller != null) {
            return caller;
        }
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
