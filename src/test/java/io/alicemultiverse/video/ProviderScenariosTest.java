package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.understand.UnderstandSettings;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static mockwebserver3.MockResponse.Builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every provider against a fake of its documented API on 127.0.0.1, driven by the real scheduler, catalog and
 * organize path with a hand-moved clock: the documented states to a filed clip, and each failure users report.
 */
class ProviderScenariosTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;
    private FakeVideoApi api;
    private TestClock clock;
    private LibraryService library;
    private VideoService video;
    /** More environment for the video service (a lower clip ceiling). */
    private final Map<String, String> extraEnv = new HashMap<>();

    static Stream<FakeVideoApi.Protocol> protocols() {
        return Protocols.all().stream();
    }

    private void start(FakeVideoApi.Protocol p) throws IOException {
        api = new FakeVideoApi(p);
        clock = new TestClock(T0);
        open();
    }

    private void open() {
        library = LibraryService.open(root.resolve("library"), Layout.of(Layout.DEFAULT), clock);
        Map<String, String> env = new HashMap<>(Protocols.KEYS);
        env.put("ALICE_" + api.protocol.provider().toUpperCase() + "_BASE_URL", api.base());
        env.putAll(api.protocol.env(api));
        env.putAll(extraEnv);
        video = library.video(UnderstandSettings.defaults(), env);
    }

    private void reopen() {
        library.close();
        open();
    }

    @AfterEach
    void stop() {
        if (library != null) {
            library.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private VideoJob generate(String prompt) {
        VideoService.Plan plan = video.plan(List.of(api.protocol.request(prompt, Protocols.IMAGE)));
        return video.submit(plan, null, null, true).get(0);
    }

    /** Ticks (moving the clock to whatever is due next) until {@code id} leaves the active states. */
    private List<JobState> runToEnd(String id) {
        List<JobState> seen = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant next = video.tick();
            VideoJob j = video.status(id);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != j.state()) {
                seen.add(j.state());
            }
            if (!j.state().active()) {
                return seen;
            }
            clock.advance(next == null || !next.isAfter(clock.instant()) ? Duration.ofSeconds(1)
                    : Duration.between(clock.instant(), next));
        }
        throw new AssertionError("job " + id + " did not finish: " + seen);
    }

    private List<RecordedRequest> calls(FakeVideoApi.Call call) {
        return api.requests.stream().filter(r -> !r.getUrl().encodedPath().startsWith("/files/")
                && api.protocol.classify(r) == call).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void walksQueuedRunningSucceededToAFiledClipWithItsProvenance(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        VideoJob job = generate("a lighthouse at dusk, waves on the rocks");
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(api.requests).isEmpty(); // recorded before anything was sent

        List<JobState> states = runToEnd(job.id());
        assertThat(states).containsSubsequence(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);

        RecordedRequest submit = calls(FakeVideoApi.Call.SUBMIT).get(0);
        JsonNode body = FakeVideoApi.JSON.readTree(submit.getBody().utf8());
        p.checkSubmit(submit, body, job.request());
        assertThat(api.submitsAccepted()).isEqualTo(1);

        VideoJob done = video.status(job.id());
        String maker = VideoProviders.of(p.provider()).client(p.model(), api.base(), Protocols.KEYS, clock)
                .maker(p.model());
        // the date folder is the clip file's own date (the day the test runs), not the fixed clock's
        assertThat(done.path()).matches("\\d{4}-\\d{2}-\\d{2}/coast/" + maker + "/coast-00001\\.mp4");
        Path file = library.root().resolve(done.path());
        assertThat(file).isRegularFile();
        assertThat(ContentHash.of(file)).isEqualTo(done.contentHash()).isEqualTo(ContentHash.of(Clips.mp4(1)));
        assertThat(leftovers()).isEmpty();

        List<Map<String, Object>> asset = library.catalog().select("SELECT source, prompt, model, params::VARCHAR, "
                + "media_type FROM assets WHERE content_hash = ?", List.of(done.contentHash()), rs -> Map.of(
                "source", rs.getString(1), "prompt", rs.getString(2), "model", rs.getString(3),
                "params", rs.getString(4), "media_type", rs.getString(5)));
        assertThat(asset).hasSize(1);
        assertThat(asset.get(0)).containsEntry("source", maker).containsEntry("prompt", job.request().prompt())
                .containsEntry("model", p.model()).containsEntry("media_type", "video");
        JsonNode params = FakeVideoApi.JSON.readTree((String) asset.get(0).get("params"));
        assertThat(params.at("/extra/provider").asText()).isEqualTo(p.provider());
        assertThat(params.at("/extra/video_job").asText()).isEqualTo(job.id());

        List<Double> spend = library.catalog().select("SELECT cost_usd FROM spend WHERE run = ?",
                List.of(job.id()), rs -> rs.getDouble(1));
        if (job.estimateUsd() == null) {
            assertThat(spend).isEmpty();
        } else {
            assertThat(spend).containsExactly(job.estimateUsd());
            assertThat(done.costUsd()).isEqualTo(job.estimateUsd());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void a429OnSubmitWaitsForRetryAfterAndSubmitsOnce(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        api.submitFaults.add(new Builder().code(429).addHeader("Retry-After", "120")
                .addHeader("Content-Type", "application/json")
                .body("{\"detail\":\"Request was throttled. Your rate limit resets in ~120s.\"}").build());
        VideoJob job = generate("waves");
        video.tick();
        VideoJob waiting = video.status(job.id());
        assertThat(waiting.state()).isEqualTo(JobState.PENDING);
        assertThat(waiting.error()).contains("429").contains("throttled");
        assertThat(waiting.nextCheckAt()).isEqualTo(T0.plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));
        video.tick();
        assertThat(api.submitCalls.get()).isEqualTo(1); // not before Retry-After
        clock.advance(Duration.ofSeconds(61));
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        assertThat(api.submitCalls.get()).isEqualTo(2);
        assertThat(api.submitsAccepted()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void a500WhilePollingBacksOffAndTheJobStillFinishes(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        VideoJob job = generate("waves");
        video.tick();
        api.statusFaults.add(FakeVideoApi.json(500, "{\"detail\":\"internal error\"}"));
        api.statusFaults.add(FakeVideoApi.json(503, "{}"));
        clock.advance(Duration.ofSeconds(5));
        video.tick();
        VideoJob backingOff = video.status(job.id());
        assertThat(backingOff.state()).isEqualTo(JobState.QUEUED);
        assertThat(backingOff.error()).contains("500");
        assertThat(backingOff.nextCheckAt()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        assertThat(api.submitsAccepted()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aProviderSideFailureKeepsTheProvidersMessage(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        api.failWith = "prompt flagged by moderation";
        VideoJob job = generate("waves");
        assertThat(runToEnd(job.id())).endsWith(JobState.FAILED);
        VideoJob failed = video.status(job.id());
        assertThat(failed.error()).contains("prompt flagged by moderation");
        assertThat(failed.costUsd()).isNull();
        assertThat(library.catalog().select("SELECT count(*) FROM spend", List.of(), rs -> rs.getLong(1)))
                .containsExactly(0L);
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void cancelSendsTheProvidersCancelAndRecordsItsAnswer(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        VideoJob job = generate("waves");
        video.tick();
        assertThat(video.status(job.id()).state()).isEqualTo(JobState.QUEUED);
        VideoJob cancelled = video.cancel(job.id());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        if (p.cancelled("x") != null) {
            assertThat(calls(FakeVideoApi.Call.CANCEL)).hasSize(1);
            assertThat(api.cancelledJobs).containsExactly(cancelled.providerJobId());
            assertThat(cancelled.error()).contains(p.provider() + " answered:");
        } else {
            assertThat(cancelled.error()).contains("not supported");
        }
        int before = api.requests.size();
        clock.advance(Duration.ofMinutes(5));
        assertThat(video.tick()).isNull();
        assertThat(api.requests).hasSize(before); // no more polling
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aTruncatedDownloadIsResumedAndNeverFiledHalf(FakeVideoApi.Protocol p) throws Exception {
        assumeTrue(p.downloadsByUrl(), "the clip comes inline, not from a URL");
        start(p);
        api.fileFaults.add(api.truncated(1, 500));
        VideoJob job = generate("waves");
        for (int i = 0; i < 10 && video.status(job.id()).attempts() == 0; i++) {
            video.tick();
            clock.advance(Duration.ofSeconds(5));
        }
        VideoJob mid = video.status(job.id());
        assertThat(mid.state()).isEqualTo(JobState.DOWNLOADING);
        assertThat(mid.error()).contains("stopped at 500 of");
        assertThat(libraryMedia()).isEmpty();
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        List<RecordedRequest> files = api.requests.stream()
                .filter(r -> r.getUrl().encodedPath().startsWith("/files/")).toList();
        assertThat(files).hasSize(2);
        assertThat(files.get(1).getHeaders().get("Range")).isEqualTo("bytes=500-");
        assertThat(video.status(job.id()).contentHash()).isEqualTo(ContentHash.of(Clips.mp4(1)));
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aDownloadWithNoLengthThatRunsPastTheCeilingFailsOnceNamingTheJobAndLeavesNothing(FakeVideoApi.Protocol p)
            throws Exception {
        assumeTrue(p.downloadsByUrl(), "the clip comes inline, not from a URL");
        extraEnv.put("ALICE_VIDEO_MAX_CLIP_BYTES", "100000");
        start(p);
        // chunked, no Content-Length: only counting the bytes can stop it
        api.fileFaults.add(new Builder().code(200).addHeader("Content-Type", "video/mp4")
                .chunkedBody(new okio.Buffer().write(new byte[1_000_000]), 8192).build());
        VideoJob job = generate("waves");
        assertThat(runToEnd(job.id())).endsWith(JobState.FAILED);
        VideoJob failed = video.status(job.id());
        assertThat(failed.error()).contains("job " + job.id()).contains("ran past 100000 bytes")
                .contains("alice video retry " + job.id());
        assertThat(api.requests.stream().filter(r -> r.getUrl().encodedPath().startsWith("/files/")))
                .hasSize(1); // not fetched again and again at full size
        assertThat(leftovers()).isEmpty(); // the cut-off download is gone
        assertThat(libraryMedia()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void retryingAJobWhoseClipCouldNotBeDownloadedFetchesItAgainWithoutASecondSubmit(FakeVideoApi.Protocol p)
            throws Exception {
        assumeTrue(p.downloadsByUrl(), "the clip comes inline, not from a URL");
        start(p);
        api.fileFaults.add(api.truncated(1, 500)); // leaves a partial file, kept for resuming while tries remain
        for (int i = 1; i < VideoScheduler.MAX_DELIVERY_ATTEMPTS; i++) {
            api.fileFaults.add(FakeVideoApi.json(503, "{\"error\": \"storage unavailable\"}"));
        }
        VideoJob job = generate("waves");
        assertThat(runToEnd(job.id())).endsWith(JobState.FAILED);
        assertThat(video.status(job.id()).error()).contains("could not be downloaded");
        assertThat(leftovers()).isEmpty(); // a job that gave up keeps no partial download on disk
        int fetched = api.requests.size();

        List<Long> billed = library.catalog().select("SELECT count(*) FROM spend", List.of(), rs -> rs.getLong(1));
        VideoJob retried = video.retry(job.id()); // the storage is back: the paid clip is fetched, not paid again
        assertThat(retried.id()).isEqualTo(job.id());
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        assertThat(api.submitCalls.get()).isEqualTo(1);
        assertThat(api.requests.stream().skip(fetched)
                .filter(r -> r.getUrl().encodedPath().startsWith("/files/")).findFirst().orElseThrow()
                .getHeaders().get("Range")).isNull(); // the download starts afresh
        assertThat(video.status(job.id()).contentHash()).isEqualTo(ContentHash.of(Clips.mp4(1)));
        assertThat(library.catalog().select("SELECT count(*) FROM spend", List.of(), rs -> rs.getLong(1)))
                .isEqualTo(billed); // billed once, when the provider finished it
        assertThat(video.list(null)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void anExpiredOutputUrlIsFetchedAfreshFromTheProvider(FakeVideoApi.Protocol p) throws Exception {
        assumeTrue(p.downloadsByUrl(), "the clip comes inline, not from a URL");
        start(p);
        api.fileFaults.add(FakeVideoApi.json(403, "<Error>Request has expired</Error>"));
        VideoJob job = generate("waves");
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        // queued, running, finished — then asked again for a fresh URL after the 403
        assertThat(api.reads.get(p.fakeId(video.status(job.id()).providerJobId()))).isEqualTo(4);
        assertThat(api.submitsAccepted()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aSubmitWhoseConnectionDropsIsUnknownAndNeverResubmittedSilently(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        api.submitFaults.add(FakeVideoApi.dropAfterRequest());
        VideoJob job = generate("waves");
        video.tick();
        VideoJob unknown = video.status(job.id());
        assertThat(unknown.state()).isEqualTo(JobState.UNKNOWN);
        assertThat(unknown.error()).contains("may have reached").contains("alice video retry " + job.id());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(video.tick()).isNull();
        }
        reopen();
        video.tick();
        assertThat(api.submitCalls.get()).isEqualTo(1);

        VideoJob again = video.retry(job.id()); // the user's word
        assertThat(again.id()).isEqualTo(job.id());
        assertThat(runToEnd(job.id())).endsWith(JobState.SUCCEEDED);
        assertThat(api.submitCalls.get()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aRestartWithJobsInFlightResumesThemAndNeverResubmits(FakeVideoApi.Protocol p) throws Exception {
        start(p);
        api.readsPerPhase = 3;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(generate("waves " + i).id());
        }
        video.tick();
        int cap = VideoProviders.of(p.provider()).concurrency();
        long inFlight = ids.stream().map(video::status).filter(j -> j.state() == JobState.QUEUED).count();
        assertThat(inFlight).isEqualTo(Math.min(3, cap)); // over the cap waits as pending
        clock.advance(Duration.ofSeconds(5));
        video.tick();
        reopen(); // the process "dies" with jobs queued and running
        for (String id : ids) {
            assertThat(runToEnd(id)).endsWith(JobState.SUCCEEDED);
        }
        assertThat(api.submitCalls.get()).isEqualTo(3);
        assertThat(api.submitsAccepted()).isEqualTo(3);
        assertThat(ids.stream().map(id -> video.status(id).path()).distinct()).hasSize(3);
        assertThat(leftovers()).isEmpty();
    }

    /** Files anywhere under the library's staging and partial folders. */
    private List<Path> leftovers() throws IOException {
        Path staging = library.root().resolve(".alice/video");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Media files in the library proper (outside .alice). */
    private List<Path> libraryMedia() throws IOException {
        try (Stream<Path> s = Files.walk(library.root())) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !library.root().relativize(f).toString().startsWith(".alice")).toList();
        }
    }
}
