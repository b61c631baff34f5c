package io.alicemultiverse.video;

import io.alicemultiverse.catalog.SpendEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

// Over 400 lines: the job state machine (submit, poll, backoff, caps, deadlines, cancel, download) in one place, so
// every transition is visible beside the others.
/**
 * Advances every active video job one step at a time: submits pending jobs within each provider's concurrency cap,
 * polls queued and running jobs at the provider's pace, backs off on 429 and 5xx (honouring {@code Retry-After}),
 * gives up on a job past its stored deadline (cancelling it at the provider), and hands finished jobs to the
 * {@link Delivery}. Every state is written before the step that depends on it, so a process killed at any point
 * resumes from the catalog: a job with a provider id is polled, never submitted again; a job caught in
 * {@code submitting} becomes {@code unknown}.
 *
 * <p>Time comes from a {@link Clock}: {@link #tick()} does what is due now and says when the next thing is due,
 * so the loop that sleeps is the caller's and tests advance a clock instead of sleeping. One thread drives it (an
 * owner's background loop, or a command's); its steps are synchronized, so a command an owner runs for another
 * process may record, cancel or retry a job meanwhile. A step never waits for the library's lock while holding this
 * one, except a tick filing a clip on the thread that already holds it (the owner's loop).
 */
final class VideoScheduler {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final int MAX_SUBMIT_ATTEMPTS = 6;
    static final int MAX_DELIVERY_ATTEMPTS = 6;
    static final int MAX_STATUS_REJECTIONS = 5;

    private final Jobs jobs;
    private final Function<VideoJob, VideoProvider> providers;
    private final Delivery delivery;
    private final Clock clock;
    private final Function<String, Integer> caps;
    private final Map<String, VideoProvider> cache = new HashMap<>();
    /**
     * When an unchanged job is next due, kept in memory only: a poll that finds nothing new writes nothing (a catalog
     * write per poll was most of the polling cost). After a restart every active job is simply due at once.
     */
    private final Map<String, Instant> dueInMemory = new HashMap<>();
    /**
     * The active jobs as this scheduler knows them: its own writes go here as they go to the catalog, and the whole
     * set is read again from the catalog at least every {@link #REFRESH}, to see jobs other catalogs recorded or
     * changed (a cancel from another process). Reading 50 jobs on every wake-up was most of the polling cost.
     */
    private final Map<String, VideoJob> active = new java.util.LinkedHashMap<>();
    private Instant refreshedAt;
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** Jobs due this close after now are done in the same tick: fewer wake-ups when many jobs' times spread. */
    static final Duration COALESCE = Duration.ofMillis(250);
    /** Every job the last tick looked at, as it left it (finished ones included). */
    private final Map<String, VideoJob> lastSeen = new HashMap<>();
    /** Whether this process advances the jobs (see {@link #claim}). */
    private boolean advancing;
    /** Inside {@link #tick()}: its writes must not overwrite a job another catalog finished meanwhile. */
    private boolean ticking;
    /** How soon a process that does not advance the jobs asks again whether it may. */
    static final Duration CLAIM_RETRY = Duration.ofSeconds(1);

    /**
     * @param providers the provider client for a job (by its provider, model and base URL)
     * @param caps      the most jobs a provider may have submitting, queued or running at once
     */
    public VideoScheduler(Jobs jobs, Function<VideoJob, VideoProvider> providers, Delivery delivery, Clock clock,
                          Function<String, Integer> caps) {
        this.jobs = jobs;
        this.providers = providers;
        this.delivery = delivery;
        this.clock = clock;
        this.caps = caps;
        claim();
    }

    /**
     * Takes the advancing of jobs when no other process holds it (a shared catalog lets one process at a time:
     * another machine's {@code serve} may be doing it), and then settles what a dead process left submitting.
     */
    private boolean claim() {
        if (!advancing && jobs.claimAdvancing()) {
            advancing = true;
            jobs.settleInterruptedSubmits(clock.instant());
        }
        return advancing;
    }

    public Jobs jobs() {
        return jobs;
    }

    /** Whether this process advances the jobs (else another one does, and states arrive through the catalog). */
    public boolean advancing() {
        return advancing;
    }

    /**
     * The job as the last {@link #tick()} left it, null when that tick did not look at it (it was not active, or
     * this process does not advance the jobs).
     */
    public synchronized VideoJob seen(String id) {
        return lastSeen.get(id);
    }

