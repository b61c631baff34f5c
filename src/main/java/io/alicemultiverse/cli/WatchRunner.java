package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.library.Layout;

import java.io.PrintStream;

/** Runs {@code organize --watch}. */
final class WatchRunner {
    private WatchRunner() {
    }

    static int run(Config c, Layout l, boolean move, boolean json, PrintStream out) {
        Output.error("--watch is not available yet");
        return 2;
    }
}
