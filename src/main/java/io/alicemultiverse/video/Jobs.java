package io.alicemultiverse.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SpendEntry;
import io.alicemultiverse.catalog.VideoJobs;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The durable job list: typed access to the catalog's {@code video_jobs}. Every write lands before the caller acts
 * on it (the submit is recorded as {@code submitting} before the request leaves). Not thread-safe, like the catalog.
 */
final class Jobs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VideoJobs store;

    public Jobs(Catalog catalog) {
        this.store = catalog.videoJobs();
    }

    /** A new job id: time-ordered, with random bits so two processes never collide. */
    static String newId(Instant now) {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "v" + Long.toString(now.toEpochMilli(), 36).toLowerCase(Locale.ROOT) + HexFormat.of().formatHex(b);
    }

    /** Whether this process may advance jobs (see {@link VideoJobs#claimAdvancing}); claims it when free. */
    public boolean claimAdvancing() {
        return store.claimAdvancing();
    }

    public void insert(VideoJob job) {
        store.insert(job.toRow());
    }

    public void save(VideoJob job) {
        store.update(job.toRow(), null);
    }

    /** Saves {@code job} and its spend line in one transaction. */
    public void save(VideoJob job, SpendEntry spend) {
        store.update(job.toRow(), spend);
    }

    /** The stored state of the job with exactly this id (no parsing of the rest of it). */
    public Optional<JobState> state(String id) {
        return store.state(id).map(JobState::parse);
    }

    public Optional<VideoJob> find(String idOrPrefix) {
        return store.find(idOrPrefix).map(VideoJob::of);
    }

    public List<VideoJob> list(JobState state) {
        return store.list(state == null ? null : state.id()).stream().map(VideoJob::of).toList();
    }

    public List<VideoJob> active() {
        return store.inStates(JobState.activeIds()).stream().map(VideoJob::of).toList();
    }

    /**
     * Settles what a process that died left behind: a job still {@code submitting} has no recorded answer, so its
     * request may or may not have reached the provider — it becomes {@code unknown} and is never resubmitted unless
     * the user says so ({@code alice video retry}). Returns how many were settled.
     */
    public int settleInterruptedSubmits(Instant now) {
        int n = 0;
        for (VideoJob j : list(JobState.SUBMITTING)) {
            save(j.edit(now, e -> {
                e.state = JobState.UNKNOWN;
                e.error = "the process stopped while the job was being submitted; it may or may not have reached "
                        + j.provider() + " (check there, then `alice video retry " + j.id() + "` to submit again)";
            }));
            n++;
        }
        return n;
    }

    static String requestJson(VideoRequest r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static VideoRequest request(String json) {
        try {
            return JSON.readValue(json, VideoRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable video job request: " + e.getOriginalMessage(), e);
        }
    }
}