    /** Records a new pending job (before anything is sent). */
    public synchronized VideoJob create(VideoRequest request, String baseUrl, Double estimateUsd) {
        VideoJob job = VideoJob.create(Jobs.newId(clock.instant()), request, baseUrl, estimateUsd, clock.instant());
        jobs.insert(job);
        active.put(job.id(), job);
        VideoMetrics.state(job.provider(), JobState.PENDING);
        return job;
    }

    /** Does everything due now; returns when the next job is due, or null when no job is active. */
    public synchronized Instant tick() {
        ticking = true;
        try {
            return advance();
        } finally {
            ticking = false;
        }
    }

    private Instant advance() {
        Instant now = clock.instant();
        if (!claim()) {
            return now.plus(CLAIM_RETRY); // another process advances them; their states arrive through the catalog
        }
        if (refreshedAt == null || !now.isBefore(refreshedAt.plus(REFRESH)) || now.isBefore(refreshedAt)) {
            active.clear();
            jobs.active().forEach(j -> active.put(j.id(), j));
            refreshedAt = now;
        }
        List<VideoJob> todo = List.copyOf(active.values());
        Map<String, Integer> inFlight = new HashMap<>();
        for (VideoJob j : todo) {
            if (j.state() == JobState.SUBMITTING || j.state().remote()) {
                inFlight.merge(j.provider(), 1, Integer::sum);
            }
        }
        lastSeen.clear();
        Instant next = null;
        Instant soon = now.plus(COALESCE);
        for (VideoJob j : todo) {
            VideoJob after = j;
            if (!due(j).isAfter(soon)) {
                after = step(j, now, inFlight);
            }
            lastSeen.put(after.id(), after);
            if (after.state().active() && (next == null || due(after).isBefore(next))) {
                next = due(after);
            }
        }
        VideoMetrics.active(this, lastSeen.values());
        return next;
    }

    private Instant due(VideoJob j) {
        Instant memory = dueInMemory.get(j.id());
        return memory != null && memory.isAfter(j.nextCheckAt()) ? memory : j.nextCheckAt();
    }

    private VideoJob step(VideoJob j, Instant now, Map<String, Integer> inFlight) {
        return switch (j.state()) {
            case PENDING -> {
                if (now.isAfter(j.deadlineAt())) {
                    yield save(j.edit(now, e -> {
                        e.state = JobState.FAILED;
                        e.error = "the deadline of " + j.request().timeoutMinutes() + " min passed before it could be "
                                + "submitted";
                    }));
                }
                int cap = caps.apply(j.provider());
                if (inFlight.getOrDefault(j.provider(), 0) >= cap) {
                    yield j; // waits as pending: over the cap is not an error
                }
                VideoJob after = submit(j);
                if (after.state() == JobState.QUEUED || after.state() == JobState.RUNNING) {
                    inFlight.merge(j.provider(), 1, Integer::sum);
                }
                yield after;
            }
            case QUEUED, RUNNING -> now.isAfter(j.deadlineAt()) ? expire(j, now) : poll(j);
            case DOWNLOADING -> deliver(j);
            default -> j; // submitting only exists inside submit(); settled at start
        };
    }

    /** Sends the job: the one paid call. Recorded as submitting first; an ambiguous outcome becomes unknown. */
    private VideoJob submit(VideoJob pending) {
        if (pending.providerJobId() != null) {
            throw new IllegalStateException("job " + pending.id() + " already has a provider id; never resubmitted");
        }
        VideoJob j = save(pending.edit(clock.instant(), e -> e.state = JobState.SUBMITTING));
        VideoProvider provider;
        try {
            provider = provider(j);
        } catch (IllegalArgumentException e) {
            return save(j.edit(clock.instant(), x -> {
                x.state = JobState.FAILED;
                x.error = e.getMessage();
            }));
        }
        long started = System.nanoTime();
        try {
            Submission s = provider.submit(j.request());
            VideoMetrics.submitted(j.provider(), Duration.ofNanos(System.nanoTime() - started));
            Instant now = clock.instant();
            return save(j.edit(now, e -> {
                e.state = JobState.QUEUED;
                e.providerJobId = s.providerJobId();
                e.statusUrl = s.statusUrl();
                e.resultUrl = s.resultUrl();
                e.cancelUrl = s.cancelUrl();
                e.remoteStatus = s.remoteStatus();
                e.submittedAt = now;
                e.attempts = 0;
                e.error = null;
                e.nextCheckAt = now.plus(provider.pollInterval());
            }));
        } catch (ProviderError e) {
            Instant now = clock.instant();
            return switch (e.kind()) {
                case AMBIGUOUS, BAD_ANSWER -> save(j.edit(now, x -> {
                    x.state = JobState.UNKNOWN;
                    x.error = "the submit's outcome is unknown (" + e.getMessage() + "); it may have reached "
                            + j.provider() + " and be billed — check there, then `alice video retry " + j.id()
                            + "` to submit again";
                }));
                case REJECTED -> save(j.edit(now, x -> {
                    x.state = JobState.FAILED;
                    x.error = j.provider() + " refused the request: " + e.getMessage();
                }));
                default -> j.attempts() + 1 >= MAX_SUBMIT_ATTEMPTS
                        ? save(j.edit(now, x -> {
                            x.state = JobState.FAILED;
                            x.attempts = j.attempts() + 1;
                            x.error = "not accepted after " + x.attempts + " tries: " + e.getMessage();
                        }))
                        : save(j.edit(now, x -> { // nothing was created: safe to send again later
                            x.state = JobState.PENDING;
                            x.attempts = j.attempts() + 1;
                            x.error = e.getMessage();
                            x.nextCheckAt = now.plus(backoff(x.attempts, e.retryAfter()));
                        }));
            };
        }
    }

