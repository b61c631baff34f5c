package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.search.SearchResult;
import io.alicemultiverse.understand.ImageInput;
import io.alicemultiverse.understand.ProviderSettings;
import io.alicemultiverse.understand.Providers;
import io.alicemultiverse.understand.Selection;
import io.alicemultiverse.understand.Sleeper;
import io.alicemultiverse.understand.UnderstandListener;
import io.alicemultiverse.understand.UnderstandPlan;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.understand.UnderstandSummary;
import io.alicemultiverse.understand.Understander;
import io.alicemultiverse.understand.VisionProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One {@code understand} request for {@link LibraryService}: resolves what it names, builds the provider and the
 * {@link Understander}, and then a dry run only plans; a paid run whose estimate is above {@code confirm_above_usd}
 * waits for confirmation; a run stores results and tells the search indexes which assets got one. One use.
 */
final class UnderstandRun {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Catalog catalog;
    private final Path root;
    private final Clock clock;
    private final Function<SearchQuery, SearchResult> search;
    private final BiConsumer<Long, Collection<String>> searchChanged;

    /**
     * @param search        runs a query (for {@code --query})
     * @param searchChanged tells the search indexes which assets changed since the given change counter
     */
    /** Hashes pictures organize left without perceptual hashes ({@code library.PendingHashes}). */
    private final java.util.function.Consumer<Collection<String>> hashPending;

    UnderstandRun(Catalog catalog, Path root, Clock clock, Function<SearchQuery, SearchResult> search,
                  BiConsumer<Long, Collection<String>> searchChanged,
                  java.util.function.Consumer<Collection<String>> hashPending) {
        this.hashPending = hashPending;
        this.catalog = catalog;
        this.root = root;
        this.clock = clock;
        this.search = search;
        this.searchChanged = searchChanged;
    }

    UnderstandOutcome run(UnderstandRequest request, UnderstandSettings configured, Map<String, String> env,
                          UnderstandListener listener) throws IOException, InterruptedException {
        String name = request.provider() != null ? request.provider()
                : configured.provider() != null ? configured.provider() : "local";
        UnderstandSettings settings = configured.forProvider(name);
        ProviderSettings ps = settings.provider(request.provider(), request.model(), request.baseUrl());
        // a named file that is not a readable image is an error for that file, told now; the others go on
        int[] unreadable = {0};
        List<ImageInput> images = selection(request, (file, why) -> {
            unreadable[0]++;
            listener.failed(new ImageInput(null, file, null, null), why);
        });
        VisionProvider provider = request.dryRun() ? Providers.planningOnly(ps) : Providers.create(ps, env);
        Understander.Options o = Understander.Options.defaults("u-" + LocalDateTime.now(clock).format(RUN_ID))
                .withBudget(request.budgetUsd()).withConcurrency(Math.max(1, settings.concurrency()))
                .withDailyMonthly(settings.dailyBudgetUsd(), settings.monthlyBudgetUsd())
                .withLimits(settings.limits());
        Understander understander = new Understander(catalog, provider, settings.priceTable(), o, clock,
                Sleeper.REAL, new Random()).withPendingHashes(hashPending);
        UnderstandPlan plan = understander.plan(images, request.shareNearDuplicates());
        if (request.dryRun()) {
            return new UnderstandOutcome(UnderstandOutcome.Status.PLANNED, plan, null, settings.confirmAboveUsd(),
                    unreadable[0]);
        }
        if (plan.paid() && plan.estimate().usd() > settings.confirmAboveUsd() && !request.confirmed()) {
            return new UnderstandOutcome(UnderstandOutcome.Status.NEEDS_CONFIRMATION, plan, null,
                    settings.confirmAboveUsd(), unreadable[0]);
        }
        listener.planned(plan);
        long before = catalog.changeCounter();
        StoredRecorder recorder = new StoredRecorder(listener);
        UnderstandSummary summary = understander.run(plan, recorder);
        if (!recorder.stored.isEmpty()) {
            // embeddings are made again lazily, by the next text query: loading the model here would cost seconds
            searchChanged.accept(before, recorder.stored);
        }
        UnderstandSummary s = summary;
        if (unreadable[0] > 0) { // counted as failed images, so the run's summary and exit status show them
            s = new UnderstandSummary(s.provider(), s.model(), s.selected() + unreadable[0], s.cached(), s.analysed(),
                    s.shared(), s.failed() + unreadable[0], s.skipped(), s.requests(), s.tokensIn(), s.tokensOut(),
                    s.costUsd(), s.stopReason(), s.seconds());
        }
        return new UnderstandOutcome(UnderstandOutcome.Status.RAN, plan, s, settings.confirmAboveUsd(), unreadable[0]);
    }

    /** The images a request names: files and folders, library paths and hashes, a query's matches, or all. */
    private List<ImageInput> selection(UnderstandRequest r, BiConsumer<Path, String> unreadable) throws IOException {
        if (r.all()) {
            return Selection.all(catalog, root);
        }
        List<Path> files = new ArrayList<>();
        Set<String> hashes = new LinkedHashSet<>();
        for (String t : r.targets()) {
            if (Files.exists(Path.of(t))) {
                files.add(Path.of(t));
                continue;
            }
            hashes.add(new AssetRefs(catalog, root).find(t).orElseThrow(() -> new IllegalArgumentException(
                    "no such file or folder, and no asset in the library is '" + t + "' (use " + AssetRefs.FORMS
                            + ")")));
        }
        if (r.query() != null) {
            search.apply(r.query()).hits().forEach(h -> hashes.add(h.contentHash()));
        }
        List<ImageInput> out = new ArrayList<>(Selection.of(catalog, root, files, unreadable));
        out.addAll(Selection.ofHashes(catalog, root, hashes));
        return out;
    }

    /** Passes everything on to the caller's listener and notes which assets got results. */
    private static final class StoredRecorder implements UnderstandListener {
        private final UnderstandListener to;
        private final Set<String> stored = new LinkedHashSet<>();

        StoredRecorder(UnderstandListener to) {
            this.to = to;
        }

        @Override
        public void planned(UnderstandPlan plan) {
            to.planned(plan);
        }

        @Override
        public void started(int toSend) {
            to.started(toSend);
        }

        @Override
        public void progressed(int done, int total) {
            to.progressed(done, total);
        }

        @Override
        public void failed(ImageInput image, String error) {
            to.failed(image, error);
        }

        @Override
        public void warning(String message) {
            to.warning(message);
        }

        @Override
        public void stored(List<String> contentHashes) {
            stored.addAll(contentHashes);
            to.stored(contentHashes);
        }
    }
}
