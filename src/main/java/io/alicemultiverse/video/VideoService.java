package io.alicemultiverse.video;

import io.alicemultiverse.catalog.Catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Video generation for one library, as every surface uses it: plan and submit requests (estimate, budgets and the
 * confirmation threshold checked before anything is recorded), list, show, cancel and retry jobs, and advance them
 * with the one {@link VideoScheduler}. Not thread-safe: the library's single writer uses it.
 */
public final class VideoService {
    private final Catalog catalog;
    private final VideoSettings settings;
    private final Map<String, String> env;
    private final VideoScheduler scheduler;
    private final Clock clock;
    private volatile boolean background;

    public VideoService(Catalog catalog, Path root, Filer filer, VideoSettings settings, Map<String, String> env,
                        Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.clock = clock;
        // one client per provider, model and base URL, shared by polling and delivery (an SDK client holds a pool)
        Map<String, VideoProvider> clients = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<VideoJob, VideoProvider> client = j -> clients.computeIfAbsent(
                j.provider() + "\u0000" + j.model() + "\u0000" + j.baseUrl(),
                k -> VideoProviders.of(j.provider()).client(j.model(), j.baseUrl(), this.env, clock));
        ClipDelivery delivery = new ClipDelivery(root, filer, client, maxClipBytes(this.env));
        this.scheduler = new VideoScheduler(new Jobs(catalog), client, delivery, clock, settings::cap);
    }

    /** {@code ALICE_VIDEO_MAX_CLIP_BYTES} lowers the ceiling of a downloaded clip (it never raises it). */
    static long maxClipBytes(Map<String, String> env) {
        String v = env.get("ALICE_VIDEO_MAX_CLIP_BYTES");
        try {
            long n = v == null ? Download.MAX_BYTES : Long.parseLong(v.strip());
            return n > 0 ? Math.min(n, Download.MAX_BYTES) : Download.MAX_BYTES;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ALICE_VIDEO_MAX_CLIP_BYTES is not a number of bytes: " + v);
        }
    }

    /**
     * The priced requests; {@code missingKeys} names what a real run would still need (a dry run's plan only: a
     * plan for sending fails on a missing key instead).
     */
    public record Plan(List<VideoRequest> requests, List<Double> estimates, double total, boolean unknownPrice,
                       List<String> missingKeys) {
    }

    /** Checks the requests (provider, key, model inputs) and prices them; sends and records nothing. */
    public Plan plan(List<VideoRequest> requests) {
        return plan(requests, true);
    }

    /**
     * Like {@link #plan(List)}; with {@code needKeys} false (a dry run: an estimate before any account exists), a
     * provider's missing API key is reported in {@link Plan#missingKeys} instead of failing.
     */
    public Plan plan(List<VideoRequest> requests, boolean needKeys) {
        List<Double> estimates = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        double total = 0;
        boolean unknown = false;
        for (VideoRequest r : requests) {
            VideoProviders p = VideoProviders.of(r.provider());
            p.validate(r);
            try {
                p.client(r.model(), null, env, Clock.systemUTC()); // fails now, not later, on a missing key
            } catch (IllegalArgumentException e) {
                if (needKeys || !p.keyMissing(env)) {
                    throw e;
                }
                if (!missing.contains(e.getMessage())) {
                    missing.add(e.getMessage());
                }
            }
            Optional<Double> e = settings.prices().estimate(r);
            estimates.add(e.orElse(null));
            total += e.orElse(0.0);
            unknown |= e.isEmpty();
        }
        return new Plan(List.copyOf(requests), estimates, Math.round(total * 1e4) / 1e4, unknown, List.copyOf(missing));
    }

    /**
     * Records the planned jobs (pending, before anything is sent) once the money checks pass.
     *
     * @param budgetUsd the most these jobs may cost together ({@code --budget}), null for no limit of its own
     * @param confirmed the user said yes ({@code --yes}) to a total above {@code confirm_above_usd} or unknown
     * @throws IllegalStateException when a budget would be passed or confirmation is needed (nothing is recorded)
     * @throws IllegalArgumentException when the budget is negative or not a number
     */
    public List<VideoJob> submit(Plan plan, String baseUrl, Double budgetUsd, boolean confirmed) {
        return submit(plan, baseUrl, budgetUsd, confirmed, "--budget");
    }

