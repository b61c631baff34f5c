package io.alicemultiverse.bench;

import io.alicemultiverse.similar.DedupAsset;
import io.alicemultiverse.similar.SimilarFinder;
import io.alicemultiverse.similar.DuplicateFinder;
import io.alicemultiverse.similar.HashIndex;
import io.alicemultiverse.similar.KeepRule;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code similar} queries and a full {@code dedup} grouping over 100,000 pHashes: half random, half in clusters of
 * near-copies (2–6 members, 0–10 bits from their seed), the shape of a library of generated variants. Compares
 * multi-index hashing with the BK-tree; {@code dedupGrouping} is the self-join, union–find and keeper choice (always
 * the default engine). Figures in {@code docs/benchmarks.md}. Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djmh.ignoreLock=true -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SimilarBenchmark -p engine=MULTI_INDEX -f 1 -wi 3 -i 5 -w 1 -r 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimilarBenchmark {
    static final int SIZE = 100_000;

    @Param({"MULTI_INDEX", "BK_TREE"})
    public HashIndex.Engine engine;

    @Param({"10"})
    public int radius;

    private long[] hashes;
    private HashIndex index;
    private long[] queries;
    private int next;
    private List<DedupAsset> assets;
    private SimilarFinder finder;

    /** Whether assets carry a zoom hash (catalogued by this version), so dedup and similar also look for crops. */
    @Param({"true"})
    public boolean zoomHashes;

    /** 100,000 hashes: random ones and clusters of near-copies around random seeds. */
    public static long[] corpus(long seed) {
        Random r = new Random(seed);
        long[] h = new long[SIZE];
        int i = 0;
        while (i < SIZE / 2) {
            h[i++] = r.nextLong();
        }
        while (i < SIZE) {
            long base = r.nextLong();
            int members = 2 + r.nextInt(5);
            for (int m = 0; m < members && i < SIZE; m++) {
                long copy = base;
                int flips = r.nextInt(11);
                for (int f = 0; f < flips; f++) {
                    copy ^= 1L << r.nextInt(64);
                }
                h[i++] = copy;
            }
        }
        return h;
    }

    /** A zoom hash for a picture with pHash {@code phash}: 8–16 bits away, as on the wallpaper evaluation. */
    public static long zoomOf(long phash, Random r) {
        long zoom = phash;
        for (int f = 8 + r.nextInt(9); f > 0; f--) {
            zoom ^= 1L << r.nextInt(64);
        }
        return zoom;
    }

    @Setup(Level.Trial)
    public void setUp() {
        hashes = corpus(42);
        index = HashIndex.of(hashes, engine);
        Random r = new Random(7);
        queries = new long[1024];
        for (int q = 0; q < queries.length; q++) {
            // half are catalogued assets (a "similar HASH" query), half unseen files
            queries[q] = q % 2 == 0 ? hashes[r.nextInt(SIZE)] ^ (1L << r.nextInt(64)) : r.nextLong();
        }
        assets = new ArrayList<>(SIZE);
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < SIZE; i++) {
            long zoom = zoomOf(hashes[i], r);
            assets.add(new DedupAsset(String.format("%064x", i), "a/" + i + ".png", "png", 512, 512,
                    hashes[i] ^ 0x5555L, hashes[i], true, i % 4, t.plusSeconds(i), null, zoomHashes ? zoom : null));
        }
        finder = new SimilarFinder(assets);
    }

    /** A whole {@code similar} answer: pHash, zoom-hash and reverse zoom lookups, the rule, sorting. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int similarQuery() {
        DedupAsset a = assets.get((next++ * 7919) % SIZE);
        return finder.similar(SimilarFinder.Query.of(a), a.contentHash(), radius, 50).size();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public HashIndex.Neighbors similarWithin() {
        return index.within(queries[next++ & 1023], radius);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public HashIndex.Neighbors similarNearest10() {
        return index.nearest(queries[next++ & 1023], 10);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public HashIndex build() {
        return HashIndex.of(hashes, engine);
    }

    /** The whole dedup grouping (always the default engine; run once per engine value is the same work). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int dedupGrouping() {
        return DuplicateFinder.groups(assets, radius, KeepRule.BEST).size();
    }
}
