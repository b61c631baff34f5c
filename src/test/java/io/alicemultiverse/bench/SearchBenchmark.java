package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.search.MiniLmEmbedder;
import io.alicemultiverse.search.QueryParser;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Warm, in-process search over 50,000 generated assets (3,000 distinct prompts from a vocabulary, six sources,
 * seven models, five projects, two years of dates), written straight into a catalog; the Lucene index and the
 * embeddings are built in setup. Sample time gives p50/p95. Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SearchBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-XX:+UseParallelGC"})
public class SearchBenchmark {
    private static final String[] TAGS = {"golden hour", "neon lights", "rain", "bokeh", "volumetric fog", "snow"};
    private static final String[] TEXT = {"lighthouse", "cyberpunk portrait", "owl watercolor", "dragon in a storm",
            "samurai warrior film noir", "bowl of ramen"};
    private static final String[] PLAIN = {"cyberpunk portrait from last year", "watercolor owl midjourney",
            "knight in armor at night", "red fox in the snow photos", "cat sleeping in the sun since march",
            "spaceship over a city in 2025", "big cat in winter", "large wild felines at night"};

    private Path dir;
    private Catalog catalog;
    private SearchEngine engine;
    private QueryParser parser;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("search-bench");
        catalog = Catalog.open(dir);
        SyntheticCatalog.write(catalog, SyntheticCatalog.generate(50_000, 3_000, 42));
        engine = new SearchEngine(catalog, dir, MiniLmEmbedder::new);
        engine.warm();
        parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        catalog.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A tag, a source and a date range: filters only, newest first, 20 results. */
    @Benchmark
    public SearchResult filterAndTag() {
        int n = i++;
        SearchQuery q = SearchQuery.builder().tag(TAGS[n % TAGS.length]).source(n % 2 == 0 ? "comfyui" : "midjourney")
                .between(LocalDateTime.of(2025, 1 + n % 12, 1, 0, 0), null).build();
        return engine.search(q, false);
    }

    /** Prompt words ranked by BM25 (stemmed), 20 results. */
    @Benchmark
    public SearchResult text() {
        SearchQuery q = SearchQuery.builder().word(TEXT[i++ % TEXT.length]).build();
        return engine.search(q, false, SearchEngine.Mode.LEXICAL);
    }

    /** Parse, embed the query, rank lexically and semantically, merge, filter: the whole plain-language path. */
    @Benchmark
    public SearchResult plainLanguage() {
        engine.forgetQueries(); // measure the query's embedding every time
        return engine.search(parser.parse(PLAIN[i++ % PLAIN.length]).build(), false);
    }

    /**
     * The same with {@code --facets}: the page, then every match ranked again (as {@code --all} lists them) and
     * counted by source, project, model, tag and month.
     */
    @Benchmark
    public SearchResult plainLanguageWithFacets() {
        engine.forgetQueries();
        return engine.search(parser.parse(PLAIN[i++ % PLAIN.length]).build(), true);
    }
}
