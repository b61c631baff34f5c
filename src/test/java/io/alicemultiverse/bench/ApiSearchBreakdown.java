package io.alicemultiverse.bench;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.search.QueryParser;
import io.alicemultiverse.search.SearchQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Where a {@code GET /api/search} spends its time, without HTTP: the warm facade's search (as {@code alice serve}
 * runs it) for the queries of {@code bench/api-search.lua}, with the matches counted (the API's {@code total}) and
 * without ({@code total=false}). One caller, so no queueing. Run after {@code MakeSearchLibrary}, with no owner on
 * the library:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.ApiSearchBreakdown bench-data/search
 * </pre>
 */
public final class ApiSearchBreakdown {
    private static final int ROUNDS = 40;
    private static final List<List<String>> KINDS = List.of(
            List.of("filter", "source:comfyui", "project:personal", "source:midjourney project:client-acme"),
            List.of("tag", "tag:\"golden hour\"", "tag:\"neon lights\" source:flux", "tag:bokeh project:book-cover"),
            List.of("text", "red fox in the snow", "cyberpunk city street at night", "watercolor owl",
                    "samurai warrior oil painting"));

    private ApiSearchBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        try (LibraryService library = LibraryService.open(Path.of(args[0]), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.warmSearch();
            QueryParser parser = library.queryParser();
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT
                for (List<String> kind : KINDS) {
                    for (boolean counted : new boolean[]{true, false}) {
                        long[] t = new long[ROUNDS];
                        for (int i = 0; i < ROUNDS; i++) {
                            SearchQuery q = parser.parse(kind.get(1 + i % (kind.size() - 1))).limit(60).build();
                            long start = System.nanoTime();
                            library.search(q, counted);
                            t[i] = System.nanoTime() - start;
                        }
                        Arrays.sort(t);
                        if (pass == 1) {
                            System.out.printf("%-6s %-15s p50 %6.1f ms  p95 %6.1f ms%n", kind.get(0),
                                    counted ? "with total" : "total=false", t[ROUNDS / 2] / 1e6, t[ROUNDS * 95 / 100] / 1e6);
                        }
                    }
                }
            }
            System.out.println("load average " + Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }
}
