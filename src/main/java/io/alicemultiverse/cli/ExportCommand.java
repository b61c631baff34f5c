package io.alicemultiverse.cli;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.catalog.OpenData;
import io.alicemultiverse.export.CatalogExport;
import io.alicemultiverse.search.SearchQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice export}: the catalog rows as Parquet, CSV or JSON Lines. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the catalog (assets, tags, understanding, costs) as open data.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet, csv or jsonl (default: parquet).")
    String format;

    @Option(names = "--query", paramLabel = "QUERY", converter = QueryText.class,
            description = "Only the assets this search matches (up to " + SearchQuery.MAX_LIMIT + "), as alice search reads it.")
    String query;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if present).")
    Path output;

    @Option(names = "--json", description = "Print {\"file\", \"format\", \"rows\", \"bytes\", \"seconds\"}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        OpenData.Format f = OpenData.Format.of(format);
        try (LibraryService library = lib.existing()) {
            SearchQuery q = query == null ? null
                    : library.query(SearchRequest.selection(query, SearchQuery.MAX_LIMIT));
            CatalogExport.Result r = library.export(output, f, q);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file().toString());
                m.put("format", r.format().name().toLowerCase(Locale.ROOT));
                m.put("rows", r.rows());
                m.put("bytes", r.bytes());
                m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                Output.out().println(Output.json(m));
            } else {
                Output.out().printf(Locale.ROOT, "%d asset%s written to %s (%s, %d bytes, %.2f s)%n", r.rows(),
                        r.rows() == 1 ? "" : "s", r.file(), r.format().name().toLowerCase(Locale.ROOT), r.bytes(),
                        r.seconds());
            }
            return 0;
        }
    }
}
