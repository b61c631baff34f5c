package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.search.MiniLmEmbedder;
import io.alicemultiverse.search.SearchEngine;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.search.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 19: warm, in-process search of a catalog made beforehand by {@link MakeMillionCatalog} (1,000,000 assets on
 * PostgreSQL in {@code bench/pg-million.sh}; with no catalog URL, the library's DuckDB catalog): tag, source and date
 * filters, the three together, a filter with its facet counts, and prompt words, each query a different value in
 * turn. Two ways a warm process answers ({@code rows}):
 * <ul>
 *   <li>{@code memory}: as a long-running {@code serve} does, rows and the lexical index in memory (brought up to
 *   date from the catalog's change counter); no SQL per query;</li>
 *   <li>{@code sql}: rows not kept in memory, so filters, pages, facets and the rows of ranked matches are asked of
 *   the catalog for every query, as a one-shot {@code alice search} does (the lexical index is already on disk).</li>
 * </ul>
 * Plain-language ranking is left out: its vectors for a million distinct prompts are not made here.
 * <pre>
 * java -Dalice.bench.library=LIB -Dalice.bench.catalog=URL -cp … org.openjdk.jmh.Main SearchMillionBenchmark -f 1 \
 *     -jvmArgsAppend "-Dalice.bench.library=LIB -Dalice.bench.catalog=URL"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx10g", "-XX:+UseParallelGC"})
public class SearchMillionBenchmark {
    /** Prompt details (each on ~5-9 % of the assets), a vision model's tag (~3 %), a model (~1 %). */
    private static final String[] TAGS = {"golden hour", "neon lights", "rain", "bokeh", "volumetric fog", "snow",
            "person", "flux1-schnell"};
    /** The big sources (22 % down to 4 %) and two small ones (1 %). */
    private static final String[] SOURCES = {"comfyui", "midjourney", "automatic1111", "flux", "fooocus", "invokeai",
            "luma", "drawthings"};
    private static final String[] TEXT = {"lighthouse", "cyberpunk portrait", "owl watercolor", "dragon in a storm",
            "samurai warrior film noir", "bowl of ramen", "frozen jellyfish", "lonely astronaut on mars"};

    /** Whether a query's rows come from memory ({@code memory}) or from the catalog's SQL ({@code sql}). */
    @Param({"memory", "sql"})
    public String rows;

    private Catalog catalog;
    private SearchEngine engine;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        Path library = Path.of(System.getProperty("alice.bench.library"));
        String url = System.getProperty("alice.bench.catalog", "");
        catalog = Catalog.open(library, url.isEmpty() ? CatalogUrl.duckdb() : CatalogUrl.parse(url, Map.of()));
        engine = new SearchEngine(catalog, library, MiniLmEmbedder::new);
        engine.embedWithin(Duration.ZERO); // no vectors: the words, tags and filters are measured
        long started = System.nanoTime();
        if (rows.equals("memory")) {
            engine.warm();
        } else { // the lexical index up to date on disk, as a one-shot search finds it after the first
            engine.search(SearchQuery.builder().word(TEXT[0]).build(), false, SearchEngine.Mode.LEXICAL);
        }
        System.out.printf("%n%,d assets, %s, ready in %.1f s%n", catalog.assetCount(), rows,
                (System.nanoTime() - started) / 1e9);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        catalog.close();
    }

    /** One tag, newest first, 20 results. */
    @Benchmark
    public SearchResult tag() {
        return engine.search(SearchQuery.builder().tag(TAGS[i++ % TAGS.length]).build(), false);
    }

    /** One source, newest first, 20 results. */
    @Benchmark
    public SearchResult source() {
        return engine.search(SearchQuery.builder().source(SOURCES[i++ % SOURCES.length]).build(), false);
    }

    /** One month, newest first, 20 results. */
    @Benchmark
    public SearchResult date() {
        int n = i++;
        LocalDateTime from = LocalDateTime.of(2024 + n % 3, 1 + n % 12, 1, 0, 0);
        return engine.search(SearchQuery.builder().between(from, from.plusMonths(1)).build(), false);
    }

    /** A tag, a source and a date range together. */
    @Benchmark
    public SearchResult tagSourceDate() {
        int n = i++;
        return engine.search(SearchQuery.builder().tag(TAGS[n % TAGS.length]).source(SOURCES[n % SOURCES.length])
                .between(LocalDateTime.of(2024 + n % 3, 1 + n % 12, 1, 0, 0), null).build(), false);
    }

    /** One tag with its facet counts (source, project, model, month, top tags) over every match. */
    @Benchmark
    public SearchResult tagFacets() {
        return engine.search(SearchQuery.builder().tag(TAGS[i++ % TAGS.length]).build(), true);
    }

    /** Prompt words ranked by BM25 (stemmed), 20 results. */
    @Benchmark
    public SearchResult text() {
        return engine.search(SearchQuery.builder().word(TEXT[i++ % TEXT.length]).build(), false,
                SearchEngine.Mode.LEXICAL);
    }
}
