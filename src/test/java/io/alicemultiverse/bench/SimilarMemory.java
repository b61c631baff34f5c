package io.alicemultiverse.bench;

import io.alicemultiverse.similar.HashIndex;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap held by a {@link HashIndex} over 100,000 hashes (the {@link SimilarBenchmark} corpus), measured as the
 * difference in used heap after full collections, against the index's own count of its arrays. Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.SimilarMemory
 * </pre>
 */
public final class SimilarMemory {
    private SimilarMemory() {
    }

    public static void main(String[] args) {
        long[] hashes = SimilarBenchmark.corpus(42);
        for (HashIndex.Engine engine : HashIndex.Engine.values()) {
            long before = used();
            HashIndex index = HashIndex.of(hashes, engine);
            long after = used();
            // the hash array itself was allocated before the first measurement: add it as the index's own count does
            System.out.printf("%-11s heap delta + hash array %,d bytes; counted %,d bytes (%d hashes)%n", engine,
                    after - before + 8L * hashes.length, index.bytes(), index.size());
        }
    }

    private static long used() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = m.getHeapMemoryUsage().getUsed();
            if (now == last) {
                break;
            }
            last = now;
        }
        return last;
    }
}
