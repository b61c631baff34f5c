package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.InboxWatcher;
import io.alicemultiverse.library.InboxRule;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeSummary;
import io.alicemultiverse.library.WatchLoop;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Runs {@code organize --watch} until Ctrl-C, which stops cleanly between files. */
final class WatchRunner {
    static final Duration DEBOUNCE = Duration.ofMillis(750);
    static final Duration SETTLE = Duration.ofMillis(1500);
    static final Duration RESCAN = Duration.ofSeconds(30);

    private WatchRunner() {
    }

    static int run(Config c, Layout l, boolean move, boolean xmp, boolean json, PrintStream out, java.nio.file.Path videoConfig)
            throws Exception {
        InboxRule.check(c.inbox(), c.library()); // before owning anything or watching
        OwnerChannel.refuseIfOwned(c.library());
        try (GracefulStop signal = new GracefulStop(Duration.ofSeconds(60));
             LibraryService library = CatalogWait.open(c.library(), () -> LibraryService.open(c.library(), l,
                     Clock.systemDefaultZone(), c.catalogUrl(CallerEnv.get()))).keepSidecars(xmp);
             OwnerChannel owner = OwnerChannel.open(library, "organize --watch");
             InboxWatcher watcher = new InboxWatcher(c.inbox(), DEBOUNCE, SETTLE)) {
            Set<String> reported = new HashSet<>();
            long[] before = {0}; // the catalog's change counter when the current cycle began
            OrganizeCommand.Reporter reporter = new OrganizeCommand.Reporter(out, json, false);
            WatchLoop.Listener listener = new WatchLoop.Listener() {
                @Override
                public void failed(String path, String error) {
                    if (reported.add(path + "\u0000" + error)) { // once per file and reason, not every cycle
                        reporter.failed(path, error);
                    }
                }

                @Override
                public void noted(String path, String note) {
                    if (reported.add(path + "\u0000" + note)) {
                        reporter.noted(path, note);
                    }
                }

                @Override
                public void cycle(OrganizeSummary s) {
                    library.catalogued(s, before[0], xmp).forEach(p -> reporter.noted(p, "XMP sidecar problem"));
                    if (s.organized() > 0) { // the watcher owns the library: it embeds between its cycles
                        library.embedMissing();
                    }
                    OrganizeCommand.print(s, json, out);
                }
            };
            WatchLoop loop = new WatchLoop(() -> {
                before[0] = library.catalog().changeCounter();
                return library.organizer(c.inbox(), move, listener);
            }, watcher, RESCAN, library); // the library's lock: the video jobs' thread shares the catalog
            // the owner advances video jobs submitted from anywhere (forwarded `alice video generate`)
            library.advanceVideoJobsInBackground(VideoCommand.settings(videoConfig, CallerEnv.get()),
                    CallerEnv.get());
            library.hashInBackground(); // near-duplicate hashes, between cycles (the loop holds the lock while it runs)
            signal.onSignal(loop::stop); // stops between files
            if (!json) {
                Output.err().println("alice: watching " + c.inbox().toAbsolutePath() + " (Ctrl-C to stop)");
            }
            loop.run(listener);
            return 0;
        }
    }
}