    private VideoJob poll(VideoJob j) {
        VideoProvider provider = provider(j);
        RemoteStatus s;
        try {
            s = provider.check(j);
        } catch (ProviderError e) {
            return pollFailed(j, e);
        }
        Instant now = clock.instant();
        return switch (s.phase()) {
            case QUEUED, RUNNING -> {
                JobState state = s.phase() == RemoteStatus.Phase.QUEUED ? JobState.QUEUED : JobState.RUNNING;
                if (state == j.state() && java.util.Objects.equals(s.raw(), j.remoteStatus()) && j.attempts() == 0
                        && j.error() == null) {
                    dueInMemory.put(j.id(), now.plus(pace(provider, j, now)));
                    yield j; // nothing new: nothing to write
                }
                yield save(j.edit(now, e -> {
                    e.state = state;
                    e.remoteStatus = s.raw();
                    e.attempts = 0;
                    e.error = null;
                    e.nextCheckAt = now.plus(pace(provider, j, now));
                }));
            }
            case SUCCEEDED -> {
                // billed now: the cost goes to the ledger with the state change, once per job
                Double cost = j.costUsd() != null ? j.costUsd() : j.estimateUsd();
                VideoJob ready = j.edit(now, e -> {
                    e.state = JobState.DOWNLOADING;
                    e.remoteStatus = s.raw();
                    e.outputUrl = s.outputUrl();
                    e.outputExpiresAt = s.expiresAt();
                    e.costUsd = cost;
                    e.attempts = 0;
                    e.error = null;
                    e.nextCheckAt = now;
                });
                if (j.costUsd() == null && cost != null) {
                    SpendEntry bill = new SpendEntry(LocalDateTime.ofInstant(now, ZoneId.systemDefault()),
                            "video:" + j.provider(), j.model(), 0, 0, cost, null, j.id(), j.request().project());
                    if (changedElsewhere(ready)) {
                        // cancelled elsewhere meanwhile, yet the provider finished it (a provider without a cancel
                        // goes on): it is billed, so the ledger says so, and the job keeps the state it was given
                        VideoJob stored = jobs.find(j.id()).orElse(ready);
                        if (stored.costUsd() != null) {
                            remember(stored);
                            yield stored;
                        }
                        VideoJob billed = stored.edit(now, e -> e.costUsd = cost);
                        jobs.save(billed, bill);
                        VideoMetrics.spent(j.provider(), cost);
                        remember(billed);
                        yield billed;
                    }
                    dueInMemory.remove(j.id());
                    jobs.save(ready, bill);
                    remember(ready);
                    VideoMetrics.spent(j.provider(), cost);
                    VideoMetrics.state(j.provider(), JobState.DOWNLOADING);
                } else {
                    save(ready);
                }
                yield deliver(ready);
            }
            case FAILED -> save(j.edit(now, e -> {
                e.state = JobState.FAILED;
                e.remoteStatus = s.raw();
                e.error = s.error();
            }));
            case CANCELLED -> save(j.edit(now, e -> {
                e.state = JobState.CANCELLED;
                e.remoteStatus = s.raw();
                e.error = e.error == null ? "cancelled at " + j.provider() : e.error;
            }));
        };
    }

    private VideoJob pollFailed(VideoJob j, ProviderError e) {
        Instant now = clock.instant();
        int attempts = j.attempts() + 1;
        if (!e.transientFailure() && attempts >= MAX_STATUS_REJECTIONS) {
            return save(j.edit(now, x -> {
                x.state = JobState.FAILED;
                x.attempts = attempts;
                x.error = "status refused " + attempts + " times: " + e.getMessage();
            }));
        }
        // a status read is idempotent: keep asking, more slowly, until the deadline
        return save(j.edit(now, x -> {
            x.attempts = attempts;
            x.error = e.getMessage();
            x.nextCheckAt = now.plus(backoff(attempts, e.retryAfter()));
        }));
    }

