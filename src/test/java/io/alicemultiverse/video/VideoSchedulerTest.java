package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.UnderstandSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduler's deadline, backoff and money rules, against the fake fal queue and a real catalog. */
class VideoSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;
    private FakeVideoApi api;
    private TestClock clock;
    private LibraryService library;

    @BeforeEach
    void start() throws Exception {
        api = new FakeVideoApi(new Protocols.Fal());
        clock = new TestClock(T0);
        library = LibraryService.open(root, Layout.of(Layout.DEFAULT), clock, catalog());
    }

    /** Where the library's catalog is: its own DuckDB here. */
    io.alicemultiverse.catalog.CatalogUrl catalog() {
        return io.alicemultiverse.catalog.CatalogUrl.duckdb();
    }

    @AfterEach
    void stop() {
        library.close();
        api.close();
    }

    private VideoService service(UnderstandSettings settings) {
        Map<String, String> env = new HashMap<>(Protocols.KEYS);
        env.put("ALICE_FAL_BASE_URL", api.base());
        return library.video(settings, env);
    }

    private static VideoRequest request(int timeoutMinutes) {
        return new VideoRequest("fal", Protocols.Fal.MODEL, "waves", null, Protocols.IMAGE, null, 5, null, null, null,
                Map.of(), null, timeoutMinutes);
    }

    @Test
    void aJobPastItsStoredDeadlineIsCancelledAtTheProviderAndFails() {
        api.readsPerPhase = 10_000; // never finishes
        VideoService video = service(UnderstandSettings.defaults());
        VideoJob job = video.submit(video.plan(List.of(request(2))), null, null, true).get(0);
        assertThat(job.deadlineAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        for (int i = 0; i < 100 && video.status(job.id()).state().active(); i++) {
            Instant next = video.tick();
            clock.advance(next == null ? Duration.ofSeconds(5) : Duration.between(clock.instant(), next).plusMillis(1));
        }
        VideoJob failed = video.status(job.id());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("deadline of 2 min").contains("CANCELLATION_REQUESTED");
        assertThat(api.cancelledJobs).containsExactly(failed.providerJobId());
        assertThat(failed.finishedAt()).isAfter(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void aLongJobIsPolledAtATenthOfItsAgeUpToTwentySecondsAndFinishesAllTheSame() {
        api.readsPerPhase = 40; // 40 reads queued, 40 running: several minutes of polling
        VideoService video = service(UnderstandSettings.defaults());
        VideoJob job = video.submit(video.plan(List.of(request(120))), null, null, true).get(0);
        List<Instant> polls = new java.util.ArrayList<>();
        for (int i = 0; i < 500 && video.status(job.id()).state().active(); i++) {
            int before = api.reads.values().stream().mapToInt(Integer::intValue).sum();
            Instant next = video.tick();
            if (api.reads.values().stream().mapToInt(Integer::intValue).sum() > before) {
                polls.add(clock.instant());
            }
            clock.advance(next == null ? Duration.ofSeconds(5) : Duration.between(clock.instant(), next).plusMillis(1));
        }
        assertThat(video.status(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
        List<Duration> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < polls.size(); i++) {
            gaps.add(Duration.between(polls.get(i - 1), polls.get(i)));
        }
        // young: the provider's pace; then slower as the job ages, never slower than 20 s
        assertThat(gaps.get(0)).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5_300));
        assertThat(gaps).allMatch(g -> g.compareTo(Duration.ofMillis(20_300)) <= 0);
        assertThat(gaps.get(gaps.size() - 1)).isGreaterThan(Duration.ofSeconds(19));
        Instant submitted = video.status(job.id()).submittedAt();
        for (int i = 1; i < polls.size(); i++) { // a tenth of the age at the previous read (or the 5 s pace)
            Duration age = Duration.between(submitted, polls.get(i - 1));
            Duration expected = age.dividedBy(10).compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5)
                    : age.dividedBy(10).compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : age.dividedBy(10);
            assertThat(gaps.get(i - 1)).isBetween(expected.minusMillis(300), expected.plusMillis(300));
        }
    }

    @Test
    void theActiveJobsGaugeCountsJobsByProviderAndStateAsTheyMove() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.globalRegistry.add(registry);
        try {
            api.readsPerPhase = 2;
            VideoService video = service(UnderstandSettings.defaults());
            video.submit(video.plan(List.of(request(60), request(60))), null, null, true);
            video.tick();
            assertThat(gauge(registry, "queued")).isEqualTo(2.0);
            for (int i = 0; i < 50 && video.tick() != null; i++) {
                clock.advance(Duration.ofSeconds(6));
            }
            assertThat(registry.find("alice_video_jobs_active").gauges()).isEmpty(); // none active any more
            assertThat(registry.find("alice_video_jobs").tag("provider", "fal").tag("state", "succeeded").counter().count())
                    .isEqualTo(2.0);
        } finally {
            io.micrometer.core.instrument.Metrics.globalRegistry.remove(registry);
        }
    }

    @Test
    void theGaugeAddsUpTheLibrariesOpenInOneProcessAndForgetsAClosedOne(@TempDir Path other) {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.globalRegistry.add(registry);
        try (LibraryService second = LibraryService.open(other, Layout.of(Layout.DEFAULT), clock,
                io.alicemultiverse.catalog.CatalogUrl.duckdb())) {
            VideoService here = service(UnderstandSettings.defaults());
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_FAL_BASE_URL", api.base());
            VideoService there = second.video(UnderstandSettings.defaults(), env);
            here.submit(here.plan(List.of(request(60), request(60))), null, null, true);
            there.submit(there.plan(List.of(request(60))), null, null, true);
            here.tick();
            there.tick(); // its tick must not hide the first library's two jobs
            assertThat(gauge(registry, "queued")).isEqualTo(3.0);
            second.close();
            assertThat(gauge(registry, "queued")).isEqualTo(2.0);
        } finally {
            io.micrometer.core.instrument.Metrics.globalRegistry.remove(registry);
        }
    }

    private static double gauge(io.micrometer.core.instrument.MeterRegistry r, String state) {
        return r.find("alice_video_jobs_active").tag("provider", "fal").tag("state", state).gauge().value();
    }

    @Test
    void aSurfaceTicksBeforeAnsweringOnlyWhenNoBackgroundLoopAdvancesTheJobs() {
        VideoService video = service(UnderstandSettings.defaults());
        VideoJob first = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
        video.tickUnlessAdvanced();
        assertThat(video.status(first.id()).state()).isEqualTo(JobState.QUEUED);

        video.advancedInBackground(); // the owner's loop does it: a web request or MCP call must not wait for it
        VideoJob second = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
        video.tickUnlessAdvanced();
        assertThat(video.status(second.id()).state()).isEqualTo(JobState.PENDING);
        assertThat(api.submitsAccepted()).isEqualTo(1);
    }

    @Test
    void backoffDoublesToFiveMinutesAndNeverUndercutsRetryAfter() {
        assertThat(VideoScheduler.backoff(1, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(VideoScheduler.backoff(3, null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(VideoScheduler.backoff(30, null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(VideoScheduler.backoff(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theDailyBudgetCountsTheLedgerAndJobsStillRunning() {
        UnderstandSettings base = UnderstandSettings.defaults();
        UnderstandSettings daily = new UnderstandSettings(base.provider(), base.model(), base.baseUrl(),
                base.maxSide(), base.batchSize(), base.concurrency(), base.requestsPerMinute(),
                base.tokensPerMinute(), base.timeoutSeconds(), 100, 0.40, null, base.prices(), base.perProvider());
        VideoService video = service(daily);
        // Kling 2.1 at $0.056/s: 5 s is $0.28; a second one would pass $0.40 while the first is still running
        video.submit(video.plan(List.of(request(60))), null, null, true);
        assertThatThrownBy(() -> video.submit(video.plan(List.of(request(60))), null, null, true))
                .hasMessageContaining("daily budget of $0.40");
        assertThat(video.list(null)).hasSize(1);
    }

    @Test
    void cancellingAFinishedJobIsRefused() {
        api.failWith = "nope";
        VideoService video = service(UnderstandSettings.defaults());
        VideoJob job = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
        for (int i = 0; i < 10; i++) {
            video.tick();
            clock.advance(Duration.ofSeconds(6));
        }
        assertThat(video.status(job.id()).state()).isEqualTo(JobState.FAILED);
        assertThatThrownBy(() -> video.cancel(job.id())).hasMessageContaining("already failed");
        VideoJob again = video.retry(job.id());
        assertThat(again.id()).isNotEqualTo(job.id()); // it had a provider id: a new job, never a resubmit
        assertThat(again.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void recentJobsComeNewestFirstWithElapsedTimeThatStopsWhenTheyFinish() {
        api.readsPerPhase = 10_000; // stays queued
        VideoService video = service(UnderstandSettings.defaults());
        VideoJob first = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
        clock.advance(Duration.ofSeconds(1));
        VideoJob second = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
        video.tick();
        clock.advance(Duration.ofSeconds(90));
        assertThat(video.recent(null, 10)).extracting(VideoJob::id).containsExactly(second.id(), first.id());
        assertThat(video.recent(null, 1)).extracting(VideoJob::id).containsExactly(second.id());
        assertThat(video.recent(JobState.QUEUED, 10)).hasSize(2);
        assertThat(video.recent(JobState.SUCCEEDED, 10)).isEmpty();
        assertThatThrownBy(() -> video.recent(null, 0)).hasMessageContaining("limit");
        Map<String, Object> live = asMap(video.json(video.status(first.id())));
        assertThat(live).containsEntry("elapsed_seconds", 91L).containsEntry("active", true)
                .containsEntry("cancellable", true).containsEntry("state", "queued");
        assertThat(video.find(first.id())).isPresent();
        assertThat(video.find("vnothere")).isEmpty();

        video.cancel(first.id());
        clock.advance(Duration.ofMinutes(10));
        Map<String, Object> ended = asMap(video.json(video.status(first.id())));
        assertThat(ended).containsEntry("state", "cancelled").containsEntry("elapsed_seconds", 91L)
                .containsEntry("active", false).containsEntry("cancellable", false);
    }

    @Test
    void everyCallToTheProviderIsCountedByCall() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        try {
            api.readsPerPhase = 10_000;
            VideoService video = service(UnderstandSettings.defaults());
            VideoJob job = video.submit(video.plan(List.of(request(60))), null, null, true).get(0);
            video.tick(); // submit
            clock.advance(Duration.ofSeconds(6));
            video.tick(); // status
            video.cancel(job.id()); // cancel
            java.util.function.Function<String, Double> calls = call -> registry.find("alice_api_calls")
                    .tags("operation", "video", "provider", "fal", "call", call).counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
            assertThat(calls.apply("submit")).isEqualTo(1.0);
            assertThat(calls.apply("status")).isEqualTo(1.0);
            assertThat(calls.apply("cancel")).isEqualTo(1.0);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
            registry.close();
        }
    }

    /** The job's JSON as the surfaces render it. */
    private static Map<String, Object> asMap(VideoJobJson json) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(json,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }
}
