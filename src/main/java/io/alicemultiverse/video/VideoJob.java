package io.alicemultiverse.video;

import io.alicemultiverse.catalog.VideoJobRow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One video generation job as the scheduler sees it. Immutable; every change makes a new value through
 * {@link #edit}, which the caller stores before it acts on it.
 *
 * @param providerJobId the provider's id once a submit was answered; a job that has one is never submitted again
 * @param remoteStatus  the provider's own status string, as last seen
 * @param attempts      submits and polls that failed transiently (reset by a good answer)
 * @param nextCheckAt   when the scheduler looks at the job next (backoff and {@code Retry-After} move it)
 * @param path          the clip's library path once filed
 */
public record VideoJob(String id, VideoRequest request, String baseUrl, String providerJobId, String statusUrl,
                       String resultUrl, String cancelUrl, JobState state, String remoteStatus, int attempts,
                       Double estimateUsd, Double costUsd, String outputUrl, Instant outputExpiresAt, String path,
                       String contentHash, String error, Instant createdAt, Instant updatedAt, Instant submittedAt,
                       Instant finishedAt, Instant deadlineAt, Instant nextCheckAt) {

    /** A new job, {@code pending}, due now, with its deadline stored. */
    public static VideoJob create(String id, VideoRequest r, String baseUrl, Double estimateUsd, Instant now) {
        return new VideoJob(id, r, baseUrl, null, null, null, null, JobState.PENDING, null, 0, estimateUsd, null,
                null, null, null, null, null, now, now, null, null,
                now.plus(Duration.ofMinutes(r.timeoutMinutes())), now);
    }

    public String provider() {
        return request.provider();
    }

    public String model() {
        return request.model();
    }

    /** A copy with the changes {@code change} makes, stamped {@code updatedAt = now}. */
    public VideoJob edit(Instant now, Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        e.updatedAt = now;
        if (!e.state.active() && e.finishedAt == null && e.state != JobState.UNKNOWN) {
            e.finishedAt = now;
        }
        return e.build();
    }

    /**
     * Whether the user can still cancel it: waiting, submitting, queued or running, or with a submit of unknown
     * outcome. A downloading job is finished and paid for.
     */
    public boolean cancellable() {
        return state.active() && state != JobState.DOWNLOADING || state == JobState.UNKNOWN;
    }

    /** How long the job has taken so far: from creation to {@code now} while it is active, else to its end. */
    public Duration elapsed(Instant now) {
        Instant end = state.active() ? now : finishedAt != null ? finishedAt : updatedAt;
        Duration d = Duration.between(createdAt, end);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * {@link #toJson()} plus what a live view needs as of {@code now}: {@code elapsed_seconds}, {@code active}
     * (the job still moves) and {@code cancellable}.
     */
    public VideoJobJson toJson(Instant now) {
        return json(elapsed(now).toSeconds(), state.active(), cancellable());
    }

    /** The job object every surface renders (keys fixed by the CLI contract; never a key or a secret). */
    public VideoJobJson toJson() {
        return json(null, null, null);
    }

    private VideoJobJson json(Long elapsedSeconds, Boolean active, Boolean cancellable) {
        return new VideoJobJson(id, provider(), model(), state.id(), request.prompt(), providerJobId, estimateUsd,
                costUsd, path, contentHash, error, createdAt.toString(), updatedAt.toString(), elapsedSeconds,
                active, cancellable);
    }

    VideoJobRow toRow() {
        return new VideoJobRow(id, provider(), model(), Jobs.requestJson(request), request.prompt(),
                request.project(), baseUrl, providerJobId, statusUrl, resultUrl, cancelUrl, state.id(), remoteStatus,
                attempts, estimateUsd, costUsd, outputUrl, outputExpiresAt, path, contentHash, error, createdAt,
                updatedAt, submittedAt, finishedAt, deadlineAt, nextCheckAt);
    }

    static VideoJob of(VideoJobRow r) {
        return new VideoJob(r.id(), Jobs.request(r.requestJson()), r.baseUrl(), r.providerJobId(), r.statusUrl(),
                r.resultUrl(), r.cancelUrl(), JobState.parse(r.state()), r.remoteStatus(), r.attempts(),
                r.estimateUsd(), r.costUsd(), r.outputUrl(), r.outputExpiresAt(), r.path(), r.contentHash(),
                r.error(), r.createdAt(), r.updatedAt(), r.submittedAt(), r.finishedAt(), r.deadlineAt(),
                r.nextCheckAt());
    }

    /** The mutable copy {@link #edit} hands out. */
    public static final class Edit {
        public String providerJobId;
        public String statusUrl;
        public String resultUrl;
        public String cancelUrl;
        public JobState state;
        public String remoteStatus;
        public int attempts;
        public Double costUsd;
        public String outputUrl;
        public Instant outputExpiresAt;
        public String path;
        public String contentHash;
        public String error;
        public Instant submittedAt;
        public Instant finishedAt;
        public Instant nextCheckAt;
        private final VideoJob from;
        private Instant updatedAt;

        private Edit(VideoJob j) {
            from = j;
            providerJobId = j.providerJobId;
            statusUrl = j.statusUrl;
            resultUrl = j.resultUrl;
            cancelUrl = j.cancelUrl;
            state = j.state;
            remoteStatus = j.remoteStatus;
            attempts = j.attempts;
            costUsd = j.costUsd;
            outputUrl = j.outputUrl;
            outputExpiresAt = j.outputExpiresAt;
            path = j.path;
            contentHash = j.contentHash;
            error = j.error;
            submittedAt = j.submittedAt;
            finishedAt = j.finishedAt;
            nextCheckAt = j.nextCheckAt;
        }

        private VideoJob build() {
            return new VideoJob(from.id, from.request, from.baseUrl, providerJobId, statusUrl, resultUrl, cancelUrl,
                    state, remoteStatus, attempts, from.estimateUsd, costUsd, outputUrl, outputExpiresAt, path,
                    contentHash, error, from.createdAt, updatedAt, submittedAt, finishedAt, from.deadlineAt,
                    nextCheckAt);
        }
    }
}
