package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.UnderstandSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What alice adds to a submit beyond the provider's own latency: plan (validation, estimate), the durable record,
 * the {@code submitting} write, the HTTP call to a fake fal queue on 127.0.0.1 that answers at once, and the
 * {@code queued} write — per job, after a warm-up; each job is cancelled (not measured) before the next, so a tick
 * holds that one submit and no polls of earlier jobs. Run: {@code bash bench/video-submit.sh [JOBS]}.
 */
public final class SubmitOverheadBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path root = Files.createTempDirectory("alice-video-submit");
        try (FakeVideoApi api = new FakeVideoApi(new Protocols.Fal())) {
            api.readsPerPhase = Integer.MAX_VALUE / 4; // the jobs stay queued; only the submits are measured
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_FAL_BASE_URL", api.base());
            try (LibraryService library = LibraryService.open(root, Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
                VideoService video = new VideoService(library.catalog(), library.root(), null,
                        new VideoSettings(1e9, null, null, VideoPrices.builtIn(), Map.of("fal", 1_000_000)), env,
                        Clock.systemUTC());
                double[] ms = new double[n];
                double[] http = new double[n];
                // the scheduler times the provider's submit call itself (alice_video_submit): read it per job
                io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
                io.micrometer.core.instrument.Metrics.globalRegistry.add(meters);
                for (int i = -20; i < n; i++) {
                    VideoRequest r = new VideoRequest("fal", Protocols.Fal.MODEL, "bench " + i, null,
                            Protocols.IMAGE, null, 5, null, null, null, Map.of(), null, 0);
                    io.micrometer.core.instrument.Timer timer = meters.find("alice_video_submit").timer();
                    double before = timer == null ? 0 : timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
                    long t0 = System.nanoTime();
                    VideoJob job = video.submit(video.plan(List.of(r)), null, null, true).get(0);
                    video.scheduler().tick();
                    long t1 = System.nanoTime();
                    if (video.status(job.id()).state() != JobState.QUEUED) {
                        throw new IllegalStateException("not submitted: " + video.status(job.id()));
                    }
                    // not measured: the job leaves the active set, so the next tick holds only the next submit
                    // (with earlier jobs still active, a tick also polls whichever of them are due)
                    video.cancel(job.id());
                    if (i >= 0) {
                        ms[i] = (t1 - t0) / 1e6;
                        http[i] = meters.find("alice_video_submit").timer()
                                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - before;
                    }
                }
                double[] overhead = new double[n];
                for (int i = 0; i < n; i++) {
                    overhead[i] = ms[i] - http[i];
                }
                Arrays.sort(ms);
                Arrays.sort(http);
                Arrays.sort(overhead);
                System.out.printf("jobs=%d%n", n);
                for (Object[] row : new Object[][]{{"whole submit", ms}, {"provider call (HTTP)", http},
                        {"alice's overhead", overhead}}) {
                    double[] v = (double[]) row[1];
                    System.out.printf("  %-22s mean=%.2fms p50=%.2fms p95=%.2fms max=%.2fms%n", row[0],
                            Arrays.stream(v).average().orElse(0), v[n / 2], v[(int) (n * 0.95)], v[n - 1]);
                }
            }
        }
    }
}
