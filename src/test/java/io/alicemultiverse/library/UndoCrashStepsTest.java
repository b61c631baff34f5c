package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.CrashCorpus;
import io.alicemultiverse.testsupport.CrashState;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.XmpFiles;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice undo} stopped dead ({@link CrashPoints}) after each of its steps in turn, for every kind of run it
 * reverses. After each crash, recovery ({@code check --repair}) must find nothing missing, changed or unknown and
 * leave nothing lost, doubled or claimed where it is not; undoing the run again must then end exactly where an
 * uninterrupted undo ends (the same files, the same catalog rows, an empty trash), and undoing every run must give
 * the inbox back byte for byte. Every file but one arrives with an XMP sidecar, so the sidecars' own journal lines
 * are killed too. It found an interrupted undo's restore of a parked duplicate uncataloguing the kept twin.
 */
class UndoCrashStepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runs undone, each made from a small inbox with the duplicates it needs. */
    enum Kind {
        ORGANIZE_MOVE("organize", "--move", "--json"),
        ORGANIZE_COPY("organize", "--json"),
        DEDUP_TRASH("dedup", "--apply", "trash", "--max-distance", "0", "--json"),
        DEDUP_HARDLINK("dedup", "--apply", "hardlink", "--max-distance", "0", "--json");

        final String[] command;

        Kind(String... command) {
            this.command = command;
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anUndoKilledAtAnyStepEndsAsIfItHadRunOnce(Kind kind) throws Exception {
        TempLibrary ref = new TempLibrary(tmp.resolve("reference"));
        Map<String, String> inbox = setUp(ref, kind);
        String refRun = lastRun(ref);
        CliRun whole = alice(ref, "undo", refRun, "--json");
        assertThat(whole.exit()).as(whole.out() + whole.err()).isZero();
        Map<String, String> expected = snapshot(ref);

        int crashes = 0;
        for (int step = 1; step < 60; step++) {
            TempLibrary t = new TempLibrary(tmp.resolve("step-" + step));
            setUp(t, kind);
            String run = lastRun(t);
            int exit = undoHaltedAt(t, run, step);
            if (exit != CrashPoints.HALTED) {
                assertThat(exit).as("undo ran to its end at step " + step).isZero();
                assertThat(snapshot(t)).isEqualTo(expected);
                break;
            }
            crashes++;
            String where = kind + ", killed at step " + step + ": ";
            CliRun repair = alice(t, "check", "--repair", "--json");
            assertThat(repair.exit()).as(where + repair.err()).isZero();
            JsonNode report = JSON.readTree(repair.lines().get(repair.lines().size() - 1));
            for (String problem : List.of("missing", "changed", "unknown")) {
                assertThat(report.get(problem)).as(where + problem + " after recovery").isEmpty();
            }
            assertThat(CrashState.read(t.inbox(), t.inbox().resolveSibling("late"), t.library()).settled(inbox))
                    .as(where + "after recovery").isEmpty();
            if (CrashState.undoableRuns(t.library()).contains(run)) {
                CliRun again = alice(t, "undo", run, "--json");
                assertThat(again.exit()).as(where + again.out() + again.err()).isZero();
                assertThat(JSON.readTree(again.lines().get(0)).get("skipped")).as(where).isEmpty();
            }
            assertThat(snapshot(t)).as(where + "undone again").isEqualTo(expected);
            CliRun check = alice(t, "check", "--json");
            assertThat(check.exit()).as(where + check.out()).isZero();
            for (String r : CrashState.undoableRuns(t.library())) {
                assertThat(alice(t, "undo", r, "--json").exit()).as(where + "undo " + r).isZero();
            }
            assertThat(CrashState.read(t.inbox(), t.inbox().resolveSibling("late"), t.library()).restored(inbox))
                    .as(where + "after undoing every run").isEmpty();
        }
        assertThat(crashes).as("steps killed").isGreaterThanOrEqualTo(4);
    }

    /** Makes the run to undo; returns the inbox as given. */
    private static Map<String, String> setUp(TempLibrary t, Kind kind) throws IOException {
        byte[] png = CrashCorpus.png(Pictures.photo(7, 48, 48, 6));
        t.inboxFile("p/a.png", png);
        t.inboxFile("p/b.png", CrashCorpus.withText(png, "Comment", "same pixels, other bytes"));
        t.inboxFile("p/c.png", CrashCorpus.withText(png, "Comment", "same pixels, third bytes"));
        t.inboxFile("p/d.png", TempLibrary.png(3));
        // sidecars in both conventions, carried in by organize, trashed by dedup, brought back by undo
        t.inboxFile("p/a.png.xmp", XmpFiles.sidecar(1, "of a"));
        t.inboxFile("p/b.png.xmp", XmpFiles.sidecar(2, "of b"));
        t.inboxFile("p/c.xmp", XmpFiles.sidecar(3, "of c"));
        if (kind == Kind.ORGANIZE_MOVE || kind == Kind.ORGANIZE_COPY) {
            t.inboxFile("e.png", TempLibrary.png(3)); // the same bytes as p/d.png: parked as a duplicate
        }
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        if (kind == Kind.DEDUP_TRASH || kind == Kind.DEDUP_HARDLINK) {
            assertThat(alice(t, "organize", "--json", "--inbox", t.inbox().toString()).exit()).isZero();
        }
        List<String> args = new ArrayList<>(List.of(kind.command));
        if (kind.command[0].equals("organize")) {
            args.addAll(List.of("--inbox", t.inbox().toString()));
        }
        CliRun made = alice(t, args.toArray(String[]::new));
        assertThat(made.exit()).as(made.out() + made.err()).isZero();
        return inbox;
    }

    private static String lastRun(TempLibrary t) throws IOException {
        return CrashState.undoableRuns(t.library()).get(0);
    }

    /** {@code alice undo RUN} in a JVM of its own that halts at crash point {@code step}; its exit status. */
    private static int undoHaltedAt(TempLibrary t, String run, int step) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(AliceProcess.java(), "-Dalice.crash-at-step=" + step));
        cmd.addAll(AliceProcess.javaArgs("undo", run, "--json", "--library", t.library().toString()));
        Path log = t.library().resolveSibling("undo-" + step + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("undo finished or halted").isTrue();
        return p.exitValue();
    }

    /**
     * The user's files (inbox, library, trash and duplicates park, without manifests, catalog or caches) and the
     * catalog's rows, as {@code place/path → content hash}.
     */
    private static Map<String, String> snapshot(TempLibrary t) throws IOException {
        Map<String, String> out = new TreeMap<>();
        TempLibrary.fingerprint(t.inbox()).forEach((k, v) -> out.put("inbox/" + k, v));
        try (Stream<Path> s = Files.walk(t.library())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = t.library().relativize(p).toString();
                boolean kept = !rel.startsWith(".alice/") || rel.startsWith(".alice/trash/")
                        || rel.startsWith(".alice/duplicates/");
                if (kept && !rel.endsWith("manifest.json")) {
                    out.put("library/" + rel, TempLibrary.sha256(p));
                }
            }
        }
        try (Catalog catalog = Catalog.open(t.library())) {
            catalog.assetPaths().forEach((hash, path) -> out.put("catalog/" + path, hash));
        }
        return out;
    }

    private static CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }
}
