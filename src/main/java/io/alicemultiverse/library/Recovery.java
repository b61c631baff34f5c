package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.InboxFile;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles operations a crash interrupted: every journal line still {@code planned} is checked against the disk.
 * If the target holds the expected content the operation is completed (a moved source removed, the asset
 * catalogued) and marked {@code done}; otherwise nothing happened to the user's file and it is marked
 * {@code failed}, so the next run simply does it again. A dedup {@code trash-link} is judged by the member's
 * name: still its own bytes, the hard link never replaced it and the trash name is dropped. Leftover temporary
 * copies and links are removed (they are never the only copy of anything). Runs before any command that changes the library.
 */
public final class Recovery {
    private final Catalog catalog;
    private final FileAnalyzer analyzer;
    private final Path library;

    public Recovery(Catalog catalog, FileAnalyzer analyzer, Path library) {
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.library = library.toAbsolutePath().normalize();
    }

    /**
     * Returns how many interrupted operations were settled. On a shared catalog only runs whose lease has ended
     * are settled (a live machine's planned operations are its own to finish), each by one process.
     */
    public int reconcile() throws IOException {
        try (io.alicemultiverse.catalog.Journal.Interrupted interrupted = catalog.journal().interrupted()) {
            settleAll(interrupted.entries());
            clearTemporaryFiles();
            return interrupted.entries().size();
        }
    }

    private void settleAll(List<JournalEntry> pending) throws IOException {
        if (!pending.isEmpty()) {
            Map<String, RunInfo> runs = new HashMap<>();
            catalog.journal().runs().forEach(r -> runs.put(r.run(), r));
            Map<String, String> known = catalog.assetPaths();
            CatalogBatch batch = new CatalogBatch();
            List<JournalEntry> undone = new ArrayList<>();
            Map<String, String> finished = new HashMap<>(); // run → status, recorded once the batch is committed
            Map<String, Boolean> fileDone = new HashMap<>(); // run → whether its latest file line turned out done
            for (JournalEntry e : pending) { // by run and seq: a sidecar line follows its file's
                RunInfo run = runs.get(e.run());
                boolean undoing = run != null && "undo".equals(run.command());
                if (undoing) {
                    finished.put(e.run(), "interrupted");
                }
                boolean ok;
                if (Sidecars.isSidecar(e.operation())) {
                    ok = settleSidecar(e, fileDone.getOrDefault(e.run(), false), batch);
                } else {
                    ok = settle(e, run, known, batch);
                    fileDone.put(e.run(), ok);
                }
                if (ok && undoing) {
                    undone.add(e);
                }
            }
            markUndone(undone, runs, batch, finished);
            catalog.commit(batch);
            finished.forEach((run, status) -> catalog.journal().finishRun(run, status));
        }
    }

    /** Settles one operation; returns whether it turned out done. */
    private boolean settle(JournalEntry e, RunInfo run, Map<String, String> known, CatalogBatch batch)
            throws IOException {
        if (e.operation() == JournalOp.DELETE) { // dedup delete: done when the file is gone
            boolean gone = !SafeFiles.hasContent(Path.of(e.source()), e.contentHash());
            batch.journal(e.withState(gone ? JournalState.DONE : JournalState.FAILED));
            if (gone) {
                batch.remove(e.contentHash());
            }
            return gone;
        }
        if (e.operation() == JournalOp.TRASH_LINK) { // dedup hardlink, step 1: the member's bytes also in the trash
            return settleTrashLink(e, batch);
        }
        if (e.operation() == JournalOp.HARDLINK) { // the source is the keeper: never removed
            boolean linked = SafeFiles.hasContent(Path.of(e.target()), e.contentHash());
            batch.journal(e.withState(linked ? JournalState.DONE : JournalState.FAILED));
            return linked;
        }
        Path source = Path.of(e.source());
        Path target = Path.of(e.target());
        if (!SafeFiles.hasContent(target, e.contentHash())) {
            batch.journal(e.withState(JournalState.FAILED));
            return false;
        }
        boolean removesSource = e.operation() != JournalOp.COPY && !e.operation().equals(Sidecars.COPY);
        if (removesSource && SafeFiles.hasContent(source, e.contentHash())) {
            Files.delete(source);
            SafeFiles.fsyncDirectory(source.getParent());
        }
        batch.journal(e.withState(JournalState.DONE));
        switch (e.operation()) {
            case COPY, MOVE -> {
                if (known.containsKey(e.contentHash())) {
                    return true;
                }
                Analysis a = analyzer.analyze(target);
                if (!a.ok()) {
                    return true;
                }
                String rel = library.relativize(target).toString().replace('\\', '/');
                batch.add(AssetRecords.of(a, rel, e.source(), project(run, source), e.run(), LocalDateTime.now()));
                known.put(e.contentHash(), rel);
                if (e.operation() == JournalOp.COPY && Files.isRegularFile(source)) {
                    batch.inbox(new InboxFile(e.source(), a.bytes(), Files.getLastModifiedTime(source).toMillis(),
                            e.contentHash()));
                }
            }
            case DUPLICATE_MOVE -> batch.duplicate(new CatalogBatch.Duplicate(e.run(), e.source(), e.contentHash(),
                    known.get(e.contentHash()), library.relativize(target).toString()));
            case TRASH -> batch.remove(e.contentHash());
            case RESTORE -> {
                // as Undo does: a parked duplicate going back leaves its kept twin's row alone
                if (!e.source().contains("/.alice/duplicates/")) {
                    batch.remove(e.contentHash());
                }
            }
            case UNTRASH, UNHARDLINK -> {
                if (!known.containsKey(e.contentHash())) {
                    AssetRecord back = Undo.restoredRecord(analyzer, library, target, e.source(), e.run());
                    if (back != null) {
                        batch.add(back);
                        known.put(e.contentHash(), back.path());
                    }
                }
            }
            default -> { }
        }
        return true;
    }

