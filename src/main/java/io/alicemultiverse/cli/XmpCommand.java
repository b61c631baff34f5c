package io.alicemultiverse.cli;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.xmp.XmpSidecars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code alice xmp write|read}: XMP sidecars beside library files, and tags edited in other tools read back. */
@Command(name = "xmp", mixinStandardHelpOptions = true, description = "XMP sidecars for photo managers.",
        subcommands = {XmpCommand.Write.class, XmpCommand.Read.class})
final class XmpCommand {

    abstract static class Selected {
        @Mixin
        LibraryOptions lib;

        @Parameters(arity = "0..*", paramLabel = "ASSET", description = "Library paths or content hashes.")
        List<String> assets = new ArrayList<>();

        @Option(names = "--query", paramLabel = "QUERY", converter = QueryText.class, description = "Every asset this search matches (up to "
                + SearchQuery.MAX_LIMIT + ").")
        String query;

        @Option(names = "--all", description = "Every catalogued asset (the default when nothing else is given).")
        boolean all;

        SearchQuery query(LibraryService library) {
            if ((query != null ? 1 : 0) + (assets.isEmpty() ? 0 : 1) + (all ? 1 : 0) > 1) {
                throw new IllegalArgumentException("give ASSETs, --query or --all, only one of them");
            }
            return query == null ? null : library.query(SearchRequest.selection(query, SearchQuery.MAX_LIMIT));
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Write <file>.xmp beside each selected library file (the file itself is never changed).")
    static final class Write extends Selected implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            try (LibraryService library = lib.existing()) {
                XmpSidecars.WriteResult r = library.writeSidecars(assets, query(library));
                r.errors().forEach(Output::error);
                Output.out().printf(Locale.ROOT, "%d sidecar%s written, %d unchanged, %d failed (%.2f s)%n",
                        r.written(), r.written() == 1 ? "" : "s", r.unchanged(), r.errors().size(), r.seconds());
                return r.errors().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Read the selected files' sidecars: keywords and ratings set in other tools become user tags.")
    static final class Read extends Selected implements Callable<Integer> {
        @Override
        public Integer call() {
            try (LibraryService library = lib.existing()) {
                XmpSidecars.ReadResult r = library.readSidecars(assets, query(library));
                r.errors().forEach(Output::error);
                Output.out().printf(Locale.ROOT, "%d sidecar%s read, %d user tag%s added on %d asset%s%n",
                        r.sidecars(), r.sidecars() == 1 ? "" : "s", r.tagsAdded(), r.tagsAdded() == 1 ? "" : "s",
                        r.changedAssets().size(), r.changedAssets().size() == 1 ? "" : "s");
                return r.errors().isEmpty() ? 0 : 1;
            }
        }
    }
}
