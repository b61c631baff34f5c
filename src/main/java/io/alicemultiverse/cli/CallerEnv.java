package io.alicemultiverse.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The environment a command reads its settings and API keys from: this process's own, or — for a command another
 * {@code alice} forwarded to the library's owner — the caller's values of the variables alice reads, laid over the
 * owner's. Without this, a forwarded {@code understand} would have used the owner's API key (another account,
 * perhaps) or failed for want of one the caller had set. Only those variables travel ({@code ALICE_*},
 * {@code *_API_KEY}, {@code XDG_CONFIG_HOME}, {@code HOME}), over the owner's token-protected 127.0.0.1 channel; the
 * owner keeps them for that one command and stores them nowhere. Per thread.
 */
final class CallerEnv {
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<java.nio.file.Path> CWD = new ThreadLocal<>();
    private static final ThreadLocal<io.alicemultiverse.app.LibraryService> OWNED = new ThreadLocal<>();
    /** The video providers' key variables whose names do not end in {@code _API_KEY}. */
    private static final java.util.Set<String> VIDEO_KEYS = java.util.Set.of("FAL_KEY", "RUNWAYML_API_SECRET",
            "REPLICATE_API_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS");

    private CallerEnv() {
    }

    /** Whether alice reads variable {@code name} (so a forwarded command carries the caller's value of it). */
    static boolean forwarded(String name) {
        return name.startsWith("ALICE_") || name.endsWith("_API_KEY") || name.equals("XDG_CONFIG_HOME")
                || name.equals("HOME") || VIDEO_KEYS.contains(name);
    }

    /** This process's values of the variables a forwarded command carries. */
    static Map<String, String> toForward() {
        Map<String, String> out = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (forwarded(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The working directory relative paths of the current command are resolved against. */
    static java.nio.file.Path cwd() {
        java.nio.file.Path p = CWD.get();
        return p != null ? p : java.nio.file.Path.of("").toAbsolutePath();
    }

    /**
     * Runs {@code work} seeing the caller's environment ({@link #with(Map, Supplier)}) and working directory, and
     * opening {@code owned} — the owner's open library — whenever it opens its library ({@link LibraryOptions#open}).
     */
    static <T> T with(Map<String, String> caller, java.nio.file.Path cwd, io.alicemultiverse.app.LibraryService owned,
                      Supplier<T> work) {
        CWD.set(cwd);
        OWNED.set(owned);
        try {
            return with(caller, work);
        } finally {
            CWD.remove();
            OWNED.remove();
        }
    }

    /**
     * An argument that names a file or else something else (a content hash, a library path): the file against the
     * caller's folder when one is there, else the argument as it is.
     */
    static String fileOrAsIs(String arg) {
        if (arg == null || arg.isEmpty()) {
            return arg;
        }
        try {
            java.nio.file.Path p = cwd().resolve(arg);
            return java.nio.file.Files.exists(p) ? p.toString() : arg;
        } catch (java.nio.file.InvalidPathException e) {
            return arg;
        }
    }

    /** The owner's open library when the current command runs for another alice process, else null. */
    static io.alicemultiverse.app.LibraryService owned() {
        return OWNED.get();
    }

    /** The environment the current command sees. */
    static Map<String, String> get() {
        Map<String, String> m = CURRENT.get();
        return m != null ? m : System.getenv();
    }

    /**
     * Runs {@code work} seeing the caller's values: the owner's environment without any variable alice reads, plus
     * {@code caller}'s (a variable the caller had not set stays unset, as it would in the caller's own process).
     */
    static <T> T with(Map<String, String> caller, Supplier<T> work) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!forwarded(k)) {
                env.put(k, v);
            }
        });
        caller.forEach((k, v) -> {
            if (forwarded(k)) {
                env.put(k, v);
            }
        });
        Map<String, String> previous = CURRENT.get();
        CURRENT.set(Map.copyOf(env));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
