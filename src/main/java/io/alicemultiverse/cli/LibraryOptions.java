package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every library command shares: which library, which configuration file. */
final class LibraryOptions {
    @Option(names = "--library", paramLabel = "DIR", description = "The library folder (default: from the configuration, else ./organized).")
    Path library;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration file (YAML: inbox, library, layout, catalog).")
    Path config;

    @Option(names = "--catalog", paramLabel = "URL", description = "Where the catalog lives: duckdb (default, inside "
            + "the library) or postgresql://user@host:5432/dbname, shared by every machine (password from PGPASSWORD "
            + "or ~/.pgpass, never the command line).")
    String catalog;

    /** Opens the library this command works on (with its configured layout and catalog). */
    io.alicemultiverse.app.LibraryService open() {
        Config c = resolve();
        return open(c, io.alicemultiverse.library.Layout.of(c.layout()), false);
    }

    /**
     * Opens the library this command works on, which must exist already: for commands that read or change what a
     * library holds (search, stats, check, tag, undo, …), where a mistyped {@code --library} used to create an empty
     * library and report "0 assets" or "no matches" as if that were the answer.
     */
    io.alicemultiverse.app.LibraryService existing() {
        Config c = resolve();
        requireExisting(c);
        return open(c, io.alicemultiverse.library.Layout.of(c.layout()), false);
    }

    /**
     * Refuses a library folder that holds no library ({@code .alice}, where its catalog or the pointer to a shared one
     * lives), naming it; an owner's lent library exists by definition. With a PostgreSQL catalog the folder is not
     * asked about: the catalog knows its library, and a wrong one is refused with its own message. Organize, the long-running owners and
     * {@code index rebuild} create a library instead.
     */
    static void requireExisting(Config c) {
        if (CallerEnv.owned() != null || c.catalogUrl(CallerEnv.get()).isPostgres()) {
            return; // a shared catalog names its library itself (and says so when it is the wrong one)
        }
        Path root = c.library().toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(root.resolve(".alice"))) {
            throw new IllegalArgumentException("no library at " + root + (java.nio.file.Files.isDirectory(root)
                    ? " (the folder has no .alice catalog)" : " (no such folder)")
                    + ": check --library, or organize files into it first");
        }
    }

    /**
     * The one way a command opens its library: the owner's open library, lent, when the command runs for another
     * alice process (one library per process: no second catalog, no second search engine); else the library of
     * {@code c}, or — for a {@code dryRun} — its existing catalog or an empty one in memory, so a dry run creates
     * nothing on disk. A catalog another process has open is waited for ({@link CatalogWait}).
     */
    static io.alicemultiverse.app.LibraryService open(Config c, io.alicemultiverse.library.Layout layout,
                                                       boolean dryRun) {
        io.alicemultiverse.app.LibraryService owned = CallerEnv.owned();
        if (owned != null) {
            return owned.lend(c.library(), layout);
        }
        java.time.Clock clock = java.time.Clock.systemDefaultZone();
        io.alicemultiverse.catalog.CatalogUrl url = c.catalogUrl(CallerEnv.get());
        // another process may have the catalog open for a moment (a one-shot command's run): wait for it
        io.alicemultiverse.app.LibraryService service = CatalogWait.open(c.library(), () -> dryRun
                ? io.alicemultiverse.app.LibraryService.openForDryRun(c.library(), layout, clock, url)
                : io.alicemultiverse.app.LibraryService.open(c.library(), layout, clock, url)).keepSidecars(c.xmp());
        // an undo, dedup or repair that waits for other runs (on a shared catalog, another machine's) says so
        service.catalog().onWaiting(who -> Output.err().println("alice: waiting for " + who
                + " to finish its run on this library"));
        service.onIndexBuild(assets -> {
            if (assets >= INDEX_BUILD_NOTICE_FROM) {
                Output.err().println(indexBuildNotice(assets));
            }
        });
        return service;
    }

    /** From how many assets building the lexical index takes long enough to say so (~1 s; docs/benchmarks.md). */
    static final long INDEX_BUILD_NOTICE_FROM = 20_000;

    /** What a command says before search builds this machine's lexical index of {@code assets} assets whole. */
    static String indexBuildNotice(long assets) {
        return String.format(java.util.Locale.ROOT, "alice: building this machine's search index of %,d assets "
                + "(once: later searches only catch up with changes)", assets);
    }

    /**
     * The configuration with this command's flags applied, its folders made absolute against the working directory
     * of the caller (for a forwarded command, the directory the other alice was started in, not the owner's).
     */
    Config resolve() {
        Path cwd = CallerEnv.cwd();
        Config c = Config.load(config == null ? null : cwd.resolve(config), CallerEnv.get());
        c = library == null ? c : c.with(null, cwd.resolve(library).toString(), null);
        return new Config(cwd.resolve(c.inbox()), cwd.resolve(c.library()), c.layout(), c.catalog(), c.xmp())
                .withCatalog(catalog);
    }
}
