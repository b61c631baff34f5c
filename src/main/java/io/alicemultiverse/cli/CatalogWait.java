package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.Owner;
import io.alicemultiverse.catalog.CatalogException;
import io.alicemultiverse.catalog.CatalogInUseException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Opening a library whose DuckDB catalog another process has open — another one-shot command's run, or an owner
 * ({@code serve}, {@code mcp}, a watch) that is still starting — waits for it instead of failing at once: one line on
 * stderr says who holds it, the open is tried again every 200 ms for up to {@code ALICE_LOCK_WAIT} seconds (default
 * 60; 0 fails at once), then the command fails naming the holder. When the holder turns out to be an owner (its
 * {@code owner.json} appears), waiting stops with {@link OwnerAppeared}, so the command is sent to it as the design's
 * single-owner rule has it ({@link Main}). Stateless.
 */
final class CatalogWait {
    static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    private CatalogWait() {
    }

    /** The library {@code open} opens, waited for while another process has its catalog (see the class comment). */
    static LibraryService open(Path library, Supplier<LibraryService> open) {
        Duration patience = patience(CallerEnv.get());
        long deadline = System.nanoTime() + patience.toNanos();
        boolean told = false;
        while (true) {
            try {
                return open.get();
            } catch (CatalogInUseException e) {
                Optional<Owner> owner = Owner.find(library);
                if (owner.isPresent()) {
                    throw new OwnerAppeared(owner.get());
                }
                String who = who(e.holder());
                if (System.nanoTime() - deadline >= 0) {
                    throw new CatalogException("the catalog " + e.file() + " is in use by " + who
                            + (patience.isZero() ? "" : ", still after " + patience.toSeconds() + " s")
                            + "; run the command again when it has finished (ALICE_LOCK_WAIT=SECONDS waits longer)",
                            e);
                }
                if (!told) {
                    Output.err().println("alice: waiting for " + who + " to finish with this library (its catalog "
                            + "is open there; up to " + patience.toSeconds() + " s)");
                    told = true;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How long to wait: {@code ALICE_LOCK_WAIT} seconds, else {@link #DEFAULT}. */
    static Duration patience(Map<String, String> env) {
        String value = env.get("ALICE_LOCK_WAIT");
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("ALICE_LOCK_WAIT must be a number of seconds from 0 to 86400, not '"
                + value + "'");
    }

    /**
     * The process holding the catalog as a person would name it: {@code alice pid 4242 on studio-2 (alice organize)}
     * (as the PostgreSQL path names a lock's holder), {@code process 4242 on studio-2 (duckdb)} for another program.
     */
    static String who(OptionalLong pid) {
        if (pid.isEmpty()) {
            return "another process";
        }
        String host = io.alicemultiverse.catalog.CatalogUrl.hostName();
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::info);
        List<String> args = arguments(pid.getAsLong())
                .orElseGet(() -> info.flatMap(ProcessHandle.Info::arguments).map(List::of).orElse(List.of()));
        String alice = aliceCommand(args);
        if (alice != null) {
            return "alice pid " + pid.getAsLong() + " on " + host + (alice.isEmpty() ? "" : " (alice " + alice + ")");
        }
        String program = info.flatMap(ProcessHandle.Info::command)
                .map(c -> String.valueOf(Path.of(c).getFileName())).orElse(null);
        return "process " + pid.getAsLong() + " on " + host + (program == null ? "" : " (" + program + ")");
    }

    /**
     * A process's arguments from {@code /proc} where there is one: the JDK gives none for a command line past 4 KB,
     * which a JVM's class path alone often is.
     */
    private static Optional<List<String>> arguments(long pid) {
        try {
            byte[] cmdline = java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> all = List.of(new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
            return all.isEmpty() ? Optional.empty() : Optional.of(all.subList(1, all.size()));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The alice subcommand a JVM's arguments run ("" for none named), or null when they do not run alice. */
    static String aliceCommand(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean main = a.equals(Main.class.getName())
                    || i > 0 && args.get(i - 1).equals("-jar") && a.endsWith("alice.jar");
            if (main) {
                return args.stream().skip(i + 1L).filter(s -> !s.startsWith("-")).findFirst().orElse("");
            }
        }
        return null;
    }

    /** Waiting stopped because the library now has an owner, which runs the command instead. */
    static final class OwnerAppeared extends IllegalStateException {
        private final transient Owner owner;

        OwnerAppeared(Owner owner) {
            super("the library is now owned by process " + owner.pid() + " (alice " + owner.command()
                    + "); stop it first");
            this.owner = owner;
        }

        Owner owner() {
            return owner;
        }
    }
}
