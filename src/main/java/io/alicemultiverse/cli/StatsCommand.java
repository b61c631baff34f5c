package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.LibraryStats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Map;

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
        try (LibraryService library = lib.existing()) {
            LibraryStats stats = library.stats();
            if (json) {
                out.println(Output.json(stats));
                return 0;
            }
            out.println("assets: " + stats.assets());
            // every part after the count, under its JSON name, in the record's order
            for (Map.Entry<String, JsonNode> part : Output.tree(stats).properties()) {
                if (part.getValue().isObject()) {
                    out.println(part.getKey().replace('_', ' ') + ":");
                    part.getValue().properties().forEach(e -> out.printf("  %s %s%n",
                            TerminalText.padded(e.getKey(), 40), TerminalText.line(e.getValue().asText())));
                }
            }
            return 0;
        }
    }
}
