package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.search.SearchHit;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice search}: filters, tags, prompt text and plain-language queries. */
@Command(name = "search", mixinStandardHelpOptions = true,
        // the first line is the summary "alice --help" lists; the second is wrapped by picocli as one paragraph
        description = {"Find assets by a plain-language query, tags and filters.",
                "QUERY is plain language: time words (today, last week, in march, 2024-05, since monday), generators "
                        + "and models (midjourney, comfy, flux, sdxl), videos/images, \"quoted phrases\" and -excluded "
                        + "words (both filter), tag:x, source:x, model:x, project:x (each negated too: -tag:x); the rest "
                        + "ranks by meaning and words."})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The plain-language query.")
    List<String> query = new ArrayList<>();

    @Mixin
    QueryOptions filters;

    @Option(names = "--sort", paramLabel = "ORDER", description = "relevance (default), newest or oldest.")
    String sort;

    @Option(names = "--limit", paramLabel = "N", description = "At most N results (default 20; 0: every match, as --all).")
    int limit = SearchQuery.DEFAULT_LIMIT;

    @Option(names = "--all", description = "Every match, streamed as it is read (with --json: JSON Lines).")
    boolean all;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N results.")
    int offset;

    @Option(names = "--facets", description = {"Also count every match by source, project, model, tag and month:",
            "all that --all lists, whatever --limit and --offset show."})
    boolean facets;

    @Option(names = "--json", description = "JSON Lines: one object per result (and a last {\"facets\": …, \"total\": N} line).")
    boolean json;

    /** What the facets count, said beside them in both outputs. */
    static final String COUNTED = "every match, as --all lists them (not only this page)";

    /**
     * The last line of {@code --json --facets}: the counts, how many matches they cover and a note that they cover
     * every match, not the page.
     */
    record FacetsJson(Map<String, Map<String, Long>> facets, long total, String counted) {
        static FacetsJson of(SearchResult r) {
            Map<String, Map<String, Long>> ordered = new LinkedHashMap<>(); // the order Facet lists them in
            for (io.alicemultiverse.catalog.Facet f : io.alicemultiverse.catalog.Facet.values()) {
                ordered.put(f.key(), r.facets().getOrDefault(f.key(), Map.of()));
            }
            return new FacetsJson(ordered, r.total(), COUNTED);
        }
    }

    @Override
    public Integer call() {
        PrintStream out = Output.out();
        try (LibraryService library = lib.existing()) {
            SearchRequest request = filters.request(String.join(" ", query)).sort(sort)
                    .limit(all ? SearchRequest.ALL : limit).offset(offset).build();
            SearchQuery q = library.query(request);
            if (request.all()) {
                return everything(out, library, q);
            }
            SearchResult r = library.search(q, facets);
            for (SearchHit h : r.hits()) {
                if (json) {
                    out.println(Output.json(record(h)));
                } else {
                    row(out, h);
                }
            }
            if (r.hits().isEmpty() && !json) {
                out.println(r.unknownWords().isEmpty() ? noMatches(q) : "no matches");
            }
            unknownWords(out, r);
            facets(out, r);
            return 0;
        }
    }

    /**
     * Prints every match as it is read (a chunk of rows at a time, so memory stays flat), then the facets when
     * asked. The query's own limit is set aside by {@link LibraryService#searchEach}.
     */
    private int everything(PrintStream out, LibraryService library, SearchQuery q) {
        long n = library.searchEach(q, h -> {
            if (json) {
                out.println(Output.json(record(h)));
            } else {
                row(out, h);
            }
        });
        if (n == 0 || facets) { // the page's search also says which words are unknown when nothing matched
            SearchResult r = library.search(q, facets);
            if (n == 0 && !json) {
                out.println(r.unknownWords().isEmpty() ? noMatches(q) : "no matches");
            }
            if (n == 0) {
                unknownWords(out, r);
            }
            facets(out, r);
        }
        return 0;
    }

    /** What an empty page says: past the last match is not the same as no match at all. */
    private static String noMatches(SearchQuery q) {
        return q.offset() == 0 ? "no matches" : "no matches past --offset " + q.offset() + " (the query has fewer)";
    }

    /** The line {@code --json} ends with (before the facets) when no word of the query is known. */
    record UnknownJson(@com.fasterxml.jackson.annotation.JsonProperty("unknown_words") List<String> unknownWords,
                       String notice) {
    }

    /**
     * Says on stderr, and with {@code --json} in a last line of its own (before the facets), that no word of the query
     * is known to this library or the dictionary, when that is why nothing matched.
     */
    private void unknownWords(PrintStream out, SearchResult r) {
        if (r.unknownWords().isEmpty()) {
            return;
        }
        String notice = "no word of the query is known to this library";
        Output.err().println(notice + ": " + TerminalText.line(String.join(" ", r.unknownWords())));
        if (json) {
            out.println(Output.json(new UnknownJson(r.unknownWords(), notice)));
        }
    }

    /** The facets of {@code r}, if counted, after its rows: a last JSON line or a table headed by what they cover. */
    private void facets(PrintStream out, SearchResult r) {
        if (r.facets() == null) {
            return;
        }
        FacetsJson f = FacetsJson.of(r);
        if (json) {
            out.println(Output.json(f));
            return;
        }
        out.printf("%d matches; counted below: %s%n", f.total(), COUNTED);
        f.facets().forEach((k, v) -> {
            out.println(k + ":");
            v.forEach((name, n) -> out.printf("  %s %d%n", TerminalText.padded(name, 40), n));
        });
    }

    static io.alicemultiverse.search.SearchHitJson record(SearchHit h) {
        return io.alicemultiverse.search.SearchHitJson.of(h);
    }

    private static void row(PrintStream out, SearchHit h) {
        String date = h.createdAt() == null ? "-" : h.createdAt().toLocalDate().toString();
        out.printf("%s %-14s %-10s %s%n", TerminalText.padded(h.path(), 50), h.source() == null ? "-" : h.source(),
                date, excerpt(h.prompt(), 60));
    }

    static String excerpt(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").trim();
        return TerminalText.line(one.length() <= max ? one : one.substring(0, max - 1) + "…");
    }

    /** The filter flags search and {@code tag --query} share. */
    static final class QueryOptions {
        @Option(names = "--tag", paramLabel = "TAG", description = "Only assets with this tag (repeatable: all of them).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--any-tag", description = "With several --tag: any of them is enough.")
        boolean anyTag;

        @Option(names = "--source", paramLabel = "SOURCE", description = "Only this generator (repeatable: any).")
        List<String> sources = new ArrayList<>();

        @Option(names = "--model", paramLabel = "MODEL", description = "Only models whose name contains this.")
        List<String> models = new ArrayList<>();

        @Option(names = "--project", paramLabel = "PROJECT", description = "Only this project (repeatable: any).")
        List<String> projects = new ArrayList<>();

        @Option(names = "--since", paramLabel = "DATE", description = "Created on or after DATE (2024-05-01, 2024-05, last week, …).")
        String since;

        @Option(names = "--until", paramLabel = "DATE", description = "Created on or before DATE (inclusive of that day or month).")
        String until;

        @Option(names = "--type", paramLabel = "TYPE", description = "image or video.")
        String type;

        /** The request these flags and {@code text} make (the page is the caller's to set). */
        SearchRequest.Builder request(String text) {
            return SearchRequest.builder().text(text).tags(tags).anyTag(anyTag).sources(sources).models(models)
                    .projects(projects).since(since).until(until).type(type);
        }
    }
}
