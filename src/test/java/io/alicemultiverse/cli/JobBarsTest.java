package io.alicemultiverse.cli;

import io.alicemultiverse.video.JobState;
import io.alicemultiverse.video.VideoJob;
import io.alicemultiverse.video.VideoRequest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alice video wait} on a terminal: a bar per job, its steps, its state, outcome and cost. */
class JobBarsTest {
    private static VideoJob job(String id) {
        VideoRequest r = new VideoRequest("fal", "fal-ai/veo3", "waves", null, null, null, 8, null, null, null,
                Map.of(), null, 60);
        return VideoJob.create(id, r, null, 3.2, Instant.now().minusSeconds(75));
    }

    @Test
    void eachJobHasABarThatFollowsItsStepsToTheFiledClipOrItsError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        VideoJob a = job("vaaaaaaaa");
        VideoJob b = job("vbbbbbbbb");
        try (JobBars bars = new JobBars(out, 200)) {
            bars.show(a);
            bars.show(b);
            bars.show(a.edit(Instant.now(), e -> e.state = JobState.RUNNING));
            bars.show(a.edit(Instant.now(), e -> {
                e.state = JobState.SUCCEEDED;
                e.costUsd = 3.2;
                e.path = "2026-12-04/coast/google/clip-00001.mp4";
            }));
            bars.show(b.edit(Instant.now(), e -> {
                e.state = JobState.FAILED;
                e.error = "fal refused the request: bad duration";
            }));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("vaaaaaaaa fal-ai/veo3").contains("vbbbbbbbb fal-ai/veo3");
        assertThat(text).contains("4/4").contains("succeeded → 2026-12-04/coast/google/clip-00001.mp4 ($3.20)");
        assertThat(text).contains("failed: fal refused the request: bad duration (~$3.20)");
        assertThat(text).contains("0:01:1"); // elapsed counts from when the job was recorded, not from the bar
    }

    @Test
    void stepsAreTheJobsPlaceInItsLife() {
        assertThat(JobBars.step(JobState.PENDING)).isZero();
        assertThat(JobBars.step(JobState.QUEUED)).isEqualTo(1);
        assertThat(JobBars.step(JobState.RUNNING)).isEqualTo(2);
        assertThat(JobBars.step(JobState.DOWNLOADING)).isEqualTo(3);
        assertThat(JobBars.step(JobState.SUCCEEDED)).isEqualTo(JobBars.STEPS);
        assertThat(JobBars.step(JobState.CANCELLED)).isNegative();
    }
}
