package io.alicemultiverse.understand;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SpendEntry;
import io.alicemultiverse.catalog.UnderstandingRow;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs understanding over a set of images for one provider.
 *
 * <p>Design note. Results are cached in the catalog by (content hash, provider, model, instruction version):
 * {@link #plan} drops every image that already has one, so a re-run sends nothing for them and an interrupted run
 * resumes where it stopped (each request's results are committed as soon as it answers). Images go in requests of
 * up to the provider's batch size; up to {@code concurrency} requests run at once on worker threads, each through
 * {@link Resilience} (rate limits, breaker, retries). Before a request is sent its estimated cost is reserved in
 * the {@link Budget}; when it does not fit, no further request is sent and the rest is counted as skipped. All
 * catalog writes happen on the calling thread (the catalog has a single writer). Not thread-safe; one run at a time.
 */
public final class Understander {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Run options. Immutable; null budgets are absent. */
    public record Options(Double budgetUsd, Double dailyBudgetUsd, Double monthlyBudgetUsd, int concurrency,
                          ProviderLimits limits, String run) {
        public static Options defaults(String run) {
            return new Options(null, null, null, 4, ProviderLimits.defaults(), run);
        }

        public Options withBudget(Double usd) {
            return new Options(usd, dailyBudgetUsd, monthlyBudgetUsd, concurrency, limits, run);
        }

        public Options withConcurrency(int n) {
            return new Options(budgetUsd, dailyBudgetUsd, monthlyBudgetUsd, n, limits, run);
        }

        public Options withDailyMonthly(Double daily, Double monthly) {
            return new Options(budgetUsd, daily, monthly, concurrency, limits, run);
        }

        public Options withLimits(ProviderLimits l) {
            return new Options(budgetUsd, dailyBudgetUsd, monthlyBudgetUsd, concurrency, l, run);
        }
    }

    private final Catalog catalog;
    private final VisionProvider provider;
    private final PriceTable prices;
    private final Options options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;

    /** Hashes the given contents' pictures if they have no perceptual hashes yet; by default nothing is hashed. */
    private java.util.function.Consumer<java.util.Collection<String>> hashPending = hashes -> { };

    /**
     * Sets what hashes the images that organize left without perceptual hashes, before near duplicates are grouped
     * (an image without hashes stands alone); returns this understander.
     */
    public Understander withPendingHashes(java.util.function.Consumer<java.util.Collection<String>> hashPending) {
        this.hashPending = hashPending;
        return this;
    }

    public Understander(Catalog catalog, VisionProvider provider, PriceTable prices, Options options, Clock clock,
                        Sleeper sleeper, Random random) {
        this.catalog = catalog;
        this.provider = provider;
        this.prices = prices;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Which images need a request, and the estimate for them; reads the catalog only. */
    public UnderstandPlan plan(List<ImageInput> images) {
        return plan(images, false);
    }

    /**
     * As {@link #plan(List)}; with {@code shareNearDuplicates}, near-duplicate images (by the catalog's perceptual
     * hashes) are analysed once through a representative whose result they share.
     */
    public UnderstandPlan plan(List<ImageInput> images, boolean shareNearDuplicates) {
        List<String> hashes = images.stream().map(ImageInput::contentHash).toList();
        var done = catalog.understanding().understood(provider.name(), provider.model(), Instructions.VERSION, hashes);
        List<ImageInput> todo = new ArrayList<>();
        var seen = new java.util.HashSet<String>();
        for (ImageInput i : images) {
            if (!done.contains(i.contentHash()) && seen.add(i.contentHash())) {
                todo.add(i);
            }
        }
        Map<String, List<ImageInput>> shared = Map.of();
        if (shareNearDuplicates) {
            NearDuplicates.Groups g = NearDuplicates.of(catalog, todo, hashPending);
            todo = new ArrayList<>(g.representatives());
            shared = g.followers();
        }
        int requests = batches(todo, provider.maxImagesPerRequest(), workers()).size();
        PriceTable.Estimate e = provider.paid()
                ? prices.estimate(provider.name(), provider.model(), todo.size(), requests)
                : new PriceTable.Estimate(todo.size(), requests, 0, 0, 0);
        int cached = (int) images.stream().filter(i -> done.contains(i.contentHash())).count();
        return new UnderstandPlan(provider.name(), provider.model(), provider.paid(), images.size(), cached, todo,
                e, !provider.paid() || prices.listed(provider.name(), provider.model()), shared);
    }

    /** Sends what {@code plan} lists and stores the results. */
    public UnderstandSummary run(UnderstandPlan plan, UnderstandListener listener) throws InterruptedException {
        long start = System.nanoTime();
        LocalDateTime now = LocalDateTime.now(clock);
        Budget budget = provider.paid()
                ? new Budget(options.budgetUsd(), options.dailyBudgetUsd(), options.monthlyBudgetUsd(),
                catalog.understanding().spentSince(now.toLocalDate().atStartOfDay()),
                catalog.understanding().spentSince(now.toLocalDate().withDayOfMonth(1).atStartOfDay()))
                : new Budget(null, null, null, 0, 0);
        budget.drainWarnings().forEach(listener::warning);
        UnderstandMetrics.cache(plan.cached(), plan.toSend().size());
        Resilience resilience = new Resilience(provider.name(), options.limits(), clock, sleeper, random);
        int threads = workers();
        List<List<ImageInput>> batches = batches(plan.toSend(), provider.maxImagesPerRequest(), threads);
        int total = plan.toSend().size();
        listener.started(total);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "understand-" + provider.name());
            t.setDaemon(true);
            return t;
        });
        CompletionService<BatchResult> done = new ExecutorCompletionService<>(pool);
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        int next = 0;
        int inFlight = 0;
        int analysed = 0;
        int shared = 0;
        int failed = 0;
        int finished = 0;
        long tokensIn = 0;
        long tokensOut = 0;
        String stop = null;
        try {
            while (next < batches.size() || inFlight > 0) {
                while (stop == null && next < batches.size() && inFlight < threads) {
                    List<ImageInput> batch = batches.get(next);
                    PriceTable.Estimate e = prices.estimate(provider.name(), provider.model(), batch.size(), 1);
                    double reserve = provider.paid() ? e.usd() : 0;
                    if (!budget.reserve(reserve)) {
                        stop = budget.refusal(reserve);
                        break;
                    }
                    next++;
                    inFlight++;
                    long tokens = e.tokensIn() + e.tokensOut();
                    done.submit(() -> send(batch, reserve, tokens, resilience, requests));
                }
                if (inFlight == 0) {
                    break;
                }
                BatchResult r = take(done);
                inFlight--;
                double cost = provider.paid() ? prices.price(provider.name(), provider.model()).cost(r.usage) : 0;
                budget.settle(r.reserved, cost);
                budget.drainWarnings().forEach(listener::warning);
                tokensIn += r.usage.tokensIn();
                tokensOut += r.usage.tokensOut();
                int[] stored = store(r, cost, plan.sharedWith(), listener);
                analysed += stored[0];
                shared += stored[1];
                failed += stored[2];
                finished += r.batch.size();
                listener.progressed(finished, total);
            }
        } finally {
            pool.shutdownNow();
        }
        int skipped = total - finished;
        for (int i = next; i < batches.size(); i++) { // images that would have shared a skipped result
            for (ImageInput in : batches.get(i)) {
                skipped += plan.sharedWith().getOrDefault(in.contentHash(), List.of()).size();
            }
        }
        return new UnderstandSummary(provider.name(), provider.model(), plan.selected(), plan.cached(), analysed,
                shared, failed, skipped, requests.get(), tokensIn, tokensOut, budget.spent(), stop,
                (System.nanoTime() - start) / 1e9);
    }

    /** Requests at once for a paid provider; for a free (local) one, no more workers than cores. */
    private int workers() {
        return Math.max(1, provider.paid() ? options.concurrency()
                : Math.min(options.concurrency(), Runtime.getRuntime().availableProcessors()));
    }

    private record BatchResult(List<ImageInput> batch, List<Reply.Outcome> outcomes, Usage usage, double reserved) {
    }

    private BatchResult send(List<ImageInput> batch, double reserved, long tokens, Resilience resilience,
                             java.util.concurrent.atomic.AtomicInteger requests) throws InterruptedException {
        try {
            Reply reply = resilience.call(tokens, () -> {
                requests.incrementAndGet();
                UnderstandMetrics.call(provider.name());
                return provider.analyse(batch);
            });
            if (reply.outcomes().size() != batch.size()) {
                return failedBatch(batch, provider.name() + " answered " + reply.outcomes().size()
                        + " results for " + batch.size() + " images", reply.usage(), reserved);
            }
            return new BatchResult(batch, reply.outcomes(), reply.usage(), reserved);
        } catch (ProviderException e) {
            return failedBatch(batch, e.getMessage(), Usage.NONE, reserved);
        } catch (RuntimeException e) {
            // a provider must not throw anything else; if one does, it fails these images, not the run
            return failedBatch(batch, provider.name() + " failed (" + e.getClass().getSimpleName() + ")",
                    Usage.NONE, reserved);
        }
    }

    private static BatchResult failedBatch(List<ImageInput> batch, String error, Usage usage, double reserved) {
        return new BatchResult(batch, batch.stream().map(i -> Reply.Outcome.failed(error)).toList(), usage, reserved);
    }

    private static BatchResult take(CompletionService<BatchResult> done) throws InterruptedException {
        try {
            Future<BatchResult> f = done.take();
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("understanding worker failed", e.getCause());
        }
    }

    /**
     * Stores a request's results (and copies for the near duplicates they speak for) and its spend lines in one
     * transaction; returns {stored, of those shared, failed}.
     */
    private int[] store(BatchResult r, double cost, Map<String, List<ImageInput>> sharedWith,
                        UnderstandListener listener) {
        int shared = 0;
        int failed = 0;
        LocalDateTime now = LocalDateTime.now(clock);
        List<UnderstandingRow> rows = new ArrayList<>();
        List<SpendEntry> spend = new ArrayList<>();
        int n = r.batch.size();
        for (int i = 0; i < n; i++) {
            ImageInput in = r.batch.get(i);
            Reply.Outcome o = r.outcomes.get(i);
            if (o.result() != null) {
                Understanding u = o.result();
                List<AssetRecord.Tag> tags = u.flatTags().stream()
                        .map(t -> new AssetRecord.Tag(t.getKey(), t.getValue(), "understanding", null)).toList();
                rows.add(new UnderstandingRow(in.contentHash(), provider.name(), provider.model(),
                        Instructions.VERSION, u.description(), tagsJson(u), u.prompt(), u.negative(), now, tags));
                for (ImageInput f : sharedWith.getOrDefault(in.contentHash(), List.of())) {
                    rows.add(new UnderstandingRow(f.contentHash(), provider.name(), provider.model(),
                            Instructions.VERSION, u.description(), tagsJson(u), u.prompt(), u.negative(), now, tags));
                    shared++;
                }
            } else {
                listener.failed(in, o.error());
                failed++;
                for (ImageInput f : sharedWith.getOrDefault(in.contentHash(), List.of())) {
                    listener.failed(f, "its near-duplicate representative failed: " + o.error());
                    failed++;
                }
            }
            if (provider.paid() && (r.usage.tokensIn() > 0 || r.usage.tokensOut() > 0)) {
                // a request's tokens and cost shared evenly by its images, remainder on the first
                long tin = r.usage.tokensIn() / n + (i == 0 ? r.usage.tokensIn() % n : 0);
                long tout = r.usage.tokensOut() / n + (i == 0 ? r.usage.tokensOut() % n : 0);
                spend.add(new SpendEntry(now, provider.name(), provider.model(), tin, tout, cost / n,
                        in.contentHash(), options.run(), in.project()));
            }
        }
        catalog.understanding().saveUnderstanding(rows, spend);
        if (!rows.isEmpty()) {
            listener.stored(rows.stream().map(UnderstandingRow::contentHash).toList());
        }
        return new int[]{rows.size(), shared, failed};
    }

    static String tagsJson(Understanding u) {
        ObjectNode o = JSON.createObjectNode();
        u.tags().forEach((k, v) -> v.forEach(o.withArray(k)::add));
        if (!u.measures().isEmpty()) {
            ObjectNode m = o.putObject("measures");
            u.measures().forEach(m::put);
        }
        return o.toString();
    }

    /**
     * Requests of at most {@code max} images, but at least {@code concurrency} requests when there are that many
     * images, sized evenly: a small run then uses every worker at once (latency) while a large one fills each
     * request (fewer shared instructions to pay for).
     */
    static List<List<ImageInput>> batches(List<ImageInput> images, int max, int concurrency) {
        int n = images.size();
        int requests = Math.max((n + max - 1) / max, Math.min(Math.max(1, concurrency), n));
        int size = requests == 0 ? 1 : (n + requests - 1) / requests;
        List<List<ImageInput>> out = new ArrayList<>();
        for (int i = 0; i < n; i += size) {
            out.add(images.subList(i, Math.min(n, i + size)));
        }
        return out;
    }
}
