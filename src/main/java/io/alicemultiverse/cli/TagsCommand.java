package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice tags}: every tag with how many assets carry it. */
@Command(name = "tags", mixinStandardHelpOptions = true, description = "Count assets per tag, most used first.")
final class TagsCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Only tags from prompt, understanding or user.")
    String origin;

    @Option(names = "--limit", paramLabel = "N", description = "At most N tags (0: all, as for search).")
    Integer limit;

    @Option(names = "--json", description = "One object {\"tag\": …, \"count\": N} per line.")
    boolean json;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or more, not " + limit);
        }
        if (limit != null && limit == 0) {
            limit = null; // as alice search --limit 0: every tag
        }
        PrintStream out = Output.out();
        try (LibraryService library = lib.existing()) {
            int shown = 0;
            for (Map.Entry<String, Long> e : library.tagCounts(origin).entrySet()) {
                if (limit != null && shown++ >= limit) {
                    break;
                }
                out.println(json ? Output.json(entry(e.getKey(), e.getValue()))
                        : String.format("%6d  %s", e.getValue(), TerminalText.line(e.getKey())));
            }
            return 0;
        }
    }

    private static Map<String, Object> entry(String tag, long count) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("tag", tag);
        m.put("count", count);
        return m;
    }
}
