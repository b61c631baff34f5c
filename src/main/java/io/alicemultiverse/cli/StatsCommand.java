package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.LibraryStats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;

import java.util.concurrent.Callable;

/** {@code alice stats}: counts by source, project, model, month and media type. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count the library's assets by source, project, model, month and media type.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--json", description = "Print {\"assets\": N, \"by_source\": {…}, …}.")
    boolean json;

    @Override
    public Integer call() {
        PrintStream out = Output.out();
        try (LibraryService library = lib.open()) {
            LibraryStats stats = library.stats();
            if (json) {
                out.println(Output.json(stats));
                return 0;
            }
            out.println("assets: " + stats.assets());
            stats.sections().forEach((name, m) -> {
                out.println(name.replace('_', ' ') + ":");
                m.forEach((k, v) -> out.printf("  %-40s %s%n", k, v));
            });
            return 0;
        }
    }
}
