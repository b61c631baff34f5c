package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.Costs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice costs}: the spend ledger of understanding runs and video jobs. */
@Command(name = "costs", mixinStandardHelpOptions = true,
        description = "What understanding and video generation have cost, from the spend ledger in the catalog.")
final class CostsCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "day, provider, model or project (default: day).")
    String by;

    @Option(names = "--json", description = "Print {\"by\", \"rows\": [{KEY, images, failed, clips, seconds, "
            + "tokens_in, tokens_out, cost_usd}], \"total_usd\"}.")
    boolean json;

    @Override
    public Integer call() {
        Costs.By group = Costs.By.parse(by);
        Config c = lib.resolve();
        PrintStream out = Output.out();
        Clock clock = Clock.systemDefaultZone();
        LibraryOptions.requireExisting(c);
        try (LibraryService library = LibraryOptions.open(c, Layout.of(c.layout()), true)) {
            Costs.Report report = library.costs(group);
            if (json) {
                out.println(Output.json(report));
                return 0;
            }
            out.printf(Locale.ROOT, "%-32s %8s %8s %6s %8s %12s %12s %12s%n", report.by(), "images", "failed",
                    "clips", "seconds", "tokens in", "tokens out", "USD");
            for (Costs.Row r : report.rows()) {
                // a project is a folder name (or a video job's --project, which an MCP client may have chosen)
                out.printf(Locale.ROOT, "%-32s %8d %8d %6d %8.0f %12d %12d %12.4f%n", TerminalText.line(r.key()),
                        r.images(), r.failed(), r.clips(), r.seconds(), r.tokensIn(), r.tokensOut(), r.costUsd());
            }
            out.printf(Locale.ROOT, "%-32s %8s %8s %6s %8s %12s %12s %12.4f%n", "total", "", "", "", "", "", "",
                    report.totalUsd());
            return 0;
        }
    }
}
