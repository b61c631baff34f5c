package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a run's files back where they came from. Each restore is journaled first (operation {@code restore},
 * source = the library file, target = its original place), then: if the original place already holds the same
 * content (a copy run), the library copy is removed; otherwise the file is moved back, never overwriting — a name
 * now taken by other content gets {@code (restored N)}. Files changed since the run are left alone and reported.
 * A file that cannot be moved back (something stands in the way) is reported and its line stays {@code done}, the
 * run undoable: undoing it again, once the way is clear, puts the rest back.
 * A dedup run reverses too: a trashed file ({@code trash}) comes back and is catalogued again ({@code untrash});
 * a duplicate replaced by a hard link to its keeper ({@code trash-link} + {@code hardlink}) gets its own bytes back
 * by one rename over the link ({@code unhardlink}); a {@code delete} cannot be undone.
 */
public final class Undo {
    private final Catalog catalog;
    private final FileAnalyzer analyzer;
    private final Path library;
    private final Clock clock;

    public Undo(Catalog catalog, FileAnalyzer analyzer, Path library, Clock clock) {
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.library = library.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Undoes {@code run}, or the latest run that changed files when null. */
    public UndoSummary undo(String run) throws IOException {
        try (Catalog.WriterLock lock = catalog.exclusiveWriter(null)) {
            return undoHoldingLock(run);
        }
    }

    private UndoSummary undoHoldingLock(String run) throws IOException {
        new Recovery(catalog, analyzer, library).reconcile();
        RunInfo target = pick(run);
        String undoRun = RunIds.next(clock);
        List<JournalEntry> done = new ArrayList<>(catalog.journal().entries(target.run()).stream()
                .filter(e -> e.state() == JournalState.DONE).toList());
        done.sort(Comparator.comparingInt(JournalEntry::seq).reversed());
        catalog.journal().startRun(new RunInfo(undoRun, "undo", target.run(), target.inbox(), LocalDateTime.now(clock), null,
                "running"));
        CrashPoints.step();
        List<JournalEntry> restores = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int seq = 0;
        Set<Path> freed = new java.util.HashSet<>(); // names whose hard link this undo removes before reusing them
        Set<String> trashLinked = new java.util.HashSet<>(); // names a trash-link step kept the bytes of
        done.stream().filter(e -> e.operation() == JournalOp.TRASH_LINK).forEach(e -> trashLinked.add(e.source()));
        Map<String, String> linkedTo = new HashMap<>(); // such a name → the keeper's content it now holds
        Map<String, String> sidecarFrom = new HashMap<>(); // a sidecar the run carried → where it came from
        done.stream().filter(e -> Sidecars.isSidecar(e.operation())).forEach(e -> sidecarFrom.put(e.target(), e.source()));
        Map<Integer, Integer> sidecarOwner = new HashMap<>(); // a sidecar's restore → its file's restore
        Map<Integer, JournalEntry> undoing = new HashMap<>(); // a restore → the run's line it reverses
        for (JournalEntry e : done) {
            if (Sidecars.isSidecar(e.operation())) {
                continue; // a sidecar follows its file, planned below from where the file's name is now
            }
            if (e.operation() == JournalOp.DELETE) {
                skipped.add(e.source() + ": deleted for good by dedup --apply delete; cannot be restored");
                continue;
            }
            if (e.operation() == JournalOp.HARDLINK && trashLinked.contains(e.target())) {
                linkedTo.put(e.target(), e.contentHash()); // undone by renaming the trashed bytes over the link
                continue;
            }
            Path inLibrary = Path.of(e.target());
            if (!SafeFiles.hasContent(inLibrary, e.contentHash())) {
                skipped.add(e.target() + ": missing or changed since the run; left alone");
                continue;
            }
            Path original = Path.of(e.source());
            String keeperHash = linkedTo.get(e.source());
            boolean overLink = keeperHash != null && SafeFiles.hasContent(original, keeperHash);
            JournalOp op = switch (e.operation()) {
                case TRASH -> JournalOp.UNTRASH;
                case TRASH_LINK -> overLink ? JournalOp.UNHARDLINK : JournalOp.UNTRASH;
                case HARDLINK -> JournalOp.UNLINK;
                default -> JournalOp.RESTORE;
            };
            Path back = op == JournalOp.UNLINK || overLink || freed.contains(original) ? original
                    : placeBack(original, e.contentHash());
            if (op == JournalOp.UNLINK) {
                freed.add(inLibrary);
            }
            restores.add(new JournalEntry(undoRun, ++seq, op, e.target(), back.toString(), e.contentHash(),
                    JournalState.PLANNED));
            undoing.put(seq, e);
            JournalEntry side = op == JournalOp.UNLINK ? null
                    : sidecarBack(undoRun, seq + 1, inLibrary, back, e, sidecarFrom.get(Sidecars.of(inLibrary).toString()));
            if (side != null) {
                restores.add(side);
                seq++;
                sidecarOwner.put(seq, seq - 1);
            }
        }
        catalog.journal().write(restores);
        CrashPoints.step();
        CatalogBatch batch = new CatalogBatch();
        Set<Path> dirs = new LinkedHashSet<>();
        int restored = 0;
        Set<Integer> movedBack = new java.util.HashSet<>(); // seqs of files this undo put back
        Set<JournalEntry> notReversed = new java.util.HashSet<>(); // the run's lines whose file could not go back
        for (JournalEntry r : restores) {
            Path from = Path.of(r.source());
            Path to = Path.of(r.target());
            if (r.operation() == Sidecars.RESTORE) {
                boolean moved = movedBack.contains(sidecarOwner.get(r.seq())) && sidecar(r, skipped);
                batch.journal(r.withState(moved ? JournalState.DONE : JournalState.FAILED));
                dirs.add(to.getParent());
                continue;
            }
            try {
                if (r.operation() == JournalOp.UNHARDLINK) {
                    replaceLink(from, to, r);
                } else if (SafeFiles.hasContent(to, r.contentHash())) {
                    Files.delete(from);
                } else {
                    SafeFiles.move(from, to, r.contentHash(),
                            library.resolve(".alice/tmp/" + r.run() + "-" + r.seq() + ".part"));
                }
                CrashPoints.step();
                dirs.add(from.getParent());
                dirs.add(to.getParent());
                batch.journal(r.withState(JournalState.DONE));
                movedBack.add(r.seq());
                if (r.operation() == JournalOp.UNTRASH || r.operation() == JournalOp.UNHARDLINK) {
                    AssetRecord back = restoredRecord(analyzer, library, to, r.source(), undoRun);
                    if (back != null) {
                        batch.add(back);
                    }
                } else if (r.operation() == JournalOp.RESTORE && !r.source().contains("/.alice/duplicates/")) {
                    batch.remove(r.contentHash());
                }
                restored++;
            } catch (IOException e) {
                batch.journal(r.withState(JournalState.FAILED));
                skipped.add(r.source() + ": " + e.getMessage());
                notReversed(undoing.get(r.seq()), done, notReversed);
            }
        }
        dirs.forEach(SafeFiles::fsyncDirectory);
        // a line whose file is still in the library stays done: once what stood in the way is gone, undoing the run
        // again puts it back (as after an interrupted undo)
        List<JournalEntry> reversed = done.stream().filter(e -> !notReversed.contains(e)).toList();
        for (JournalEntry e : reversed) {
            batch.journal(e.withState(JournalState.UNDONE));
        }
        catalog.commit(batch);
        CrashPoints.step();
        catalog.removeInboxFiles(reversed.stream().map(JournalEntry::source).toList());
        CrashPoints.step();
        catalog.journal().finishRun(undoRun, skipped.isEmpty() ? "done" : "partial");
        CrashPoints.step();
        if (notReversed.isEmpty()) {
            catalog.journal().finishRun(target.run(), "undone");
        }
        return new UndoSummary(target.run(), undoRun, restored, skipped);
    }

    /**
     * Records that the run's line {@code e} was not reversed, with what goes with it: the sidecar line that carried
     * its file's sidecar, and for a dedup {@code trash-link} the {@code hardlink} step in the same name.
     */
    private static void notReversed(JournalEntry e, List<JournalEntry> done, Set<JournalEntry> out) {
        out.add(e);
        String sidecar = e.target() == null ? null : Sidecars.of(Path.of(e.target())).toString();
        for (JournalEntry x : done) {
            if (Sidecars.isSidecar(x.operation()) && x.target() != null && x.target().equals(sidecar)
                    || e.operation() == JournalOp.TRASH_LINK && x.operation() == JournalOp.HARDLINK
                    && e.source().equals(x.target())) {
                out.add(x);
            }
        }
    }

    /**
     * The line that takes the sidecar beside {@code inLibrary} (if any) along with its file to {@code back}: to
     * where the run brought it from ({@code carriedFrom}), else beside the file's name; never over another file.
     * After a copy run the inbox keeps the original, so a library sidecar that is not that original's very bytes
     * (written or edited since) goes to this undo's trash instead of into the inbox.
     */
    private JournalEntry sidecarBack(String undoRun, int seq, Path inLibrary, Path back, JournalEntry e,
                                     String carriedFrom) throws IOException {
        Path side = Sidecars.of(inLibrary);
        if (!Files.isRegularFile(side, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String hash = SafeFiles.hash(side);
        Path dest = carriedFrom != null ? Path.of(carriedFrom) : Sidecars.of(back);
        if (e.operation() == JournalOp.COPY && !SafeFiles.hasContent(dest, hash)) {
            dest = TrashManifest.dir(library, undoRun).resolve(library.relativize(side));
        }
        return new JournalEntry(undoRun, seq, Sidecars.RESTORE, side.toString(), placeBack(dest, hash).toString(),
                hash, JournalState.PLANNED);
    }

    /** Carries out a sidecar's restore; false, with why in {@code skipped}, when it cannot be moved. */
    private boolean sidecar(JournalEntry r, List<String> skipped) {
        try {
            Sidecars.carry(r, library.resolve(".alice/tmp/" + r.run() + "-" + r.seq() + ".part"));
            CrashPoints.step();
            return true;
        } catch (IOException e) {
            skipped.add(r.source() + ": sidecar not moved back: " + e.getMessage());
            return false;
        }
    }

    /**
     * Puts trashed bytes back over the hard link dedup made in their name: one rename(2), so the name never goes
     * missing. Across filesystems (a trash on another mount) the link is removed first, then the bytes moved back.
     */
    private void replaceLink(Path trashed, Path name, JournalEntry r) throws IOException {
        try {
            Files.move(trashed, name, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(name);
            SafeFiles.move(trashed, name, r.contentHash(),
                    library.resolve(".alice/tmp/" + r.run() + "-" + r.seq() + ".part"));
        }
    }

    private RunInfo pick(String run) {
        List<RunInfo> runs = catalog.journal().runs();
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunInfo r = runs.get(i);
            boolean undoable = !"undo".equals(r.command()) && !"undone".equals(r.status());
            if (run == null && undoable && catalog.journal().entries(r.run()).stream().noneMatch(e -> e.state() == JournalState.DONE)) {
                continue; // nothing of this run is left to undo
            }
            if (run == null ? undoable : r.run().equals(run)) {
                if (!undoable) {
                    throw new IllegalArgumentException("run " + run + " cannot be undone (" + r.status() + ")");
                }
                return r;
            }
        }
        throw new IllegalArgumentException(run == null ? "no run to undo" : "no run " + run);
    }

    /**
     * The asset row of a file brought back from the dedup trash: re-analyzed (metadata, hashes, dates), with the
     * original path, project and organizing run its trash manifest kept. Null when the file cannot be analyzed.
     */
    static AssetRecord restoredRecord(FileAnalyzer analyzer, Path library, Path restored, String trashedFrom,
                                      String run) {
        Analysis a = analyzer.analyze(restored);
        if (!a.ok()) {
            return null;
        }
        java.util.Optional<TrashManifest.Item> item = TrashManifest.item(library, trashedFrom);
        String rel = library.relativize(restored).toString().replace('\\', '/');
        return AssetRecords.of(a, rel, item.map(TrashManifest.Item::originalPath).orElse(null),
                item.map(TrashManifest.Item::project).orElse(InboxScanner.LOOSE_PROJECT),
                item.map(TrashManifest.Item::organizedBy).orElse(run), LocalDateTime.now());
    }

    /** The original path, or a free "(restored N)" name beside it when other content took it. */
    private static Path placeBack(Path original, String contentHash) {
        if (!Files.exists(original) || SafeFiles.hasContent(original, contentHash)) {
            return original;
        }
        String name = original.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = original.resolveSibling(stem + " (restored " + n + ")" + ext);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }
}
