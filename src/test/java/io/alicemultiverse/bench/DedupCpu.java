package io.alicemultiverse.bench;

import io.alicemultiverse.similar.DedupAsset;
import io.alicemultiverse.similar.DuplicateFinder;
import io.alicemultiverse.similar.KeepRule;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the full dedup grouping of the {@link SimilarBenchmark} corpus N times, for measuring CPU time rather than
 * wall time on a shared machine: the difference between N = 11 and N = 1 over 10 is the CPU of one grouping.
 * <pre>
 * /usr/bin/time -f %U java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.DedupCpu 1
 * /usr/bin/time -f %U java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.DedupCpu 11
 * </pre>
 */
public final class DedupCpu {
    private DedupCpu() {
    }

    public static void main(String[] args) {
        long[] hashes = SimilarBenchmark.corpus(42);
        List<DedupAsset> assets = new ArrayList<>(hashes.length);
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < hashes.length; i++) {
            assets.add(new DedupAsset(Integer.toHexString(i), "a/" + i + ".png", "png", 512, 512,
                    hashes[i] ^ 0x5555L, hashes[i], true, i % 4, t.plusSeconds(i), null));
        }
        long groups = 0;
        for (int run = 0; run < Integer.parseInt(args[0]); run++) {
            groups += DuplicateFinder.groups(assets, 10, KeepRule.BEST).size();
        }
        System.out.println(groups + " groups in all");
    }
}
