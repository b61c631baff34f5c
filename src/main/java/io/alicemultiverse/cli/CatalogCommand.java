package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.catalog.CatalogCopy;
import io.alicemultiverse.catalog.CatalogUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice catalog copy --to URL|duckdb}: moves a library's catalog between DuckDB and a shared PostgreSQL. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Move the library's catalog between backends.",
        subcommands = {CatalogCommand.Copy.class})
final class CatalogCommand {

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy the catalog to an empty PostgreSQL database (or back to DuckDB with --to duckdb), "
                    + "verify it (rows per table, a checksum of every asset) and switch the library to it. Nothing "
                    + "is deleted: the DuckDB file is kept as catalog.duckdb.before-copy-DATE (-2, -3... later that day).")
    static final class Copy implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "postgresql://user@host:5432/dbname (password from PGPASSWORD or ~/.pgpass), or duckdb.")
        String to;

        @Option(names = "--replace", description = "Replace the PostgreSQL database's contents when it holds an older "
                + "copy of this library (every run it records is one of this library's; else refused). Deleted and "
                + "copied in one verified transaction.")
        boolean replace;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Config c = lib.resolve();
            CatalogUrl target = CatalogUrl.parse(to, CallerEnv.get());
            if (replace && !target.isPostgres()) {
                Output.error("--replace is for a PostgreSQL target; a copy back to DuckDB never replaces a catalog");
                return 2;
            }
            CatalogCopy.Result r = CatalogCopy.copy(c.library(), target, replace);
            PrintStream out = Output.out();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", r.from());
                m.put("to", r.to());
                m.put("rows", r.rows());
                m.put("assets_sha256", r.checksum());
                out.println(Output.json(m));
            } else {
                out.println("copied " + r.rows().get("assets") + " assets (" + r.rows().values().stream()
                        .mapToLong(Long::longValue).sum() + " rows in " + r.rows().size() + " tables) from " + r.from()
                        + " to " + r.to() + "; verified (assets sha256 " + r.checksum().substring(0, 16) + "…)");
                out.println("the library now uses " + r.to());
            }
            return 0;
        }
    }
}