    /**
     * An undo that was interrupted marks the operations it reversed {@code undone} only at its end; those its
     * restores settled here are marked now, with the {@code hardlink} step paired with each reversed
     * {@code trash-link}, so a later undo neither repeats them nor reports their files as missing. A run with
     * nothing left to undo gets the status {@code undone} in {@code finished}.
     */
    private void markUndone(List<JournalEntry> restores, Map<String, RunInfo> runs, CatalogBatch batch,
                            Map<String, String> finished) {
        Map<String, List<JournalEntry>> byRun = new HashMap<>();
        for (JournalEntry r : restores) {
            byRun.computeIfAbsent(runs.get(r.run()).mode(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<JournalEntry>> target : byRun.entrySet()) {
            List<JournalEntry> all = catalog.journal().entries(target.getKey()).stream()
                    .filter(x -> x.state() == JournalState.DONE).toList();
            // sidecars follow their files (Undo plans them from the file), so they count as reversed with them
            List<JournalEntry> done = all.stream().filter(x -> !Sidecars.isSidecar(x.operation())).toList();
            Set<JournalEntry> reversed = new HashSet<>();
            for (JournalEntry r : target.getValue()) {
                if (r.operation().equals(Sidecars.RESTORE)) { // the run's line that brought this sidecar here
                    all.stream().filter(x -> Sidecars.isSidecar(x.operation()) && r.source().equals(x.target()))
                            .forEach(x -> batch.journal(x.withState(JournalState.UNDONE)));
                    continue;
                }
                for (JournalEntry x : done) {
                    if (x.target() != null && x.target().equals(r.source()) && x.contentHash().equals(r.contentHash())) {
                        reversed.add(x);
                        if (x.operation() == JournalOp.TRASH_LINK) {
                            done.stream().filter(h -> h.operation() == JournalOp.HARDLINK && h.seq() == x.seq() + 1
                                    && x.source().equals(h.target())).forEach(reversed::add);
                        }
                    }
                }
            }
            reversed.forEach(x -> batch.journal(x.withState(JournalState.UNDONE)));
            if (!reversed.isEmpty() && reversed.size() == done.size()) {
                all.stream().filter(x -> Sidecars.isSidecar(x.operation()))
                        .forEach(x -> batch.journal(x.withState(JournalState.UNDONE)));
                finished.put(target.getKey(), "undone");
            }
        }
    }

    /**
     * The member's name still holding its own bytes means the rename to the keeper's link never happened: the
     * trash name is only a second one, so it is dropped and the step failed. Otherwise the link replaced the name
     * and the trash holds the member's bytes: done, and the member's row goes.
     */
    private static boolean settleTrashLink(JournalEntry e, CatalogBatch batch) throws IOException {
        Path member = Path.of(e.source());
        Path trash = Path.of(e.target());
        boolean trashed = SafeFiles.hasContent(trash, e.contentHash());
        if (trashed && SafeFiles.hasContent(member, e.contentHash())) {
            Files.delete(trash);
            SafeFiles.fsyncDirectory(trash.getParent());
            trashed = false;
        }
        batch.journal(e.withState(trashed ? JournalState.DONE : JournalState.FAILED));
        if (trashed) {
            batch.remove(e.contentHash());
        }
        return trashed;
    }

    /**
     * A sidecar goes where its file went: already there, done (the source removed unless copied); not yet, and its
     * file's line settled done, it is carried now; its file stayed, so does it (failed).
     */
    private boolean settleSidecar(JournalEntry e, boolean fileDone, CatalogBatch batch) {
        Path source = Path.of(e.source());
        try {
            if (SafeFiles.hasContent(Path.of(e.target()), e.contentHash())) {
                if (!e.operation().equals(Sidecars.COPY) && SafeFiles.hasContent(source, e.contentHash())) {
                    Files.delete(source);
                }
            } else if (fileDone && SafeFiles.hasContent(source, e.contentHash())) {
                Sidecars.carry(e, library.resolve(".alice/tmp/" + e.run() + "-" + e.seq() + ".part"));
            } else {
                batch.journal(e.withState(JournalState.FAILED));
                return false;
            }
            batch.journal(e.withState(JournalState.DONE));
            return true;
        } catch (IOException e2) {
            batch.journal(e.withState(JournalState.FAILED));
            return false;
        }
    }

    private static String project(RunInfo run, Path source) {
        if (run == null || run.inbox() == null) {
            return InboxScanner.LOOSE_PROJECT;
        }
        Path rel = Path.of(run.inbox()).relativize(source);
        return rel.getNameCount() > 1 ? rel.getName(0).toString() : InboxScanner.LOOSE_PROJECT;
    }

    private void clearTemporaryFiles() throws IOException {
        Path tmp = library.resolve(".alice/tmp");
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Map<String, List<Path>> byRun = new HashMap<>();
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp, "*.{part,link}")) {
            for (Path p : parts) {
                java.util.regex.Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                byRun.computeIfAbsent(m.matches() ? m.group(1) : "", k -> new ArrayList<>()).add(p);
            }
        }
        // a live run on another machine is writing its own: only an ended run's are leftovers
        Set<String> ended = catalog.journal().ended(byRun.keySet());
        for (Map.Entry<String, List<Path>> run : byRun.entrySet()) {
            if (ended.contains(run.getKey())) {
                for (Path p : run.getValue()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A temporary file's name: its run, then the operation's number ({@code 20261204-101500-3f9a0c1d-17.part}). */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("(.*)-\\d+\\.(part|link)");
}
