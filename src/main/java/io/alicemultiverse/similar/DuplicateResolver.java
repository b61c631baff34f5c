package io.alicemultiverse.similar;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.library.RunIds;
import io.alicemultiverse.library.SafeFiles;
import io.alicemultiverse.library.Sidecars;
import io.alicemultiverse.library.TrashManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves duplicate groups on disk, journaled like organizing (a line {@code planned} before each operation,
 * {@code done} after) in a run with command {@code dedup}, so a crash is settled by {@code Recovery} and the run
 * is reversed by {@code alice undo}. The keeper is never touched; only regular files inside the library (outside
 * {@code .alice/}) whose bytes still match the catalog are acted on; the catalog follows each change.
 * <ul>
 *   <li>{@code trash}: every other member moves to {@code .alice/trash/<run>/<its library path>}, listed in the
 *       run's {@link TrashManifest}; its asset row is removed.</li>
 *   <li>{@code hardlink}: members of exact groups, and members of near groups holding the keeper's pixels; only
 *       those of the keeper's format whose decoded pixels equal
 *       the keeper's. Their bytes always differ from the keeper's (the catalog holds each content once), so a link
 *       is made only when nothing but the pixel encoding is lost: every piece of metadata the member carries (a
 *       PNG's non-pixel chunks, a JPEG's APPn/COM segments, a WebP's, GIF's or TIFF's own: {@link CarriedMetadata})
 *       is also in the keeper. A member
 *       with metadata of its own (or of another format) is trashed instead, as {@code trash} does, and named in
 *       {@link Result#trashedInstead}. Two journal lines are written first: {@code trash-link} (the member's bytes get a second name
 *       in the trash, so undo can bring them back) and {@code hardlink} (keeper → the member's name). Then the
 *       trash name is made, and a temporary link to the keeper is renamed over the member's name — one atomic
 *       rename(2), so at every instant the name holds either the member's bytes or the keeper's. Space is freed
 *       once the trash is emptied. A crash before the rename is rolled back by {@code Recovery} (the trash name is
 *       dropped), after it is completed.</li>
 *   <li>{@code delete}: every other member is removed for good (the caller asks for confirmation).</li>
 * </ul>
 * Not thread-safe: one caller, the catalog's single writer.
 */
public final class DuplicateResolver {
    /** What to do with the members that are not kept. */
    public enum Action { TRASH, HARDLINK, DELETE }

    /**
     * The outcome: the run (null when there was nothing to do), files acted on, files left alone (each with why),
     * and under {@code hardlink} the members trashed instead of linked (each with why).
     */
    public record Result(String run, int changed, List<String> skipped, List<String> trashedInstead) {
        public Result(String run, int changed, List<String> skipped) {
            this(run, changed, skipped, List.of());
        }
    }

    private final Catalog catalog;
    private final Path library;
    private final Clock clock;

    public DuplicateResolver(Catalog catalog, Path library, Clock clock) {
        this.catalog = catalog;
        this.library = library.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Acts on {@code groups}; none: nothing is done and no run is recorded ({@link Result#run} is null). */
    public Result apply(List<DuplicateGroup> groups, Action action, KeepRule rule) throws IOException {
        if (groups.isEmpty()) {
            return new Result(null, 0, List.of());
        }
        try (Catalog.WriterLock lock = catalog.exclusiveWriter(null)) {
            return applyHoldingLock(groups, action, rule);
        }
    }

    private Result applyHoldingLock(List<DuplicateGroup> groups, Action action, KeepRule rule) throws IOException {
        String run = RunIds.next(clock);
        List<String> skipped = new ArrayList<>();
        List<String> trashedInstead = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        for (DuplicateGroup g : groups) {
            Path keeper = file(g.keep());
            for (DuplicateGroup.Member m : g.others()) {
                String why = refusal(g, keeper, m, action);
                if (why != null) {
                    skipped.add(m.asset().path() + ": " + why);
                    continue;
                }
                Action act = action;
                if (action == Action.HARDLINK
                        && !CarriedMetadata.keeperHoldsAll(file(m.asset()), keeper, m.asset().format())) {
                    act = Action.TRASH;
                    trashedInstead.add(m.asset().path() + ": its bytes carry metadata the keeper lacks (a link "
                            + "would lose it); trashed instead");
                }
                plan.add(new Planned(g, m, file(m.asset()), keeper, act));
            }
        }
        catalog.journal().startRun(new RunInfo(run, "dedup", action.name().toLowerCase(), null, LocalDateTime.now(clock), null,
                "running"));
        if (action != Action.DELETE) {
            writeManifest(run, action, rule, plan);
        }
        int seq = 0;
        int changed = 0;
        Set<Path> dirs = new LinkedHashSet<>();
        for (Planned p : plan) {
            try {
                switch (p.action()) {
                    case TRASH -> seq = trash(run, seq + 1, p);
                    case HARDLINK -> seq = link(run, seq + 1, p);
                    case DELETE -> delete(run, ++seq, p);
                }
                dirs.add(p.file().getParent());
                changed++;
            } catch (IOException e) {
                skipped.add(p.member().asset().path() + ": " + e.getMessage());
            }
        }
        dirs.forEach(SafeFiles::fsyncDirectory);
        catalog.journal().finishRun(run, skipped.isEmpty() ? "done" : "partial");
        return new Result(run, changed, skipped, trashedInstead);
    }

    private record Planned(DuplicateGroup group, DuplicateGroup.Member member, Path file, Path keeper,
                           Action action) {
    }

    private Path file(DedupAsset a) {
        return library.resolve(a.path()).normalize();
    }

    /** Why a member must be left alone, or null when it may be acted on. */
    private String refusal(DuplicateGroup g, Path keeper, DuplicateGroup.Member m, Action action) {
        DedupAsset a = m.asset();
        Path f = file(a);
        if (!f.startsWith(library) || f.startsWith(library.resolve(".alice")) || !a.inLibrary() || !reallyInside(f)) {
            return "not inside the library; left alone";
        }
        if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !SafeFiles.hasContent(f, a.contentHash())) {
            return "missing or changed since it was catalogued; left alone";
        }
        if (action == Action.HARDLINK) {
            if (g.kind() != DuplicateGroup.Kind.EXACT && !m.samePixels()) {
                return "near duplicate; hardlink only replaces exact duplicates";
            }
            if (!a.format().equals(g.keep().format())) {
                return "exact duplicate in another format (" + a.format() + " vs " + g.keep().format()
                        + "); a link would change its type";
            }
            if (!samePixels(f, keeper)) {
                return "pixels differ from the keeper's; not linked";
            }
        }
        return null;
    }

    /** Whether {@code f}, symbolic links followed, still lies inside the library and outside {@code .alice}. */
    private boolean reallyInside(Path f) {
        try {
            Path root = library.toRealPath();
            Path real = f.getParent().toRealPath().resolve(f.getFileName());
            return real.startsWith(root) && !real.startsWith(root.resolve(".alice"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a member (and its sidecar) to the trash; returns the last seq used. */
    private int trash(String run, int seq, Planned p) throws IOException {
        Path to = trashPath(run, p.member().asset());
        String hash = p.member().asset().contentHash();
        JournalEntry e = new JournalEntry(run, seq, JournalOp.TRASH, p.file().toString(), to.toString(), hash,
                JournalState.PLANNED);
        JournalEntry side = sidecar(run, seq + 1, p.file(), to);
        catalog.journal().write(side == null ? List.of(e) : List.of(e, side));
        SafeFiles.move(p.file(), to, hash, tmp(run, seq));
        CatalogBatch done = new CatalogBatch().remove(hash).journal(e.withState(JournalState.DONE));
        carry(side, done);
        SafeFiles.fsyncDirectory(to.getParent());
        catalog.commit(done);
        return side == null ? seq : seq + 1;
    }

    /** The planned line taking {@code file}'s sidecar beside its trashed bytes at {@code trashed}, or null. */
    private static JournalEntry sidecar(String run, int seq, Path file, Path trashed) throws IOException {
        Path side = Sidecars.of(file);
        return Files.isRegularFile(side, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? Sidecars.plan(run, seq, Sidecars.TRASH, side, Sidecars.of(trashed)) : null;
    }

    /** Moves a sidecar after its file went; one that cannot go stays beside the name (its line failed). */
    private void carry(JournalEntry side, CatalogBatch batch) {
        if (side == null) {
            return;
        }
        try {
            Sidecars.carry(side, library.resolve(".alice/tmp/" + side.run() + "-" + side.seq() + ".part"));
            batch.journal(side.withState(JournalState.DONE));
        } catch (IOException e) {
            batch.journal(side.withState(JournalState.FAILED));
        }
    }

    /** Replaces a member by a hard link to its keeper, its bytes (and sidecar) kept in the trash; last seq used. */
    private int link(String run, int seq, Planned p) throws IOException {
        String hash = p.member().asset().contentHash();
        Path trash = trashPath(run, p.member().asset());
        JournalEntry copy = new JournalEntry(run, seq, JournalOp.TRASH_LINK, p.file().toString(), trash.toString(), hash,
                JournalState.PLANNED);
        JournalEntry link = new JournalEntry(run, seq + 1, JournalOp.HARDLINK, p.keeper().toString(), p.file().toString(),
                p.group().keep().contentHash(), JournalState.PLANNED);
        JournalEntry side = sidecar(run, seq + 2, p.file(), trash);
        catalog.journal().write(side == null ? List.of(copy, link) : List.of(copy, link, side));
        Path tmp = library.resolve(".alice/tmp/" + run + "-" + seq + ".link");
        try {
            SafeFiles.link(p.file(), trash, hash, tmp(run, seq));
            SafeFiles.fsyncDirectory(trash.getParent());
            io.alicemultiverse.media.Folders.create(tmp.getParent());
            Files.deleteIfExists(tmp);
            Files.createLink(tmp, p.keeper());
            Files.move(tmp, p.file(), StandardCopyOption.ATOMIC_MOVE); // replaces the name in one step
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (SafeFiles.hasContent(p.file(), hash) && SafeFiles.hasContent(trash, hash)) {
                Files.delete(trash); // the member is still in place: the trash name was only a second one
            }
            catalog.journal().write(side == null ? List.of(copy.withState(JournalState.FAILED), link.withState(JournalState.FAILED))
                    : List.of(copy.withState(JournalState.FAILED), link.withState(JournalState.FAILED), side.withState(JournalState.FAILED)));
            throw e;
        }
        CatalogBatch done = new CatalogBatch().remove(hash).journal(copy.withState(JournalState.DONE))
                .journal(link.withState(JournalState.DONE));
        carry(side, done);
        SafeFiles.fsyncDirectory(p.file().getParent());
        catalog.commit(done);
        return side == null ? seq + 1 : seq + 2;
    }

    private void delete(String run, int seq, Planned p) throws IOException {
        String hash = p.member().asset().contentHash();
        JournalEntry e = new JournalEntry(run, seq, JournalOp.DELETE, p.file().toString(), null, hash, JournalState.PLANNED);
        catalog.journal().write(List.of(e));
        Files.delete(p.file());
        catalog.commit(new CatalogBatch().remove(hash).journal(e.withState(JournalState.DONE)));
    }

    private Path trashPath(String run, DedupAsset a) {
        return TrashManifest.dir(library, run).resolve(a.path()).normalize();
    }

    private Path tmp(String run, int seq) {
        return library.resolve(".alice/tmp/" + run + "-" + seq + ".part");
    }

    private void writeManifest(String run, Action action, KeepRule rule, List<Planned> plan) throws IOException {
        List<TrashManifest.Item> items = new ArrayList<>();
        for (Planned p : plan) {
            DedupAsset a = p.member().asset();
            Map<String, Object> row = catalog.views().asset(a.contentHash()).orElse(Map.of());
            items.add(new TrashManifest.Item(a.path(), a.contentHash(), trashPath(run, a).toString(),
                    p.group().keep().path(), p.group().group(), p.group().kind().id(), p.member().distance(),
                    (String) row.get("original_path"), (String) row.get("project"), (String) row.get("run")));
        }
        TrashManifest.write(library, new TrashManifest.Manifest(run, action.name().toLowerCase(),
                rule.name().toLowerCase(), items));
    }

    /** Whether two image files decode to the same pixels (ImageIO; false when either cannot be decoded). */
    static boolean samePixels(Path a, Path b) {
        return Pixels.same(Pixels.decode(a), Pixels.decode(b));
    }
}
