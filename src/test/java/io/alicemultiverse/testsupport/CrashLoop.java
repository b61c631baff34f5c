package io.alicemultiverse.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills {@code alice} with SIGKILL at random moments of every file operation and checks that nothing is lost or
 * doubled. A cycle starts from a fresh copy of a {@link CrashCorpus} inbox and an empty library and runs, each
 * command started with a kill timer and followed by the next: {@code organize --move}, {@code organize} (copy),
 * {@code dedup --apply trash}, {@code dedup --apply hardlink}, {@code undo}, {@code index rebuild},
 * {@code organize --watch} (late files arrive while it runs). Right after every kill the disk must still hold
 * every input ({@link CrashState#lost}); the interrupted command is settled either by {@code check --repair} at
 * once or by the next command (chosen at random, so both paths are taken), and after a {@code check --repair},
 * which must find nothing missing, changed or unknown, {@link CrashState#settled} must hold. A cycle ends with
 * {@code undo} of every run, newest first, after which the inbox must be byte for byte what was given and the
 * library, trash and park empty ({@link CrashState#restored}). Kill times: a share during start-up (opening the
 * catalog, settling the last kill), the rest spread over each command's observed duration.
 */
public final class CrashLoop {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file operations killed, in cycle order. */
    public enum Op {
        ORGANIZE_MOVE("organize --move"), ORGANIZE_COPY("organize"), DEDUP_TRASH("dedup --apply trash"),
        DEDUP_HARDLINK("dedup --apply hardlink"), UNDO("undo"), INDEX_REBUILD("index rebuild"),
        WATCH("organize --watch");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How {@code alice} is started: a process to kill, and a command run to its end. */
    public interface Alice {
        Process start(List<String> args, Path log) throws IOException;

        CliRun run(List<String> args) throws IOException, InterruptedException;

        /** The {@code alice} launcher script (the built jar), in processes of its own. */
        static Alice launcher(Path script) {
            return new Alice() {
                @Override
                public Process start(List<String> args, Path log) throws IOException {
                    List<String> cmd = new ArrayList<>(List.of(script.toString()));
                    cmd.addAll(args);
                    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                            .directory(log.getParent().toFile()).start();
                }

                @Override
                public CliRun run(List<String> args) throws IOException, InterruptedException {
                    Path out = Files.createTempFile("alice-crash", ".out");
                    Path err = Files.createTempFile("alice-crash", ".err");
                    try {
                        List<String> cmd = new ArrayList<>(List.of(script.toString()));
                        cmd.addAll(args);
                        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                                .directory(out.getParent().toFile()).start();
                        int exit = p.waitFor();
                        return new CliRun(exit, Files.readString(out), Files.readString(err));
                    } finally {
                        Files.deleteIfExists(out);
                        Files.deleteIfExists(err);
                    }
                }
            };
        }

        /** Killed commands in a JVM of their own with the test classpath; the others in this JVM. */
        static Alice inProcess() {
            return new Alice() {
                @Override
                public Process start(List<String> args, Path log) throws IOException {
                    return AliceProcess.builder(args.toArray(String[]::new)).redirectErrorStream(true)
                            .redirectOutput(log.toFile()).directory(new File(System.getProperty("java.io.tmpdir")))
                            .start();
                }

                @Override
                public CliRun run(List<String> args) {
                    return CliRun.run(args.toArray(String[]::new));
                }
            };
        }
    }

    /** What a loop found: kills made, kills that landed after the command had changed the disk, and problems. */
    public record Report(int kills, int midOperation, Map<Op, Integer> killsByOp, List<String> problems,
                         int cycles) {
        /** Distinct files (or contents) found lost or doubled. */
        public long filesLostOrDoubled() {
            return problems.stream().filter(p -> p.contains("LOST ") || p.contains("DOUBLED "))
                    .map(p -> p.substring(p.indexOf(p.contains("LOST ") ? "LOST " : "DOUBLED ")).split(":")[0])
                    .distinct().count();
        }
    }

    private final Alice alice;
    private final Path work;
    private final Random random;
    private final PrintStream log;
    private final Map<Op, Double> workSeconds = new EnumMap<>(Op.class);
    private double startupSeconds;

    public CrashLoop(Alice alice, Path work, long seed, PrintStream log) {
        this.alice = alice;
        this.work = work;
        this.random = new Random(seed);
        this.log = log;
        for (Op op : Op.values()) {
            workSeconds.put(op, 1.0);
        }
    }

    /** Runs cycles over a corpus of {@code groups} groups until {@code kills} kills have been made. */
    public Report run(int kills, int groups) throws IOException, InterruptedException {
        return run(kills, groups, 0);
    }

    /**
     * Like {@link #run(int, int)}, then goes on (for at most {@code extraCycles} more cycles) until every operation
     * has been killed at least once: on a fast machine a short command may finish before its random kill time.
     */
    public Report run(int kills, int groups, int extraCycles) throws IOException, InterruptedException {
        return run(kills, groups, extraCycles, java.util.EnumSet.noneOf(Op.class));
    }

    /** Like {@link #run(int, int, int)}, but never kills the operations in {@code spared} (they run to the end). */
    public Report run(int kills, int groups, int extraCycles, java.util.Set<Op> spared)
            throws IOException, InterruptedException {
        CrashCorpus pristine = CrashCorpus.make(work.resolve("corpus"), random.nextLong() & 0xffff, groups);
        log.printf("corpus: %d files (%d arrive during the watch)%n", pristine.manifest().size(),
                pristine.manifest().keySet().stream().filter(k -> k.startsWith("arrived/")).count());
        startupSeconds = measureStartup();
        log.printf("start-up of a command: %.2f s%n", startupSeconds);
        List<String> problems = new ArrayList<>();
        Map<Op, Integer> byOp = new EnumMap<>(Op.class);
        int made = 0;
        int mid = 0;
        int cycle = 0;
        int cyclesForKills = -1;
        int killable = Op.values().length - spared.size();
        while (made < kills || (byOp.size() < killable && cycle - cyclesForKills <= extraCycles)) {
            if (made >= kills && cyclesForKills < 0) {
                cyclesForKills = cycle;
            }
            Path dir = work.resolve("cycle-" + cycle);
            CrashCorpus corpus = pristine.copyTo(dir);
            Path library = dir.resolve("library");
            Files.createDirectories(dir.resolve("logs"));
            List<String> found = new ArrayList<>();
            boolean pendingSettle = false;
            for (Op op : Op.values()) {
                Outcome o = runOp(op, cycle, corpus, library,
                        !spared.contains(op) && (made < kills || !byOp.containsKey(op)));
                String where = "cycle " + cycle + " " + op.label() + (o.killed ? " (killed)" : "") + ": ";
                if (o.killed) {
                    made++;
                    mid += o.changedDisk ? 1 : 0;
                    byOp.merge(op, 1, Integer::sum);
                } else if (o.exit > 1 && !noLibraryYet(Files.readString(o.logFile), library)) {
                    found.add(where + "ERROR exit " + o.exit + ", see " + o.logFile);
                }
                CrashState.read(corpus.inbox(), corpus.late(), library).lost(corpus.manifest())
                        .forEach(p -> found.add(where + "right after: " + p));
                // settle now with check --repair, or leave it to the next command (never twice in a row unchecked)
                if (!o.killed || pendingSettle || random.nextBoolean()) {
                    settleAndCheck(library, corpus, where, found);
                    pendingSettle = false;
                } else {
                    pendingSettle = true;
                }
            }
            settleAndCheck(library, corpus, "cycle " + cycle + " end: ", found);
            undoAll(library, corpus, cycle, found);
            problems.addAll(found);
            log.printf("cycle %d: %d kills so far, %s%n", cycle, made, found.isEmpty() ? "clean" : found.size() + " problems");
            found.forEach(p -> log.println("  " + p));
            if (found.isEmpty()) {
                deleteTree(dir);
            }
            cycle++;
        }
        return new Report(made, mid, byOp, problems, cycle);
    }

    private record Outcome(boolean killed, boolean changedDisk, int exit, Path logFile) {
    }

    private Outcome runOp(Op op, int cycle, CrashCorpus corpus, Path library, boolean kill)
            throws IOException, InterruptedException {
        Path logFile = library.resolveSibling("logs").resolve(op.ordinal() + "-" + op.name().toLowerCase() + ".log");
        String before = CrashState.stamp(corpus.inbox(), library);
        long t0 = System.nanoTime();
        Process p = alice.start(args(op, cycle, corpus, library), logFile);
        try {
            return await(p, op, cycle, corpus, library, kill, before, t0, logFile);
        } finally {
            if (p.isAlive()) { // interrupted (a test's timeout): leave no process behind
                killTree(p);
            }
        }
    }

    private Outcome await(Process p, Op op, int cycle, CrashCorpus corpus, Path library, boolean kill, String before,
                          long t0, Path logFile) throws IOException, InterruptedException {
        if (op == Op.WATCH) {
            Thread.sleep((long) (1000 * startupSeconds * (0.5 + random.nextDouble())));
            corpus.deliverLate();
            before = CrashState.stamp(corpus.inbox(), library);
        }
        long killAt;
        long began = -1; // when the command was first seen changing files
        if (!kill) {
            killAt = op == Op.WATCH ? t0 + (long) ((startupSeconds + 8.0) * 1e9) : Long.MAX_VALUE;
        } else if (random.nextDouble() < 0.15) {
            killAt = t0 + (long) (1e9 * startupSeconds * (0.3 + 0.7 * random.nextDouble())); // opening, settling
        } else if (op == Op.INDEX_REBUILD) { // changes no file: spread over its whole observed duration
            killAt = t0 + (long) (1e9 * random.nextDouble() * 1.1 * (startupSeconds + workSeconds.get(op)));
        } else {
            // once it has begun changing files, a moment within its observed duration from there
            long giveUp = t0 + (long) (1e9 * (startupSeconds * 4 + 20));
            while (p.isAlive() && System.nanoTime() < giveUp && before.equals(CrashState.stamp(corpus.inbox(), library))) {
                p.waitFor(40, TimeUnit.MILLISECONDS);
            }
            began = System.nanoTime();
            // half the kills in the first moments of the changes (where organize's batch of file operations and
            // dedup's moves are), the rest anywhere in the command's observed duration from there
            double span = random.nextBoolean() ? Math.min(0.6, workSeconds.get(op)) : 1.1 * workSeconds.get(op);
            killAt = began + (long) (1e9 * random.nextDouble() * span);
        }
        while (p.isAlive() && System.nanoTime() < killAt) {
            p.waitFor(Math.max(1, Math.min(1000, (killAt - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        }
        long now = System.nanoTime();
        double elapsed = (now - t0) / 1e9;
        double working = (now - (began < 0 ? t0 + (long) (startupSeconds * 1e9) : began)) / 1e9;
        if (!p.isAlive()) {
            workSeconds.merge(op, Math.max(0.1, working), (a, b) -> 0.5 * a + 0.5 * b);
            log.printf("cycle %d %-22s finished after %5.2f s (exit %d)%n", cycle, op.label(), elapsed, p.exitValue());
            return new Outcome(false, false, p.exitValue(), logFile);
        }
        killTree(p);
        if (op != Op.WATCH && working > 0) {
            workSeconds.merge(op, working, Math::max);
        }
        boolean changed = !before.equals(CrashState.stamp(corpus.inbox(), library));
        log.printf("cycle %d %-22s killed   after %5.2f s%s%n", cycle, op.label(), elapsed,
                changed ? " (files had changed)" : "");
        return new Outcome(kill, changed, -1, logFile);
    }

    private static List<String> args(Op op, int cycle, CrashCorpus corpus, Path library) {
        String lib = library.toString();
        String inbox = corpus.inbox().toString();
        return switch (op) {
            case ORGANIZE_MOVE -> List.of("organize", "--move", "--json", "--inbox", inbox, "--library", lib);
            case ORGANIZE_COPY -> List.of("organize", "--json", "--inbox", inbox, "--library", lib);
            case DEDUP_TRASH -> List.of("dedup", "--apply", "trash", "--json", "--library", lib);
            case DEDUP_HARDLINK -> List.of("dedup", "--apply", "hardlink", "--max-distance", "0", "--json",
                    "--library", lib);
            case UNDO -> List.of("undo", "--json", "--library", lib);
            case INDEX_REBUILD -> List.of("index", "rebuild", "--library", lib);
            case WATCH -> cycle % 2 == 0
                    ? List.of("organize", "--watch", "--move", "--json", "--inbox", inbox, "--library", lib)
                    : List.of("organize", "--watch", "--json", "--inbox", inbox, "--library", lib);
        };
    }

    /** {@code check --repair} must find the catalog and the disk in agreement; then the settled invariants. */
    private void settleAndCheck(Path library, CrashCorpus corpus, String where, List<String> found)
            throws IOException, InterruptedException {
        CliRun check = alice.run(List.of("check", "--repair", "--json", "--library", library.toString()));
        if (check.exit() == 2 && noLibraryYet(check.err(), library)) {
            // an organize killed before it made the library: nothing to check (the state is still checked below)
        } else if (check.exit() != 0 || check.lines().isEmpty()) {
            found.add(where + "CHECK exit " + check.exit() + ": " + check.out() + check.err());
        } else {
            JsonNode r = JSON.readTree(check.lines().get(check.lines().size() - 1));
            for (String kind : List.of("missing", "changed", "unknown")) {
                r.path(kind).forEach(n -> found.add(where + "CHECK " + kind + " " + n.asText()));
            }
        }
        CrashState.read(corpus.inbox(), corpus.late(), library).settled(corpus.manifest())
                .forEach(p -> found.add(where + p));
    }

    /** Undoes every run, newest first; then the inbox must be as given and the library empty. */
    private void undoAll(Path library, CrashCorpus corpus, int cycle, List<String> found)
            throws IOException, InterruptedException {
        for (String run : CrashState.undoableRuns(library)) {
            CliRun undo = alice.run(List.of("undo", run, "--json", "--library", library.toString()));
            if (undo.exit() != 0) {
                found.add("cycle " + cycle + " undo " + run + ": UNDO exit " + undo.exit() + ": "
                        + (undo.out() + undo.err()).strip());
            }
        }
        String where = "cycle " + cycle + " after undoing every run: ";
        CrashState.read(corpus.inbox(), corpus.late(), library).restored(corpus.manifest())
                .forEach(p -> found.add(where + p));
        CliRun check = alice.run(List.of("check", "--json", "--library", library.toString()));
        if (check.exit() != 0 && !(check.exit() == 2 && noLibraryYet(check.err(), library))) {
            found.add(where + "CHECK exit " + check.exit() + ": " + check.out().strip());
        }
    }

    /**
     * Whether a command refused the library because there is none yet (an organize was killed before it made it):
     * the commands that read a library do that instead of creating an empty one.
     */
    private static boolean noLibraryYet(String output, Path library) {
        return output.contains("no library at") && !Files.isDirectory(library.resolve(".alice"));
    }

    /** How long a command that does nothing takes: JVM start and opening a catalog. */
    private double measureStartup() throws IOException, InterruptedException {
        Path scratch = work.resolve("startup");
        Files.createDirectories(scratch);
        long t0 = System.nanoTime();
        Process p = alice.start(List.of("check", "--library", scratch.resolve("library").toString()),
                scratch.resolve("check.log"));
        p.waitFor(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        deleteTree(scratch);
        return seconds;
    }

    /** SIGKILL to the process and everything it started (the launcher script's JVM), then waits for them. */
    static void killTree(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + h.pid() + " survived SIGKILL", e);
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A one-line summary of a report, for logs and docs/benchmarks.md. */
    public static String summary(Report r) {
        Set<String> kinds = new LinkedHashSet<>();
        r.problems().forEach(p -> kinds.add(p.replaceAll(".*?(LOST|DOUBLED|STATE|CHECK|ERROR|UNDO).*", "$1")));
        return String.format("%d kills (%d after files had changed) in %d cycles, %d files lost or doubled, "
                + "%d problems%s; kills by command: %s", r.kills(), r.midOperation(), r.cycles(),
                r.filesLostOrDoubled(), r.problems().size(), kinds.isEmpty() ? "" : " " + kinds, r.killsByOp());
    }
}
