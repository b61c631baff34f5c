package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.search.MiniLmEmbedder;
import io.alicemultiverse.search.SearchEngine;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.search.SearchResult;
import io.alicemultiverse.testsupport.SyntheticCatalog;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cold path of search over 50,000 generated assets: an engine that is not warmed, as a one-shot
 * {@code alice search} runs, so filters, pages, facets and rows are answered by the catalog's SQL, not by rows in
 * memory ({@link SearchBenchmark} measures the warm path). Sample time gives p50/p95. Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SearchColdPathBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-XX:+UseParallelGC"})
public class SearchColdPathBenchmark {
    private static final String[] TAGS = {"golden hour", "neon lights", "rain", "bokeh", "volumetric fog", "snow"};
    private static final String[] TEXT = {"lighthouse", "cyberpunk portrait", "owl watercolor", "dragon in a storm",
            "samurai warrior film noir", "bowl of ramen"};

    private Path dir;
    private Catalog catalog;
    private SearchEngine engine;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("search-cold-bench");
        catalog = Catalog.open(dir);
        SyntheticCatalog.write(catalog, SyntheticCatalog.generate(50_000, 3_000, 42));
        engine = new SearchEngine(catalog, dir, MiniLmEmbedder::new);
        engine.rebuild(false); // the lexical index only: the text benchmark ranks by words
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        catalog.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A tag, a source and a date range, newest first, 20 results, read by SQL. */
    @Benchmark
    public SearchResult filterAndTag() {
        int n = i++;
        SearchQuery q = SearchQuery.builder().tag(TAGS[n % TAGS.length]).source(n % 2 == 0 ? "comfyui" : "midjourney")
                .between(LocalDateTime.of(2025, 1 + n % 12, 1, 0, 0), null).build();
        return engine.search(q, false);
    }

    /** The same filters with facet counts (source, project, model, month, tags), as the gallery asks. */
    @Benchmark
    public SearchResult filterWithFacets() {
        int n = i++;
        SearchQuery q = SearchQuery.builder().tag(TAGS[n % TAGS.length])
                .between(LocalDateTime.of(2025, 1 + n % 12, 1, 0, 0), null).build();
        return engine.search(q, true);
    }

    /** Prompt words ranked by BM25, then the candidates kept and their rows read by SQL. */
    @Benchmark
    public SearchResult text() {
        SearchQuery q = SearchQuery.builder().word(TEXT[i++ % TEXT.length]).build();
        return engine.search(q, false, SearchEngine.Mode.LEXICAL);
    }
}
