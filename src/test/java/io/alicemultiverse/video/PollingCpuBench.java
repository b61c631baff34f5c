package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much CPU the scheduler costs with many jobs in flight: {@code JOBS} jobs on a fake fal queue that never
 * finishes them, advanced by the real loop ({@link VideoService#waitFor}, real sleeping, real catalog writes) for
 * {@code MINUTES}; prints the CPU time of the polling thread (the fake server's threads are not counted) as a share
 * of one core. Run: {@code bash bench/video-polling.sh [JOBS] [MINUTES]}.
 */
public final class PollingCpuBench {
    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        Path root = Files.createTempDirectory("alice-video-bench");
        try (FakeVideoApi api = new FakeVideoApi(new Protocols.Fal())) {
            api.readsPerPhase = Integer.MAX_VALUE / 4; // in queue for ever
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_FAL_BASE_URL", api.base());
            try (LibraryService library = LibraryService.open(root, Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
                List<VideoRequest> rs = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    rs.add(new VideoRequest("fal", Protocols.Fal.MODEL, "bench " + i, null, Protocols.IMAGE, null, 5,
                            null, null, null, Map.of(), null, 24 * 60));
                }
                // one service per cap: the bench raises fal's cap so every job is in flight
                VideoService all = new VideoService(library.catalog(), library.root(), null,
                        new VideoSettings(1e9, null, null, VideoPrices.builtIn(), Map.of("fal", jobs)), env,
                        Clock.systemUTC());
                all.submit(all.plan(rs), null, null, true);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                Instant end = Instant.now().plus(Duration.ofMillis((long) (minutes * 60_000)));
                all.tick(); // submits (not counted: the target is the cost of waiting)
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                int polls0 = api.requests.size();
                while (Instant.now().isBefore(end)) {
                    Instant next = all.tick();
                    long ms = next == null ? 1000 : Duration.between(Instant.now(), next).toMillis();
                    Thread.sleep(Math.max(50, Math.min(ms, Duration.between(Instant.now(), end).toMillis())));
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long wall = System.nanoTime() - wall0;
                System.out.printf("jobs=%d minutes=%.1f polls=%d cpu=%.2fs share_of_one_core=%.3f%%%n", jobs,
                        wall / 6e10, api.requests.size() - polls0, cpu / 1e9, 100.0 * cpu / wall);
            }
        }
    }
}
