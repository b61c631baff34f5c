package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Bounds;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.similar.DuplicateGroup;
import io.alicemultiverse.similar.DuplicateResolver;
import io.alicemultiverse.similar.KeepRule;
import io.alicemultiverse.similar.SimilarFinder;
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

/** {@code alice dedup}: groups of duplicates with a keeper each; resolves them with {@code --apply}. */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = "Find exact and near duplicates; with --apply, trash, hard-link or delete all but the keeper.")
final class DedupCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--max-distance", paramLabel = "N", description = "Largest perceptual-hash distance in bits for near duplicates: pHash, or a crop-tolerant zoom hash to pHash (default: ${DEFAULT-VALUE}).")
    int maxDistance = SimilarFinder.DEFAULT_MAX_DISTANCE;

    @Option(names = "--keep", paramLabel = "RULE", description = "best (default: intact file, in library, most pixels, richest metadata, lossless format, oldest), largest, richest, oldest, newest.")
    String keep = "best";

    @Option(names = "--apply", paramLabel = "ACTION", description = "trash, hardlink (exact duplicates only) or delete (needs --yes). Without it: a dry run.")
    String apply;

    @Option(names = "--yes", description = "Confirm --apply delete.")
    boolean yes;

    @Option(names = "--json", description = "JSON Lines: one group a line, then with --apply a summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KeepRule rule;
        DuplicateResolver.Action action = null;
        try {
            Bounds.maxDistance(maxDistance);
            rule = KeepRule.parse(keep);
            if (apply != null) {
                action = DuplicateResolver.Action.valueOf(apply.trim().toUpperCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            Output.error(apply != null && e.getMessage().contains("enum") ? "unknown --apply '" + apply
                    + "' (one of trash, hardlink, delete)" : e.getMessage());
            return 2;
        }
        if (action == DuplicateResolver.Action.DELETE && !yes) {
            Output.error("--apply delete removes files for good and cannot be undone; add --yes to confirm "
                    + "(or use --apply trash, which alice undo reverses)");
            return 2;
        }
        Config c = lib.resolve();
        PrintStream out = Output.out();
        Clock clock = Clock.systemDefaultZone();
        LibraryOptions.requireExisting(c);
        try (LibraryService library = LibraryOptions.open(c, Layout.of(c.layout()), action == null)) {
            if (action != null) {
                library.settle(); // a crash's leftovers first, so the groups are those on disk
            }
            HashProgress.hashPending(library);
            List<DuplicateGroup> groups = library.duplicates(maxDistance, rule);
            groups.forEach(g -> print(out, g));
            if (action == null) {
                if (!json) {
                    out.printf("%d groups; dry run (add --apply trash|hardlink|delete to act)%n", groups.size());
                }
                return 0;
            }
            DuplicateResolver.Result r = library.resolveDuplicates(groups, action, rule);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("applied", action.name().toLowerCase(Locale.ROOT));
                m.put("run", r.run());
                m.put("changed", r.changed());
                m.put("skipped", r.skipped());
                if (action == DuplicateResolver.Action.HARDLINK) {
                    m.put("trashed_instead", r.trashedInstead());
                }
                out.println(Output.json(m));
            } else if (r.run() == null) {
                out.println("no duplicate groups: nothing to " + action.name().toLowerCase(Locale.ROOT));
            } else {
                out.printf("%s: %d files in run %s (alice undo %s reverses it)%n", action.name().toLowerCase(Locale.ROOT),
                        r.changed(), r.run(), r.run());
                r.trashedInstead().forEach(s -> out.println("  trashed, not linked: " + TerminalText.line(s)));
                r.skipped().forEach(s -> out.println("  left alone: " + TerminalText.line(s)));
            }
            return r.skipped().isEmpty() ? 0 : 1;
        }
    }

    private void print(PrintStream out, DuplicateGroup g) {
        if (json) {
            out.println(Output.json(io.alicemultiverse.similar.DuplicateGroupJson.of(g)));
            return;
        }
        out.printf("group %d (%s) keep %s — %s%n", g.group(), g.kind().id(), TerminalText.line(g.keep().path()),
                g.reason());
        for (DuplicateGroup.Member x : g.others()) {
            out.printf("  %2d  %s%n", x.distance(), TerminalText.line(x.asset().path()));
        }
    }
}
