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
 * Issue 19: warm, in-process search of a catalog made beforehand by {@link MakeSearchLibrary} (1,000,000 assets on
 * PostgreSQL in {@code bench/pg-million.sh}): tag, source and date filters and prompt words, as a long-running
 * {@code serve} answers them (rows and the lexical index in memory, brought up to date from the catalog's change
 * counter). Plain-language ranking is left out: its vectors for a million distinct prompts are not made here.
 * <pre>
 * java -Dalice.bench.library=LIB -Dalice.bench.catalog=URL -cp … org.openjdk.jmh.Main SearchMillionBenchmark -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx10g", "-XX:+UseParallelGC"})
public class SearchMillionBenchmark {
    private static final String[] TAGS = {"golden hour", "neon lights", "rain", "bokeh", "volumetric fog", "snow"};
    private static final String[] SOURCES = {"comfyui", "midjourney", "automatic1111", "flux", "fooocus", "invokeai"};
    private static final String[] TEXT = {"lighthouse", "cyberpunk portrait", "owl watercolor", "dragon in a storm",
            "samurai warrior film noir", "bowl of ramen", "frozen jellyfish", "lonely astronaut on mars"};

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
        engine.warm();
        System.out.printf("%n%,d assets warm in %.1f s%n", catalog.assetCount(), (System.nanoTime() - started) / 1e9);
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

    /** Prompt words ranked by BM25 (stemmed), 20 results. */
    @Benchmark
    public SearchResult text() {
        return engine.search(SearchQuery.builder().word(TEXT[i++ % TEXT.length]).build(), false,
                SearchEngine.Mode.LEXICAL);
    }
}