    /** {@link #submit(Plan, String, Double, boolean)}, naming the budget as the caller's surface spells it. */
    public List<VideoJob> submit(Plan plan, String baseUrl, Double budgetUsd, boolean confirmed, String budgetName) {
        String refused = refusal(plan, budgetUsd, confirmed, budgetName);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        List<VideoJob> out = new ArrayList<>();
        for (int i = 0; i < plan.requests().size(); i++) {
            out.add(scheduler.create(plan.requests().get(i), baseUrl, plan.estimates().get(i)));
        }
        return out;
    }

    /**
     * Why {@link #submit} would refuse {@code plan} (the budget, the daily or monthly limit, an unconfirmed estimate
     * above {@code confirm_above_usd}), or null when it would send it: a dry run asks this, and changes nothing.
     */
    public String refusal(Plan plan, Double budgetUsd, boolean confirmed) {
        return refusal(plan, budgetUsd, confirmed, "--budget");
    }

    /**
     * {@link #refusal(Plan, Double, boolean)}, naming the budget as the caller's surface spells it ({@code --budget}
     * on the command line, {@code budget_usd} for an MCP tool), so the message tells the reader what to change.
     */
    public String refusal(Plan plan, Double budgetUsd, boolean confirmed, String budgetName) {
        if (budgetUsd != null && !(budgetUsd >= 0)) { // NaN compares false with everything: it would pass any estimate
            throw new IllegalArgumentException("the budget must be a number of dollars ≥ 0, not " + budgetUsd);
        }
        if (budgetUsd != null && (plan.unknownPrice() || plan.total() > budgetUsd + 1e-9)) {
            return plan.unknownPrice()
                    ? "the price of a model is unknown, so " + budgetName + " " + usd(budgetUsd) + " cannot be checked"
                    : "the estimate " + usd(plan.total()) + " is above " + budgetName + " " + usd(budgetUsd);
        }
        String limit = overLimit(plan.total());
        if (limit != null) {
            return limit;
        }
        if (!confirmed && (plan.unknownPrice() || plan.total() > settings.confirmAboveUsd())) {
            return (plan.unknownPrice() ? "the price is not known"
                    : "the estimate " + usd(plan.total()) + " is above confirm_above_usd "
                    + usd(settings.confirmAboveUsd())) + "; pass --yes to generate";
        }
        return null;
    }

    /** The daily or monthly limit the estimate would pass, counting spend and what active jobs will cost. */
    private String overLimit(double estimate) {
        if (settings.dailyBudgetUsd() == null && settings.monthlyBudgetUsd() == null) {
            return null;
        }
        double committed = estimate;
        for (VideoJob j : scheduler.jobs().active()) {
            if (j.costUsd() == null && j.estimateUsd() != null) {
                committed += j.estimateUsd(); // reserved: will be billed when it finishes
            }
        }
        LocalDate today = LocalDate.now();
        double day = catalog.understanding().spentSince(today.atStartOfDay());
        double month = catalog.understanding().spentSince(LocalDateTime.of(today.withDayOfMonth(1),
                java.time.LocalTime.MIDNIGHT));
        if (settings.dailyBudgetUsd() != null && day + committed > settings.dailyBudgetUsd() + 1e-9) {
            return "the daily budget of " + usd(settings.dailyBudgetUsd()) + " would be passed (" + usd(day)
                    + " spent today)";
        }
        if (settings.monthlyBudgetUsd() != null && month + committed > settings.monthlyBudgetUsd() + 1e-9) {
            return "the monthly budget of " + usd(settings.monthlyBudgetUsd()) + " would be passed (" + usd(month)
                    + " spent this month)";
        }
        return null;
    }

    /** Its library closed, or a new service replaced it: its jobs leave the process's active-jobs gauge. */
    public void retire() {
        VideoMetrics.forget(scheduler);
    }

