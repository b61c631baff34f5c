package io.alicemultiverse.video;

import io.alicemultiverse.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The durable job list in a real DuckDB catalog: round trips, restarts, and the ambiguous-submit rule. */
class JobsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static VideoRequest request(String prompt) {
        return new VideoRequest("fal", "fal-ai/veo3", prompt, "blurry", null, null, 8, "16:9", "720p", 42L,
                Map.of("generate_audio", "false"), "coast", 0);
    }

    @Test
    void aJobSurvivesReopeningTheCatalogWithEveryField(@TempDir Path dir) {
        VideoJob job = VideoJob.create(Jobs.newId(T0), request("a lighthouse at dusk"), null, 1.6, T0);
        try (Catalog c = Catalog.open(dir)) {
            new Jobs(c).insert(job);
        }
        try (Catalog c = Catalog.open(dir)) {
            VideoJob back = new Jobs(c).find(job.id()).orElseThrow();
            assertThat(back).isEqualTo(job);
            assertThat(back.deadlineAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
            assertThat(back.request().params()).containsEntry("generate_audio", "false");
            assertThat(back.state()).isEqualTo(JobState.PENDING);
        }
    }

    @Test
    void aProcessThatDiedWhileSubmittingLeavesAnUnknownJobNotAPendingOne(@TempDir Path dir) {
        VideoJob job = VideoJob.create("v1", request("waves"), null, null, T0);
        try (Catalog c = Catalog.open(dir)) {
            Jobs jobs = new Jobs(c);
            jobs.insert(job);
            jobs.save(job.edit(T0, e -> e.state = JobState.SUBMITTING));
        }
        try (Catalog c = Catalog.open(dir)) {
            Jobs jobs = new Jobs(c);
            assertThat(jobs.settleInterruptedSubmits(T0.plusSeconds(5))).isEqualTo(1);
            VideoJob back = jobs.find("v1").orElseThrow();
            assertThat(back.state()).isEqualTo(JobState.UNKNOWN);
            assertThat(back.error()).contains("may or may not have reached fal").contains("alice video retry v1");
            assertThat(jobs.active()).isEmpty();
        }
    }

    @Test
    void findsByUniquePrefixAndListsByState(@TempDir Path dir) {
        try (Catalog c = Catalog.open(dir)) {
            Jobs jobs = new Jobs(c);
            jobs.insert(VideoJob.create("vabc1", request("one"), null, null, T0));
            jobs.insert(VideoJob.create("vabd2", request("two"), null, null, T0.plusSeconds(1)));
            assertThat(jobs.find("vabc")).map(VideoJob::id).contains("vabc1");
            assertThat(jobs.find("vab")).isEmpty(); // ambiguous
            assertThat(jobs.list(JobState.PENDING)).extracting(VideoJob::id).containsExactly("vabc1", "vabd2");
            assertThat(jobs.active()).hasSize(2);
        }
    }

    @Test
    void aRequestWithoutAPromptIsRefused() {
        assertThatThrownBy(() -> request(" ")).hasMessageContaining("prompt");
        assertThatThrownBy(() -> JobState.parse("done")).hasMessageContaining("pending");
    }

    @Test
    void theJobJsonHasExactlyTheDocumentedKeys() {
        VideoJob job = VideoJob.create("v9", request("x"), null, 0.5, T0);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(job.toJson()).fieldNames())
                .toIterable().containsExactlyInAnyOrder("id", "provider", "model", "state", "prompt", "provider_job_id",
                "estimate_usd", "cost_usd", "path", "content_hash", "error", "created_at", "updated_at");
    }
}
