package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every library command shares: which library, which configuration file. */
final class LibraryOptions {
    @Option(names = "--library", paramLabel = "DIR", description = "The library folder (default: from the configuration, else ./organized).")
    Path library;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration file (YAML: inbox, library, layout).")
    Path config;

    /** Opens the library this command works on (with its configured layout). */
    io.alicemultiverse.app.Library open() {
        Config c = resolve();
        return io.alicemultiverse.app.Library.open(c.library(), io.alicemultiverse.library.Layout.of(c.layout()),
                java.time.Clock.systemDefaultZone());
    }

    /** The configuration with this command's flags applied. */
    Config resolve() {
        Config c = Config.load(config, CallerEnv.get());
        return library == null ? c : c.with(null, library.toString(), null);
    }
}
