package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeJson;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.library.OrganizeSummary;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code alice organize}: files an inbox into the library. */
@Command(name = "organize", mixinStandardHelpOptions = true,
        description = "File an inbox into the library (copy by default), cataloguing every file; never overwrites.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every file was handled", "1:some files could not be organized (they stay in the inbox)",
                "2:usage error"})
final class OrganizeCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--inbox", paramLabel = "DIR", description = "The inbox folder (default: configuration, else ./inbox).")
    Path inbox;

    @Option(names = "--move", description = "Move files instead of copying them.")
    boolean move;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--watch", description = "Keep watching the inbox and organize new files as they settle.")
    boolean watch;

    @Option(names = "--json", description = "JSON Lines: a line per failed file (and per planned file in a dry run), then a summary.")
    boolean json;

    @Option(names = "--xmp", description = "Write each newly filed file's XMP sidecar (<file>.xmp, as alice xmp "
            + "write does; default: the configuration's xmp key).")
    boolean xmp;

    @Option(names = "--layout", paramLabel = "TEMPLATE", description = "Layout template (default " + Layout.DEFAULT + ").")
    String layout;

    @Override
    public Integer call() throws Exception {
        if (watch && dryRun) {
            // a watch files what arrives: it has no plan to print, and must never be taken for one
            Output.error("--watch and --dry-run cannot be combined: a watch files what arrives (for the plan of what "
                    + "is in the inbox now, run organize --dry-run without --watch)");
            return 2;
        }
        Config c = lib.resolve().with(inbox == null ? null : CallerEnv.cwd().resolve(inbox).toString(), null, layout);
        Layout l = Layout.of(c.layout());
        PrintStream out = Output.out();
        if (watch) {
            return WatchRunner.run(c, l, move, xmp || c.xmp(), json, out, lib.config);
        }
        try (LibraryService library = LibraryOptions.open(c, l, dryRun)) {
            Reporter reporter = new Reporter(out, json, dryRun);
            OrganizeSummary s;
            try {
                s = library.organize(c.inbox(), move, dryRun, xmp || c.xmp(), reporter);
            } finally {
                reporter.close();
            }
            print(s, json, out);
            if (s.organized() + s.duplicates() == 0) {
                ClassArchive.unrepresentative(); // nothing read, parsed and filed: an empty inbox, or all unchanged
            }
            return s.errors() == 0 ? 0 : 1;
        }
    }

    static void print(OrganizeSummary s, boolean json, PrintStream out) {
        if (json) {
            out.println(Output.json(OrganizeJson.Summary.of(s)));
        } else {
            out.printf("%s%s: %d scanned, %d organized, %d duplicates, %d unchanged, %d errors%s in %.1f s%n",
                    s.dryRun() ? "dry run " : "run ", s.run(), s.scanned(), s.organized(), s.duplicates(),
                    s.unchanged(), s.errors(), s.sidecars() == 0 ? ""
                            : ", " + s.sidecars() + (s.sidecars() == 1 ? " sidecar" : " sidecars")
                            + (s.dryRun() ? " to carry" : " carried"), s.seconds());
            if (!s.dryRun() && s.organized() + s.duplicates() > 0) {
                out.println("undo with: alice undo " + s.run());
            }
        }
    }

    /** Renders progress and per-file events. */
    static final class Reporter implements OrganizeListener, AutoCloseable {
        private final PrintStream out;
        private final boolean json;
        private final boolean dryRun;
        private ProgressBar bar;

        Reporter(PrintStream out, boolean json, boolean dryRun) {
            this.out = out;
            this.json = json;
            this.dryRun = dryRun;
        }

        @Override
        public void started(String run, int total) {
            if (!json && !dryRun && Output.isConsole() && total > 0) {
                bar = new ProgressBarBuilder().setTaskName("organize").setInitialMax(total).setUnit(" files", 1)
                        .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(Output.err())).build(); // the caller's, if forwarded
            }
        }

        @Override
        public void progressed(int done, int total) {
            if (bar != null) {
                bar.stepTo(done);
            }
        }

        @Override
        public void planned(String source, String target, String action) {
            if (!dryRun) {
                return;
            }
            if (json) {
                out.println(Output.json(new OrganizeJson.Planned(source, target, action)));
            } else {
                out.println(action + "  " + source + "  →  " + target);
            }
        }

        @Override
        public void waiting(String who) {
            Output.err().println("alice: waiting for " + who + " to finish its run on this library");
        }

        @Override
        public void failed(String path, String error) {
            if (json) {
                out.println(Output.json(new OrganizeJson.Failed(path, error)));
            } else {
                Output.err().println("alice: " + path + ": " + error + " (left in place)");
            }
        }

        @Override
        public void noted(String path, String note) {
            if (json) {
                out.println(Output.json(new OrganizeJson.Noted(path, note)));
            } else {
                Output.err().println("alice: " + path + ": " + note);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
