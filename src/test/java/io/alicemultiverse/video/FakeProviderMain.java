package io.alicemultiverse.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fake fal queue of the tests ({@link FakeVideoApi}) as a process of its own, for benchmarks that run the real
 * {@code alice} (and kill it): its CPU is then not the measured process's, and its counts survive every kill.
 * Writes its base URL to {@code URL_FILE}, then once a second {@code submits=N accepted=N status_reads=N} to
 * {@code STATS_FILE} (atomically), until killed. Each job stays {@code READS} status reads queued, as many running,
 * then succeeds with a distinct real MP4 (ffmpeg).
 * <pre>java -cp test-classes:classes:… io.alicemultiverse.video.FakeProviderMain READS URL_FILE STATS_FILE</pre>
 */
public final class FakeProviderMain {
    private FakeProviderMain() {
    }

    public static void main(String[] args) throws Exception {
        int reads = Integer.parseInt(args[0]);
        Path urlFile = Path.of(args[1]);
        Path statsFile = Path.of(args[2]);
        FakeVideoApi api = new FakeVideoApi(new Protocols.Fal());
        api.readsPerPhase = reads;
        ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor();
        stats.scheduleAtFixedRate(() -> {
            api.requests.clear(); // a long run must not keep every request
            try {
                Path tmp = statsFile.resolveSibling(statsFile.getFileName() + ".tmp");
                Files.writeString(tmp, "submits=" + api.submitCalls.get() + " accepted=" + api.submitsAccepted()
                        + " status_reads=" + api.reads.values().stream().mapToInt(Integer::intValue).sum() + "\n");
                Files.move(tmp, statsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception e) {
                System.err.println("fake provider: stats not written: " + e);
            }
        }, 0, 1, TimeUnit.SECONDS);
        Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
        Files.writeString(tmp, api.base() + "\n");
        Files.move(tmp, urlFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Thread.currentThread().join();
    }
}
