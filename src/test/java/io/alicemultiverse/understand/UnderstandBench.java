package io.alicemultiverse.understand;

import io.alicemultiverse.testsupport.FakeProvider;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.UnderstandingRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The understanding targets, measured: a batch of 20 images against a fake provider answering in 500 ms; a re-run
 * over 1,000 analysed images; the local analyzer's throughput on 1024² JPEG and PNG files; the input-token saving of
 * several images per request, from the fake server's usage fields (which model the documented accounting:
 * 350 instruction tokens per request + 765 per 1024² image, gpt-4o's tile count). Run:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.understand.UnderstandBench
 * </pre>
 */
public final class UnderstandBench {
    private UnderstandBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("understand-bench");
        try {
            List<Path> jpegs = new ArrayList<>();
            List<Path> pngs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                var img = TestImages.photo(100 + i, 1024);
                jpegs.add(TestImages.write(img, dir.resolve("b" + i + ".jpg")));
                pngs.add(TestImages.write(img, dir.resolve("b" + i + ".png")));
            }
            local("JPEG", jpegs);
            local("PNG", pngs);
            batchOf20(dir, jpegs.subList(0, 20), 8); // first run in this JVM: class loading and JIT included
            batchOf20(dir, jpegs.subList(20, 40), 8);
            batchOf20(dir, pngs.subList(0, 20), 8); // PNG sources are decoded, scaled and encoded as JPEG
            batchOf20(dir, jpegs.subList(0, 20), 1);
            tokenSaving(jpegs.subList(0, 20));
            rerun(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Local analyzer on 2 threads (decode + measures), best of 5 rounds over 40 files. */
    private static void local(String kind, List<Path> files) throws Exception {
        LocalAnalyzer a = new LocalAnalyzer();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            List<Future<Reply>> f = new ArrayList<>();
            for (Path p : files) {
                f.add(pool.submit(() -> a.analyse(List.of(new ImageInput("x", p, null, null)))));
            }
            for (Future<Reply> r : f) {
                if (r.get().outcomes().get(0).error() != null) {
                    throw new IllegalStateException(r.get().outcomes().get(0).error());
                }
            }
            best = Math.max(best, files.size() / ((System.nanoTime() - t) / 1e9));
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "local analyzer, 1024² %s, 2 threads: %.0f images/s%n", kind, best);
    }

    private static void batchOf20(Path dir, List<Path> files, int batch) throws Exception {
        try (FakeProvider fake = new FakeProvider("openai"); Catalog c = Catalog.inMemory()) {
            fake.delayMs = 500;
            VisionProvider p = Providers.create(ProviderSettings.of("openai").withModel("gpt-4o")
                    .withBaseUrl(fake.baseUrl()).withBatchSize(batch), Map.of("OPENAI_API_KEY", "sk-bench"));
            List<ImageInput> in = IntStream.range(0, files.size())
                    .mapToObj(i -> new ImageInput("h" + i + "-" + batch, files.get(i), null, null)).toList();
            long t = System.nanoTime();
            Understander u = new Understander(c, p, PriceTable.builtIn(), Understander.Options.defaults("bench"),
                    Clock.systemDefaultZone(), Sleeper.REAL, new Random());
            UnderstandSummary s = u.run(u.plan(in), UnderstandListener.NONE);
            System.out.println("  requests arrived after (ms): " + fake.arrivals.stream()
                    .map(a -> (a - t) / 1_000_000).toList());
            System.out.printf(Locale.ROOT, "batch of 20 (1024² %s), fake provider 500 ms/request, %d per request,"
                            + " 4 concurrent: %.2f s end to end, %d requests, %d analysed%n",
                    files.get(0).toString().endsWith(".png") ? "PNG" : "JPEG", batch,
                    (System.nanoTime() - t) / 1e9, s.requests(), s.analysed());
        }
    }

    private static void tokenSaving(List<Path> files) throws Exception {
        long[] in = new long[2];
        int[] sizes = {10, 1};
        for (int k = 0; k < 2; k++) {
            try (FakeProvider fake = new FakeProvider("openai"); Catalog c = Catalog.inMemory()) {
                VisionProvider p = Providers.create(ProviderSettings.of("openai").withModel("gpt-4o")
                        .withBaseUrl(fake.baseUrl()).withBatchSize(sizes[k]), Map.of("OPENAI_API_KEY", "sk-bench"));
                List<ImageInput> imgs = IntStream.range(0, files.size())
                        .mapToObj(i -> new ImageInput("t" + i, files.get(i), null, null)).toList();
                // one worker, so the requests are full (10 images, or 1) rather than spread over workers
                Understander u = new Understander(c, p, PriceTable.builtIn(),
                        Understander.Options.defaults("b").withConcurrency(1), Clock.systemDefaultZone(),
                        Sleeper.REAL, new Random());
                in[k] = u.run(u.plan(imgs), UnderstandListener.NONE).tokensIn();
            }
        }
        System.out.printf(Locale.ROOT, "input tokens for 20 images from the usage fields: %d at 10 per request, "
                + "%d at 1 per request: %.1f%% saved%n", in[0], in[1], 100.0 * (1 - in[0] / (double) in[1]));
    }

    private static void rerun(Path dir) throws Exception {
        Path lib = dir.resolve("lib");
        try (FakeProvider fake = new FakeProvider("openai"); Catalog c = Catalog.open(lib)) {
            List<UnderstandingRow> rows = new ArrayList<>();
            List<ImageInput> in = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String h = String.format(Locale.ROOT, "%064x", i);
                rows.add(new UnderstandingRow(h, "openai", "gpt-4o", Instructions.VERSION, "d", "{}", null, null,
                        LocalDateTime.now(), List.of(new io.alicemultiverse.catalog.AssetRecord.Tag("fox",
                        "subject", "understanding", null))));
                in.add(new ImageInput(h, dir.resolve("none-" + i + ".jpg"), null, null));
            }
            c.understanding().saveUnderstanding(rows, List.of());
            VisionProvider p = Providers.create(ProviderSettings.of("openai").withModel("gpt-4o")
                    .withBaseUrl(fake.baseUrl()), Map.of("OPENAI_API_KEY", "sk-bench"));
            for (int round = 0; round < 3; round++) {
                long t = System.nanoTime();
                Understander u = new Understander(c, p, PriceTable.builtIn(), Understander.Options.defaults("b"),
                        Clock.systemDefaultZone(), Sleeper.REAL, new Random());
                UnderstandSummary s = u.run(u.plan(in), UnderstandListener.NONE);
                System.out.printf(Locale.ROOT, "re-run over 1,000 analysed images (file catalog): %.1f ms, "
                                + "%d cached, %d requests to the provider%n", (System.nanoTime() - t) / 1e6,
                        s.cached(), fake.requests.get());
            }
        }
    }

}