    private VideoJob deliver(VideoJob j) {
        try {
            Delivery.Delivered d = delivery.deliver(j);
            Instant now = clock.instant();
            VideoJob done = save(j.edit(now, e -> {
                e.state = JobState.SUCCEEDED;
                e.path = d.path();
                e.contentHash = d.contentHash();
                e.error = null;
            }));
            VideoMetrics.generated(j.provider(), Duration.between(j.createdAt(), now));
            return done;
        } catch (Delivery.Failure f) {
            Instant now = clock.instant();
            int attempts = j.attempts() + 1;
            if (f.kind() == Delivery.Failure.Kind.TOO_LARGE) {
                // another try would download the same gigabytes again: the job stops here, the user decides
                return save(j.edit(now, e -> {
                    e.state = JobState.FAILED;
                    e.attempts = attempts;
                    e.error = "job " + j.id() + ": clip refused, " + f.getMessage() + "; nothing was kept. `alice video"
                            + " retry " + j.id() + "` downloads it once more (not billed again)";
                }));
            }
            if (attempts >= MAX_DELIVERY_ATTEMPTS) {
                VideoJob failed = save(j.edit(now, e -> {
                    e.state = JobState.FAILED;
                    e.attempts = attempts;
                    e.error = "the clip could not be downloaded after " + attempts + " tries: " + f.getMessage()
                            + "; `alice video retry " + j.id() + "` downloads it again (not billed again)";
                }));
                if (failed.state() == JobState.FAILED) {
                    // resuming is worth the disk only while tries remain; a retry starts the download afresh
                    delivery.discard(failed);
                }
                return failed;
            }
            if (f.kind() == Delivery.Failure.Kind.EXPIRED) {
                return refresh(j, attempts, f);
            }
            return save(j.edit(now, e -> {
                e.attempts = attempts;
                e.error = f.getMessage();
                e.nextCheckAt = now.plus(backoff(attempts, null));
            }));
        }
    }

    /** The output URL stopped working: ask the provider again (Runway, MiniMax and fal hand out a current one). */
    private VideoJob refresh(VideoJob j, int attempts, Delivery.Failure f) {
        Instant now = clock.instant();
        String url = null;
        Instant expires = null;
        try {
            RemoteStatus s = provider(j).check(j);
            if (s.phase() == RemoteStatus.Phase.SUCCEEDED) {
                url = s.outputUrl();
                expires = s.expiresAt();
            }
        } catch (ProviderError e) {
            // keep the old URL; the next try asks again
        }
        String freshUrl = url;
        Instant freshExpiry = expires;
        return save(j.edit(now, e -> {
            e.attempts = attempts;
            e.error = f.getMessage();
            if (freshUrl != null) {
                e.outputUrl = freshUrl;
                e.outputExpiresAt = freshExpiry;
            }
            e.nextCheckAt = now.plus(backoff(attempts, null));
        }));
    }

    /** The deadline passed: the remote job is cancelled (so it stops billing) and the job fails, saying so. */
    private VideoJob expire(VideoJob j, Instant now) {
        String answer = cancelRemote(j);
        return save(j.edit(now, e -> {
            e.state = JobState.FAILED;
            e.error = "gave up after the deadline of " + j.request().timeoutMinutes() + " min; cancel sent to "
                    + j.provider() + ": " + answer;
        }));
    }

    /**
     * Cancels a job: a pending one locally; a queued or running one at the provider first, recording its answer.
     *
     * @throws IllegalArgumentException for an unknown id or a job that is already finished
     */
    public synchronized VideoJob cancel(String id) {
        VideoJob j = jobs.find(id).orElseThrow(() -> new IllegalArgumentException("no video job " + id));
        if (!j.cancellable()) {
            throw new IllegalArgumentException(j.state() == JobState.DOWNLOADING
                    ? "job " + j.id() + " is finished and paid for; it is being downloaded"
                    : "job " + j.id() + " is already " + j.state().id());
        }
        String answer = j.providerJobId() == null ? "never submitted" : cancelRemote(j);
        return save(j.edit(clock.instant(), e -> {
            e.state = JobState.CANCELLED;
            e.error = "cancelled by the user; " + j.provider() + " answered: " + answer;
        }));
    }

