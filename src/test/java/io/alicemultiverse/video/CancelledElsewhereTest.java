package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job cancelled by another catalog while the advancing one still holds it in memory: the advancing scheduler's
 * next write never lands over the cancel; and when the provider (MiniMax has no cancel) finishes it anyway, the bill
 * goes into the ledger — money spent is recorded even for a job the user gave up on.
 */
class CancelledElsewhereTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void aJobCancelledElsewhereStaysCancelledAndWhatTheProviderBilledIsRecorded() throws Exception {
        TestClock clock = new TestClock(T0);
        VideoSettings settings = new VideoSettings(1e9, null, null, VideoPrices.withOverrides(Map.of(
                "minimax/MiniMax-H3", new VideoPrices.Price(Map.of("*", 0.05), null, 6))), Map.of());
        try (FakeVideoApi api = new FakeVideoApi(new Protocols.MiniMaxV2());
             LibraryService owner = LibraryService.open(root, Layout.of(Layout.DEFAULT), clock);
             LibraryService other = LibraryService.open(root, Layout.of(Layout.DEFAULT), clock)) {
            api.readsPerPhase = 0; // the first status read finds the clip done
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_MINIMAX_BASE_URL", api.base());
            VideoService a = owner.video(settings, env);
            VideoService b = other.video(settings, env);
            VideoJob x = a.submit(a.plan(List.of(api.protocol.request("first", Protocols.IMAGE))), null, null, true)
                    .get(0);
            a.tick(); // x submitted; the owner has read the active jobs
            clock.advance(Duration.ofMillis(1_500));
            VideoJob y = a.submit(a.plan(List.of(api.protocol.request("second", Protocols.IMAGE))), null, null, true)
                    .get(0);
            a.tick(); // y submitted, due 5 s later
            clock.advance(Duration.ofMillis(3_500));
            a.tick(); // x polled and filed; the active jobs read again (y queued)
            assertThat(a.status(x.id()).state()).isEqualTo(JobState.SUCCEEDED);

            clock.advance(Duration.ofMillis(500));
            assertThat(b.cancel(y.id()).state()).isEqualTo(JobState.CANCELLED); // MiniMax has no cancel: it runs on
            clock.advance(Duration.ofMillis(1_000));
            a.tick(); // not read again yet (1.5 s): y polled from memory, and the provider says it is done

            VideoJob after = b.status(y.id());
            assertThat(after.state()).isEqualTo(JobState.CANCELLED);
            assertThat(after.path()).isNull();
            assertThat(after.costUsd()).isEqualTo(0.3);
            List<Double> bills = owner.catalog().select("SELECT cost_usd FROM spend WHERE run = ?", List.of(y.id()),
                    rs -> rs.getDouble(1));
            assertThat(bills).containsExactly(0.3);
            assertThat(api.submitsAccepted()).isEqualTo(2);
        }
    }
}
