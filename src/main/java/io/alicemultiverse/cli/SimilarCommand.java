package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.SimilarRequest;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.similar.SimilarFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code alice similar FILE|HASH}: catalogued assets that look like a file or an asset. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "List catalogued assets that look like FILE (anywhere) or the asset with content hash HASH.")
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Parameters(paramLabel = "FILE|HASH", description = "A picture or video, or a content hash (at least 8 hex digits).")
    String query;

    @Option(names = "--max-distance", paramLabel = "N", description = "Largest perceptual-hash distance in bits: pHash, or a crop-tolerant zoom hash to pHash (default: ${DEFAULT-VALUE}).")
    int maxDistance = SimilarFinder.DEFAULT_MAX_DISTANCE;

    @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Option(names = "--json", description = "JSON Lines: {content_hash, path, distance}.")
    boolean json;

    @Override
    public Integer call() {
        SimilarRequest request;
        try {
            request = new SimilarRequest(CallerEnv.fileOrAsIs(query), maxDistance, limit);
        } catch (IllegalArgumentException e) {
            Output.error(e.getMessage());
            return 2;
        }
        Config c = lib.resolve();
        PrintStream out = Output.out();
        LibraryOptions.requireExisting(c);
        try (LibraryService library = LibraryOptions.open(c, Layout.of(c.layout()), true)) {
            HashProgress.hashPending(library);
            List<SimilarFinder.Match> matches;
            try {
                matches = library.similar(request);
            } catch (IllegalArgumentException e) {
                Output.error(e.getMessage());
                return 1;
            }
            for (SimilarFinder.Match m : matches) {
                if (json) {
                    out.println(Output.json(io.alicemultiverse.similar.SimilarMatchJson.of(m)));
                } else {
                    out.printf("%2d  %s%n", m.distance(), TerminalText.line(m.path()));
                }
            }
            if (!json && matches.isEmpty()) {
                out.println("nothing within distance " + maxDistance);
            }
            return 0;
        }
    }
}