    private String cancelRemote(VideoJob j) {
        if (j.providerJobId() == null) {
            return "never submitted";
        }
        try {
            return provider(j).cancel(j);
        } catch (ProviderError e) {
            return "cancel failed (" + e.getMessage() + ")";
        }
    }

    /**
     * Submits a job again on the user's word. An {@code unknown} job (its first submit may or may not have been
     * billed) goes back to pending itself. A failed or cancelled job that the provider knows keeps its provider id —
     * a job with one is never submitted again — so its request becomes a new job; the new job is returned.
     */
    public synchronized VideoJob retry(String id) {
        VideoJob j = jobs.find(id).orElseThrow(() -> new IllegalArgumentException("no video job " + id));
        if (j.state().active() || j.state() == JobState.SUCCEEDED) {
            throw new IllegalArgumentException("job " + j.id() + " is " + j.state().id() + "; only unknown, failed or "
                    + "cancelled jobs are retried");
        }
        Instant now = clock.instant();
        if (j.state() == JobState.FAILED && j.outputUrl() != null) {
            // the provider finished it and billed it; only the download failed: fetch the clip again (a fresh URL
            // if the old one expired), never a second paid submit
            return save(j.edit(now, e -> {
                e.state = JobState.DOWNLOADING;
                e.attempts = 0;
                e.error = null;
                e.finishedAt = null;
                e.nextCheckAt = now;
            }));
        }
        if (j.providerJobId() != null) {
            return create(j.request(), j.baseUrl(), j.estimateUsd());
        }
        VideoJob fresh = new VideoJob(j.id(), j.request(), j.baseUrl(), null, null, null, null, JobState.PENDING,
                null, 0, j.estimateUsd(), null, null, null, null, null, null, j.createdAt(), now, null, null,
                now.plus(Duration.ofMinutes(j.request().timeoutMinutes())), now);
        return save(fresh);
    }

    private VideoJob save(VideoJob j) {
        if (ticking && changedElsewhere(j)) {
            VideoJob stored = jobs.find(j.id()).orElse(j);
            remember(stored);
            return stored;
        }
        dueInMemory.remove(j.id());
        jobs.save(j);
        remember(j);
        VideoMetrics.state(j.provider(), j.state());
        return j;
    }

    /**
     * Whether another catalog finished the job since this scheduler read it (a cancel from another process, which
     * the in-memory set sees only at its next refresh): then the tick's write is dropped, never laid over it.
     */
    private boolean changedElsewhere(VideoJob j) {
        JobState stored = jobs.state(j.id()).orElse(null);
        return stored != null && !stored.active();
    }

    /** Keeps the in-memory active set in step with a write. */
    private void remember(VideoJob j) {
        if (j.state().active()) {
            active.put(j.id(), j);
        } else {
            active.remove(j.id());
        }
    }

    private VideoProvider provider(VideoJob j) {
        String key = j.provider() + "\u0000" + j.model() + "\u0000" + j.baseUrl();
        VideoProvider p = cache.get(key);
        if (p == null) {
            p = new CountedProvider(j.provider(), providers.apply(j));
            cache.put(key, p);
        }
        return p;
    }

    /**
     * How long until a queued or running job is asked again: the provider's pace while the job is young, then a
     * tenth of its age so far, up to {@link #SLOWEST_POLL} — a clip that has taken 5 minutes will not be done in the
     * next 5 seconds, and 50 long jobs in flight then cost a few polls a second instead of ten. A finished job is
     * so found at most 10 % (and 20 s) later than by polling at the provider's pace.
     */
    static Duration pace(VideoProvider provider, VideoJob j, Instant now) {
        Duration base = provider.pollInterval();
        Instant since = j.submittedAt() != null ? j.submittedAt() : j.createdAt();
        Duration tenth = since == null || now.isBefore(since) ? Duration.ZERO : Duration.between(since, now)
                .dividedBy(10);
        Duration d = tenth.compareTo(base) > 0 ? tenth : base;
        return d.compareTo(SLOWEST_POLL) > 0 && base.compareTo(SLOWEST_POLL) < 0 ? SLOWEST_POLL : d;
    }

    /** The longest wait between two status reads of a job (unless the provider asks for a slower pace). */
    static final Duration SLOWEST_POLL = Duration.ofSeconds(20);

    /** 5 s doubling per attempt up to 5 min, and never sooner than the provider's {@code Retry-After}. */
    static Duration backoff(int attempts, Duration retryAfter) {
        Duration d = Duration.ofSeconds(5L << Math.min(10, Math.max(0, attempts - 1)));
        if (d.compareTo(MAX_BACKOFF) > 0) {
            d = MAX_BACKOFF;
        }
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }
}
