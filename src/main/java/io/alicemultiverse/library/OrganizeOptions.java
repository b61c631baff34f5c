package io.alicemultiverse.library;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * How to organize: where from and to, copy or move, dry run, the layout. Immutable.
 *
 * @param threads worker threads for reading and hashing (default: the number of cores)
 */
public record OrganizeOptions(Path inbox, Path library, boolean move, boolean dryRun, Layout layout,
                              Clock clock, ZoneId zone, int threads) {

    /** @throws IllegalArgumentException when the inbox is the library or inside it ({@link InboxRule}) */
    public OrganizeOptions {
        InboxRule.check(inbox, library);
    }

    public static OrganizeOptions of(Path inbox, Path library) {
        return new OrganizeOptions(inbox, library, false, false, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone(),
                ZoneId.systemDefault(), Runtime.getRuntime().availableProcessors());
    }

    public OrganizeOptions withMove(boolean m) {
        return new OrganizeOptions(inbox, library, m, dryRun, layout, clock, zone, threads);
    }

    public OrganizeOptions withDryRun(boolean d) {
        return new OrganizeOptions(inbox, library, move, d, layout, clock, zone, threads);
    }

    public OrganizeOptions withLayout(Layout l) {
        return new OrganizeOptions(inbox, library, move, dryRun, l, clock, zone, threads);
    }
}
