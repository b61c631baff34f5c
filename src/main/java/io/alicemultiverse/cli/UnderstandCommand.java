package io.alicemultiverse.cli;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.UnderstandConfig;
import io.alicemultiverse.app.UnderstandOutcome;
import io.alicemultiverse.app.UnderstandRequest;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.understand.ImageInput;
import io.alicemultiverse.understand.PriceTable;
import io.alicemultiverse.understand.UnderstandJson;
import io.alicemultiverse.understand.UnderstandListener;
import io.alicemultiverse.understand.UnderstandPlan;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.understand.UnderstandSummary;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice understand}: descriptions and tags from a vision model, or from the offline local analyzer. */
@Command(name = "understand", mixinStandardHelpOptions = true,
        description = "Describe and tag images with a vision model (default: the offline local analyzer). "
                + "Results are cached: an image is never sent twice to the same provider and model.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every image has a result", "1:some images failed (a named file that is not a readable "
                + "image too), were skipped by a budget, or the estimate needs --yes", "2:usage error"})
final class UnderstandCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Image files or folders, library paths or content hashes (or use --query or --all).")
    List<String> paths = List.of();

    @Option(names = "--query", paramLabel = "Q", converter = QueryText.class,
            description = "Every image this search matches (as alice search reads it: plain language, tag:x, project:x, …).")
    String query;

    @Option(names = "--all", description = "Every image in the library's catalog.")
    boolean all;

    @Option(names = "--provider", paramLabel = "P",
            description = "local, openai, anthropic, gemini, ollama or openai-compatible (default: configured, else local).")
    String provider;

    @Option(names = "--model", paramLabel = "M", description = "The model (default: the provider's).")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "Another server for the provider (a proxy, Ollama, any OpenAI-compatible one).")
    String baseUrl;

    @Option(names = "--budget", paramLabel = "USD", description = "Hard limit on what this run may spend.")
    Double budget;

    @Option(names = "--dry-run", description = "Print the estimate (images, requests, tokens, dollars) and change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Run even when the estimate is above the configured confirm_above_usd.")
    boolean yes;

    @Option(names = "--share-near-duplicates",
            description = "Analyse each group of near-duplicate images (by the catalog's perceptual hashes) once and share the result.")
    boolean shareNearDuplicates;

    @Option(names = "--json", description = "JSON Lines: a line per failed image, then the estimate or summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!all && paths.isEmpty() && query == null) {
            throw new IllegalArgumentException("name image files or folders, or use --query Q or --all");
        }
        Config c = lib.resolve();
        UnderstandSettings settings = UnderstandConfig.load(lib.config, CallerEnv.get());
        PrintStream out = Output.out();
        Clock clock = Clock.systemDefaultZone();
        try (LibraryService library = LibraryOptions.open(c, Layout.of(c.layout()), dryRun);
             Reporter reporter = new Reporter(out, json, budget)) {
            SearchQuery q = query == null ? null
                    : library.query(SearchRequest.selection(query, SearchQuery.MAX_LIMIT));
            UnderstandOutcome o = library.understand(new UnderstandRequest(paths.stream().map(CallerEnv::fileOrAsIs).toList(), q, all, provider, model, baseUrl,
                    budget, dryRun, yes, shareNearDuplicates), settings, CallerEnv.get(), reporter);
            switch (o.status()) {
                case PLANNED:
                    printPlan(o.plan(), out);
                    return o.unreadable() == 0 ? 0 : 1;
                case NEEDS_CONFIRMATION:
                    printPlan(o.plan(), out);
                    Output.error(String.format(Locale.ROOT, "the estimate $%.4f is above $%.2f (confirm_above_usd); "
                            + "run again with --yes", o.plan().estimate().usd(), o.confirmAboveUsd()));
                    return 1;
                default:
                    reporter.close();
                    UnderstandSummary s = o.summary();
                    printSummary(s, out);
                    return s.failed() == 0 && s.skipped() == 0 ? 0 : 1;
            }
        }
    }

    private void printPlan(UnderstandPlan plan, PrintStream out) {
        PriceTable.Estimate e = plan.estimate();
        if (json) {
            out.println(Output.json(UnderstandJson.Plan.of(plan, dryRun)));
        } else {
            out.printf(Locale.ROOT, "%s%s/%s: %d selected, %d cached, %d to send in %d requests, "
                            + "~%d tokens in, ~%d out, ~$%.4f%s%n", dryRun ? "dry run " : "", plan.provider(),
                    plan.model(), plan.selected(), plan.cached(), e.images(), e.requests(), e.tokensIn(),
                    e.tokensOut(), e.usd(), plan.paid() ? plan.priceListed() ? " (prices of " + PriceTable.AS_OF + ")"
                            : " (price assumed: model not in the price table)" : " (free)");
        }
    }

    private void printSummary(UnderstandSummary s, PrintStream out) {
        if (json) {
            out.println(Output.json(UnderstandJson.Summary.of(s)));
        } else {
            out.printf(Locale.ROOT, "%s/%s: %d analysed (%d shared), %d cached, %d failed, %d skipped; %d requests, "
                            + "%d tokens in, %d out, $%.4f in %.1f s%n", s.provider(), s.model(), s.analysed(),
                    s.shared(), s.cached(), s.failed(), s.skipped(), s.requests(), s.tokensIn(), s.tokensOut(), s.costUsd(),
                    s.seconds());
            if (s.stopReason() != null) {
                out.println("stopped: " + s.stopReason());
            }
        }
    }

    /** The estimate before a paid run, a progress bar on a terminal, failures and warnings as they come. */
    private static final class Reporter implements UnderstandListener, AutoCloseable {
        private final PrintStream out;
        private final boolean json;
        private final Double budget;
        private ProgressBar bar;

        Reporter(PrintStream out, boolean json, Double budget) {
            this.out = out;
            this.json = json;
            this.budget = budget;
        }

        @Override
        public void planned(UnderstandPlan plan) {
            if (plan.paid() && !json && !plan.toSend().isEmpty()) {
                PriceTable.Estimate e = plan.estimate();
                Output.err().printf(Locale.ROOT, "alice: estimate: %d images in %d requests, ~$%.4f%s%n", e.images(),
                        e.requests(), e.usd(), budget == null ? "" : String.format(Locale.ROOT, " (budget $%.4f)", budget));
            }
        }

        @Override
        public void started(int toSend) {
            if (!json && Output.isConsole() && toSend > 0) {
                bar = new ProgressBarBuilder().setTaskName("understand").setInitialMax(toSend)
                        .setUnit(" images", 1).setStyle(ProgressBarStyle.ASCII).showSpeed()
                        .setUpdateIntervalMillis(250).build();
            }
        }

        @Override
        public void progressed(int done, int total) {
            if (bar != null) {
                bar.stepTo(done);
            }
        }

        @Override
        public void failed(ImageInput image, String error) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", image.file().toString());
                m.put("error", error);
                out.println(Output.json(m));
            } else {
                Output.err().println("alice: " + TerminalText.line(image.file() + ": " + error));
            }
        }

        @Override
        public void warning(String message) {
            Output.err().println("alice: warning: " + message);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
