package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Library;
import io.alicemultiverse.app.UnderstandConfig;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.ImageInput;
import io.alicemultiverse.understand.PriceTable;
import io.alicemultiverse.understand.ProviderSettings;
import io.alicemultiverse.understand.Providers;
import io.alicemultiverse.understand.UnderstandListener;
import io.alicemultiverse.understand.UnderstandPlan;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.understand.UnderstandSummary;
import io.alicemultiverse.understand.Understander;
import io.alicemultiverse.understand.VisionProvider;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
        exitCodeList = {"0:every image has a result", "1:some images failed, were skipped by a budget, or the "
                + "estimate needs --yes", "2:usage error"})
final class UnderstandCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Image files or folders (or use --all).")
    List<Path> paths = List.of();

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
        if (!all && paths.isEmpty()) {
            throw new IllegalArgumentException("name image files or folders, or use --all");
        }
        if (budget != null && budget < 0) {
            throw new IllegalArgumentException("--budget must be ≥ 0: " + budget);
        }
        Config c = lib.resolve();
        UnderstandSettings configured = UnderstandConfig.load(lib.config, System.getenv());
        String providerName = provider != null ? provider : configured.provider() != null ? configured.provider() : "local";
        UnderstandSettings settings = configured.forProvider(providerName);
        ProviderSettings ps = settings.provider(provider, model, baseUrl);
        PrintStream out = Output.out();
        Clock clock = Clock.systemDefaultZone();
        try (Library library = dryRun ? Library.openForDryRun(c.library(), Layout.of(c.layout()), clock)
                : Library.open(c.library(), Layout.of(c.layout()), clock)) {
            List<ImageInput> images = library.understandSelection(paths, all);
            VisionProvider p = dryRun ? Providers.planningOnly(ps) : Providers.create(ps, System.getenv());
            String run = "u-" + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Understander understander = library.understander(p, settings, budget, run);
            UnderstandPlan plan = understander.plan(images, shareNearDuplicates);
            if (dryRun) {
                printPlan(plan, out);
                return 0;
            }
            if (plan.paid() && plan.estimate().usd() > settings.confirmAboveUsd() && !yes) {
                printPlan(plan, out);
                Output.error(String.format(Locale.ROOT, "the estimate $%.4f is above $%.2f (confirm_above_usd); "
                        + "run again with --yes", plan.estimate().usd(), settings.confirmAboveUsd()));
                return 1;
            }
            if (plan.paid() && !json && !plan.toSend().isEmpty()) {
                PriceTable.Estimate e = plan.estimate();
                Output.err().printf(Locale.ROOT, "alice: estimate: %d images in %d requests, ~$%.4f%s%n", e.images(),
                        e.requests(), e.usd(), budget == null ? "" : String.format(Locale.ROOT, " (budget $%.4f)", budget));
            }
            try (Reporter reporter = new Reporter(out, json)) {
                UnderstandSummary s = understander.run(plan, reporter);
                reporter.close();
                printSummary(s, out);
                return s.failed() == 0 && s.skipped() == 0 ? 0 : 1;
            }
        }
    }

    private void printPlan(UnderstandPlan plan, PrintStream out) {
        PriceTable.Estimate e = plan.estimate();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", dryRun);
            m.put("provider", plan.provider());
            m.put("model", plan.model());
            m.put("selected", plan.selected());
            m.put("cached", plan.cached());
            m.put("shared", plan.shared());
            m.put("images", e.images());
            m.put("requests", e.requests());
            m.put("tokens_in", e.tokensIn());
            m.put("tokens_out", e.tokensOut());
            m.put("estimated_usd", Math.round(e.usd() * 1e6) / 1e6);
            m.put("prices_as_of", plan.priceListed() ? PriceTable.AS_OF : "assumed (model not in the price table)");
            out.println(Output.json(m));
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
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", s.provider());
            m.put("model", s.model());
            m.put("selected", s.selected());
            m.put("cached", s.cached());
            m.put("analysed", s.analysed());
            m.put("shared", s.shared());
            m.put("failed", s.failed());
            m.put("skipped", s.skipped());
            m.put("requests", s.requests());
            m.put("tokens_in", s.tokensIn());
            m.put("tokens_out", s.tokensOut());
            m.put("cost_usd", Math.round(s.costUsd() * 1e6) / 1e6);
            m.put("stopped", s.stopReason());
            m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
            out.println(Output.json(m));
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

    /** Progress bar on a terminal, failures and warnings as they come. */
    private static final class Reporter implements UnderstandListener, AutoCloseable {
        private final PrintStream out;
        private final boolean json;
        private ProgressBar bar;

        Reporter(PrintStream out, boolean json) {
            this.out = out;
            this.json = json;
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
                Output.err().println("alice: " + image.file() + ": " + error);
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
