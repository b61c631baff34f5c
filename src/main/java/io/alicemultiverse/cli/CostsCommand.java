package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Library;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.Costs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice costs}: the spend ledger of understanding runs. */
@Command(name = "costs", mixinStandardHelpOptions = true,
        description = "What understanding has cost, from the spend ledger in the catalog.")
final class CostsCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "day, provider, model or project (default: day).")
    String by;

    @Option(names = "--json", description = "Print {\"by\", \"rows\": [{KEY, images, tokens_in, tokens_out, cost_usd}], \"total_usd\"}.")
    boolean json;

    @Override
    public Integer call() {
        Costs.By group = Costs.By.parse(by);
        Config c = lib.resolve();
        PrintStream out = Output.out();
        Clock clock = Clock.systemDefaultZone();
        try (Library library = Library.openForDryRun(c.library(), Layout.of(c.layout()), clock)) {
            List<Map<String, Object>> rows = library.costs(group);
            double total = rows.stream().mapToDouble(r -> ((Number) r.get("cost_usd")).doubleValue()).sum();
            String key = group.name().toLowerCase(Locale.ROOT);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("by", key);
                m.put("rows", rows);
                m.put("total_usd", Math.round(total * 1e6) / 1e6);
                out.println(Output.json(m));
                return 0;
            }
            out.printf(Locale.ROOT, "%-32s %8s %12s %12s %12s%n", key, "images", "tokens in", "tokens out", "USD");
            for (Map<String, Object> r : rows) {
                out.printf(Locale.ROOT, "%-32s %8d %12d %12d %12.4f%n", r.get(key), r.get("images"),
                        r.get("tokens_in"), r.get("tokens_out"), ((Number) r.get("cost_usd")).doubleValue());
            }
            out.printf(Locale.ROOT, "%-32s %8s %12s %12s %12.4f%n", "total", "", "", "", total);
            return 0;
        }
    }
}