    public List<VideoJob> list(JobState state) {
        return scheduler.jobs().list(state);
    }

    /** The newest {@code limit} jobs (in {@code state} when not null), newest first. */
    public List<VideoJob> recent(JobState state, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<VideoJob> all = new ArrayList<>(list(state));
        java.util.Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** The job with this id (or unique id prefix), if there is one. */
    public Optional<VideoJob> find(String id) {
        return scheduler.jobs().find(id);
    }

    /** The job object of a live view (see {@link VideoJob#toJson(Instant)}) as of this service's clock. */
    public VideoJobJson json(VideoJob job) {
        return job.toJson(clock.instant());
    }

    public VideoJob status(String id) {
        return scheduler.jobs().find(id).orElseThrow(() -> new IllegalArgumentException("no video job " + id));
    }

    public VideoJob cancel(String id) {
        return scheduler.cancel(id);
    }

    public VideoJob retry(String id) {
        return scheduler.retry(id);
    }

    /** Does what is due; returns when the next job is due, null when none is active. */
    public Instant tick() {
        return scheduler.tick();
    }

    /**
     * Marks this service as advanced by a background loop of its owner ({@code serve}, {@code mcp}, a watch), so a
     * request need not tick first (see {@link #tickUnlessAdvanced}).
     */
    public void advancedInBackground() {
        this.background = true;
    }

    /**
     * What a surface does before answering about jobs: nothing when a background loop advances them (a web request
     * then never waits for polls or a clip's download), else {@link #tick()}, so a client that polls sees them move.
     */
    public void tickUnlessAdvanced() {
        if (!background) {
            tick();
        }
    }

    /** Waits between ticks; the real one sleeps, tests move a clock. */
    @FunctionalInterface
    public interface Pause {
        void until(Instant next) throws InterruptedException;
    }

    /**
     * Advances jobs until every one of {@code ids} (every active job when empty) has finished, telling
     * {@code onChange} each time one of them changes state. Returns them as they ended.
     */
    public List<VideoJob> waitFor(List<String> ids, java.util.function.Consumer<VideoJob> onChange, Pause pause)
            throws InterruptedException {
        Map<String, VideoJob> current = new java.util.LinkedHashMap<>();
        for (String id : ids.isEmpty() ? scheduler.jobs().active().stream().map(VideoJob::id).toList() : ids) {
            VideoJob j = status(id);
            current.put(j.id(), j);
        }
        Map<String, JobState> last = new java.util.HashMap<>();
        while (true) {
            // an owner's background loop advances its jobs: a command it runs for another process only watches them
            Instant next = background ? clock.instant().plusSeconds(1) : scheduler.tick();
            // what the tick saw is current (its own writes included): the catalog is asked only about a job the
            // tick did not look at — one another process advances, or one that just left the active states
            Map<String, VideoJob> others = null;
            boolean allDone = true;
            for (Map.Entry<String, VideoJob> e : current.entrySet()) {
                VideoJob j = e.getValue();
                if (j.state().active()) {
                    VideoJob seen = scheduler.seen(j.id());
                    if (seen == null) {
                        if (others == null) {
                            others = new java.util.HashMap<>();
                            for (VideoJob a : scheduler.jobs().active()) {
                                others.put(a.id(), a);
                            }
                        }
                        seen = others.get(j.id());
                    }
                    j = seen != null ? seen : status(j.id());
                    e.setValue(j);
                }
                if (last.put(j.id(), j.state()) != j.state()) {
                    onChange.accept(j);
                }
                allDone &= !j.state().active();
            }
            if (allDone || next == null) {
                return List.copyOf(current.values());
            }
            pause.until(next);
        }
    }

    public VideoScheduler scheduler() {
        return scheduler;
    }

    /** Dollars to the cent, or to a hundredth of a cent when cents would hide the difference ($3.1999). */
    static String usd(double v) {
        boolean cents = Math.abs(v * 100 - Math.rint(v * 100)) < 1e-6;
        return String.format(Locale.ROOT, cents ? "$%.2f" : "$%.4f", v);
    }
}
