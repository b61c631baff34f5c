package io.alicemultiverse.cli;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.timeline.TimelineBuilder;
import io.alicemultiverse.timeline.TimelineFormat;
import io.alicemultiverse.timeline.TimelineOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code alice timeline export}: catalogued clips and stills as an OTIO, FCPXML or EDL timeline. */
@Command(name = "timeline", mixinStandardHelpOptions = true, description = "Timelines for video editors.",
        subcommands = TimelineCommand.Export.class)
final class TimelineCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write clips and stills in order as OpenTimelineIO, FCPXML 1.9 or a CMX 3600 EDL.")
    static final class Export implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Parameters(arity = "0..*", paramLabel = "ASSET", description = "Library paths or content hashes, in timeline order.")
        List<String> assets = new ArrayList<>();

        @Option(names = "--query", paramLabel = "QUERY", converter = QueryText.class, description = "Every asset this search matches (best first).")
        String query;

        @Option(names = "--order", paramLabel = "ORDER",
                description = "created, search or manual (default: manual with ASSETs, search with --query, else created).")
        String order;

        @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "otio, fcpxml or edl.")
        String format;

        @Option(names = "--fps", paramLabel = "N", defaultValue = "24", description = "Frame rate, 1 to 60 (default: 24).")
        int fps;

        @Option(names = "--still-seconds", paramLabel = "S", defaultValue = "3",
                description = "How long a still is held (default: 3).")
        double stillSeconds;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "AliceMultiverse", description = "The timeline's name.")
        String name;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if present).")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (query != null && !assets.isEmpty()) {
                throw new IllegalArgumentException("give ASSETs or --query, not both");
            }
            TimelineFormat f = TimelineFormat.of(format);
            TimelineOrder o = order == null ? null : TimelineOrder.of(order);
            try (LibraryService library = lib.existing()) {
                SearchQuery q = query == null ? null
                        : library.query(SearchRequest.selection(query, TimelineBuilder.MAX_CLIPS));
                TimelineBuilder.Result r = library.timeline(assets, q, o, fps, stillSeconds, name);
                f.writeTo(output, r.timeline());
                r.warnings().forEach(w -> Output.error(w));
                Output.out().printf(Locale.ROOT, "%d clip%s, %.2f s at %d fps written to %s (%s)%n",
                        r.timeline().clips().size(), r.timeline().clips().size() == 1 ? "" : "s",
                        r.timeline().frames() / (double) fps, fps, output.toAbsolutePath(),
                        f.name().toLowerCase(Locale.ROOT));
                return 0;
            }
        }
    }
}
