package io.alicemultiverse.bench;

import io.alicemultiverse.testsupport.CrashLoop;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The 100-kill crash loop over the real {@code alice} launcher (see {@link CrashLoop}). Run by
 * {@code bench/crash-loop.sh}: {@code java -cp … io.alicemultiverse.bench.CrashLoopBench ALICE WORKDIR [KILLS]
 * [GROUPS] [SEED]}. Exit 0 when nothing was lost or doubled and every check passed.
 */
public final class CrashLoopBench {
    private CrashLoopBench() {
    }

    public static void main(String[] args) throws Exception {
        Path alice = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int kills = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int groups = args.length > 3 ? Integer.parseInt(args[3]) : 80;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 2026;
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        CrashLoop.Report r = new CrashLoop(CrashLoop.Alice.launcher(alice), work, seed, System.out).run(kills, groups);
        System.out.println();
        r.problems().forEach(p -> System.out.println("problem: " + p));
        System.out.printf("%s; %.0f s%n", CrashLoop.summary(r), (System.nanoTime() - t0) / 1e9);
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }
}
