package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetFile;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.InboxFile;
import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.catalog.RunInfo;
import io.alicemultiverse.media.Probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

// Over 400 lines: the organize pipeline (plan, read, place, record, put back) whose ordering is its crash-safety;
// split, its steps would have to share the run's state through parameters everywhere.
/**
 * Files an inbox into a library.
 *
 * <p>Design note. A run works in batches of {@link #BATCH} files:
 * <ol>
 *   <li>read: hash, metadata and perceptual hashes of the batch on all cores;</li>
 *   <li>plan, on this thread: duplicates (content already catalogued or seen earlier in the run) and target paths,
 *       numbering from the highest number present for the project and source, skipping names taken on disk;</li>
 *   <li>journal every planned operation in one catalog transaction — the write-ahead record;</li>
 *   <li>execute the file operations on an I/O pool ({@link SafeFiles}: never overwrite; a copy is written from the
 *       bytes step 1 read and hashed, or, past the memory budget, copied from the inbox and hashed again);</li>
 *   <li>fsync the touched directories, then commit assets, inbox state, duplicates and the journal's
 *       {@code done}/{@code failed} lines in one transaction.</li>
 * </ol>
 * A crash between 3 and 5 leaves {@code planned} lines that {@link Recovery} settles on the next run by looking at
 * the disk. The catalog has one writer: this thread. Not thread-safe; one run at a time per library.
 */
public final class Organizer {
    static final int BATCH = 256;
    /**
     * File bytes held in memory for writing copies, across the batch being written and the one being read: 256 MB, or
     * a quarter of the heap where that is less (a small machine's JVM), so two batches' arrays always fit beside the rest.
     */
    private static final long KEPT_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    private static final int IO_THREADS = 4;

    private final Catalog catalog;
    private final FileAnalyzer analyzer;
    private final OrganizeOptions options;
    private final OrganizeListener listener;
    private final Path library;
    private final Map<String, Integer> lastSeq = new HashMap<>();
    /** The numbering keys this batch handed numbers out under: only those move in the shared counter table. */
    private final Set<String> numbered = new java.util.HashSet<>();
    private final Set<String> plannedTargets = new HashSet<>();
    /** Memory for the bytes of the two batches in flight (see {@link #submitAll}). */
    private final ContentSlab[] slabs = {new ContentSlab(), new ContentSlab()};
    private int slabTurn;
    private volatile boolean stopRequested;
    /** Whether other processes may be organizing into this library at the same time (a shared catalog). */
    private boolean sharedPlanning;
    /** Contents another run has planned to file and not finished, as of this batch's planning turn. */
    private final Set<String> filingElsewhere = new HashSet<>();
    private java.util.function.Function<Path, io.alicemultiverse.metadata.Generation> provenance = p -> null;
    private UndoneFiles undone;

    public Organizer(Catalog catalog, FileAnalyzer analyzer, OrganizeOptions options, OrganizeListener listener) {
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.options = options;
        this.listener = listener;
        this.library = options.library().toAbsolutePath().normalize();
    }

    /**
     * Sets what a caller knows about how files were made better than their bytes say (a generated video's job: its
     * prompt, model, seed, maker): for a file it answers non-null for, that generation replaces the one read from
     * the file, so layout, catalog and search see it. Returns this organizer.
     */
    public Organizer withProvenance(java.util.function.Function<Path, io.alicemultiverse.metadata.Generation> p) {
        this.provenance = p;
        return this;
    }

    /**
     * Leaves in the inbox the files an undo put back there and that still hold what it restored (a watch's cycles:
     * the undo sticks); {@code undone} remembers across runs which files it has checked. Returns this organizer.
     */
    Organizer keepingUndone(UndoneFiles undone) {
        this.undone = undone;
        return this;
    }

    /** Asks a running {@link #run()} to stop after the current batch. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * One planned file operation; {@code libraryCopy} is, for a duplicate parked by a move, the library path of the
     * copy catalogued before this run, checked before the inbox file leaves (null when this run files that copy).
     */
    private record Planned(InboxScanner.Item item, Analysis analysis, JournalEntry entry, String relativeTarget,
                           String libraryCopy) {
        Planned(InboxScanner.Item item, Analysis analysis, JournalEntry entry, String relativeTarget) {
            this(item, analysis, entry, relativeTarget, null);
        }
    }

    public OrganizeSummary run() throws IOException {
        return run(item -> true);
    }

    /**
     * Organizes the inbox files {@code ready} accepts; the others are left for a later run (watch mode passes
     * files that are still being written).
     */
    public OrganizeSummary run(java.util.function.Predicate<InboxScanner.Item> ready) throws IOException {
        if (options.dryRun()) {
            return runHoldingLock(ready);
        }
        try (Catalog.WriterLock lock = catalog.concurrentWriter(listener::waiting)) {
            return runHoldingLock(ready);
        }
    }

    private boolean keptUndone(InboxScanner.Item item, Map<String, String> restored) {
        if (!undone.holds(item, restored)) {
            return false;
        }
        listener.noted(item.path().toString(), "put back by alice undo: left in the inbox while unchanged "
                + "(alice organize files it)");
        return true;
    }

    /** The run, with the library's writer lock held with other organize runs (see {@link Catalog#concurrentWriter}). */
    private OrganizeSummary runHoldingLock(java.util.function.Predicate<InboxScanner.Item> ready) throws IOException {
        long started = System.nanoTime();
        String run = RunIds.next(options.clock());
        if (!options.dryRun()) {
            new Recovery(catalog, analyzer, library).reconcile();
        }
        List<String> unlisted = new ArrayList<>();
        // read under the writer lock, which an undo also takes: a file it put back is never caught half-way
        Map<String, String> restored = undone == null ? Map.of() : catalog.journal().restoredByUndo();
        List<InboxScanner.Item> items = InboxScanner.scan(options.inbox(), library, (path, e) -> {
            unlisted.add(path.toString());
            listener.failed(path.toString(), "cannot be read (" + reason(e) + "); nothing in it was organized");
        }).stream().filter(i -> restored.isEmpty() || !keptUndone(i, restored)).filter(ready).toList();
        Map<String, InboxFile> seen = catalog.inboxFiles();
        Map<String, String> known = new HashMap<>(catalog.assetPaths());
        initialiseNumbering();
        sharedPlanning = catalog.shared() && !options.dryRun();
        listener.started(run, items.size());

        List<InboxScanner.Item> todo = new ArrayList<>();
        int unchanged = 0;
        int unnamed = 0;
        for (InboxScanner.Item item : items) {
            if (!InboxScanner.nameKept(item.path())) {
                // the catalog, the journal and undo know a file by its path as text: a name that text cannot spell
                // (not valid in the file-name encoding) would be put back, or found again, under another name
                unnamed++;
                listener.failed(item.path().toString(), "its name is not valid " + InboxScanner.NAME_ENCODING
                        + ", so alice could not find it again by name (undo, the next run); rename it");
                continue;
            }
            InboxFile s = seen.get(item.path().toString());
            if (s != null && s.bytes() == item.bytes() && s.mtime() == item.mtime() && known.containsKey(s.contentHash())
                    && !options.move()) {
                unchanged++;
            } else {
                // in move mode a file an earlier copy run filed is read again: a duplicate of its library copy, it
                // is parked as any duplicate is (reversibly), so the inbox empties as a move run promises
                todo.add(item);
            }
        }
        int done = unchanged + unnamed;
        listener.progressed(done, items.size());
        if (!options.dryRun() && !todo.isEmpty()) {
            catalog.journal().startRun(new RunInfo(run, "organize", options.move() ? "move" : "copy",
                    options.inbox().toAbsolutePath().toString(), LocalDateTime.now(options.clock()), null, "running"));
        }
        int organized = 0;
        int duplicates = 0;
        int errors = unnamed + unlisted.size();
        int seq = 0;
        int carried = 0;
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, options.threads()),
                DaemonThreads.named("organize-read"));
        ExecutorService writers = Executors.newFixedThreadPool(IO_THREADS, DaemonThreads.named("organize-io"));
        try {
            // reading the next batch overlaps this batch's file operations and catalog commit
            List<Future<Analysis>> ahead = todo.isEmpty() ? List.of() : submitAll(readers, todo.subList(0, Math.min(todo.size(), BATCH)));
            for (int from = 0; from < todo.size() && !stopRequested; from += BATCH) {
                List<InboxScanner.Item> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
                List<Analysis> analyses = awaitAll(ahead);
                int nextFrom = from + BATCH;
                ahead = nextFrom < todo.size() && !stopRequested
                        ? submitAll(readers, todo.subList(nextFrom, Math.min(todo.size(), nextFrom + BATCH))) : List.of();
                CatalogBatch out = new CatalogBatch();
                List<Planned> ops = new ArrayList<>();
                List<Carried> sidecars = new ArrayList<>();
                LocalDateTime now = LocalDateTime.now(options.clock());
                // on a shared catalog other machines organize meanwhile: each batch is planned and journaled in its
                // turn, from what they have placed, planned and numbered so far
                numbered.clear();
                Catalog.WriterLock turn = sharedPlanning ? planningTurn(analyses, known) : () -> { };
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        InboxScanner.Item item = batch.get(i);
                        Analysis a = provenanced(item, analyses.get(i));
                        if (!a.ok()) {
                            errors++;
                            OrganizeMetrics.file(null, "failed");
                            listener.failed(item.path().toString(), a.error());
                            continue;
                        }
                        if (a.inspection().width() == null && !a.inspection().format().isVideo()
                                && !a.inspection().warnings().isEmpty()) { // metadata read, image cut short
                            listener.noted(item.path().toString(), "damaged image, filed as it is: "
                                    + a.inspection().warnings().get(0));
                        }
                        String existing = known.get(a.contentHash());
                        if (existing == null && filingElsewhere.contains(a.contentHash())) {
                            // not a duplicate yet: that run may still fail, and then this file is the one to keep
                            listener.noted(item.path().toString(), "another run is filing the same content at this "
                                    + "moment; left in the inbox for the next run");
                            continue;
                        }
                        if (existing != null) {
                            duplicates++;
                            OrganizeMetrics.file(a.inspection().generation().source().id(), "duplicate");
                            if (options.move()) {
                                String rel = ".alice/duplicates/" + run + "/" + item.relative();
                                ops.add(new Planned(item, a, entry(run, ++seq, JournalOp.DUPLICATE_MOVE, item.path(), rel, a), rel,
                                        plannedTargets.contains(existing) ? null : existing));
                                listener.planned(item.path().toString(), rel, "duplicate-move");
                                seq = planSidecar(run, seq, ops.size() - 1, ops.get(ops.size() - 1), sidecars);
                            } else {
                                listener.planned(item.path().toString(), existing, "duplicate");
                                out.duplicate(new CatalogBatch.Duplicate(run, item.path().toString(), a.contentHash(), existing, null));
                                out.inbox(new InboxFile(item.path().toString(), a.bytes(), a.mtime(), a.contentHash()));
                            }
                            continue;
                        }
                        String rel = target(item, a);
                        known.put(a.contentHash(), rel);
                        JournalOp op = options.move() ? JournalOp.MOVE : JournalOp.COPY;
                        ops.add(new Planned(item, a, entry(run, ++seq, op, item.path(), rel, a), rel));
                        listener.planned(item.path().toString(), rel, op.id());
                        seq = planSidecar(run, seq, ops.size() - 1, ops.get(ops.size() - 1), sidecars);
                    }
                    if (options.dryRun()) {
                        organized += (int) ops.stream().filter(p -> p.entry().operation() != JournalOp.DUPLICATE_MOVE).count();
                        carried += sidecars.size(); // a dry run counts the sidecars it would carry
                        done += batch.size();
                        listener.progressed(done, items.size());
                        continue;
                    }
                    List<JournalEntry> planned = new ArrayList<>(ops.stream().map(Planned::entry).toList());
                    sidecars.forEach(c -> planned.add(c.entry()));
                    catalog.journal().write(planned);
                    if (sharedPlanning) {
                        Map<String, Integer> moved = new HashMap<>();
                        numbered.forEach(k -> moved.put(k, lastSeq.get(k)));
                        catalog.numbering().advance(moved);
                    }
                } finally {
                    turn.close();
                }
                List<String> failures = execute(writers, ops);
                int notCarried = carry(sidecars, failures, out);
                errors += notCarried;
                carried += (int) sidecars.stream().filter(c -> failures.get(c.owner()) == null).count() - notCarried;
                Set<Path> dirs = new LinkedHashSet<>();
                for (int i = 0; i < ops.size(); i++) {
                    Planned p = ops.get(i);
                    String failure = failures.get(i);
                    if (failure != null) {
                        errors++;
                        if (p.entry().operation() == JournalOp.DUPLICATE_MOVE) {
                            duplicates--; // counted once, as the error it became
                        }
                        OrganizeMetrics.file(p.analysis().inspection().generation().source().id(), "failed");
                        listener.failed(p.item().path().toString(), failure);
                        out.journal(p.entry().withState(JournalState.FAILED));
                        if (p.entry().operation() != JournalOp.DUPLICATE_MOVE) {
                            known.remove(p.analysis().contentHash());
                        }
                        continue;
                    }
                    dirs.add(library.resolve(p.relativeTarget()).getParent());
                    if (options.move()) {
                        dirs.add(p.item().path().getParent());
                    }
                    out.journal(p.entry().withState(JournalState.DONE));
                    if (p.entry().operation() == JournalOp.DUPLICATE_MOVE) {
                        out.duplicate(new CatalogBatch.Duplicate(run, p.item().path().toString(),
                                p.analysis().contentHash(), known.get(p.analysis().contentHash()), p.relativeTarget()));
                        continue;
                    }
                    organized++;
                    OrganizeMetrics.file(p.analysis().inspection().generation().source().id(), "organized");
                    out.add(AssetRecords.of(p.analysis(), p.relativeTarget(), p.item().path().toString(),
                            p.item().project(), run, now));
                    if (!options.move()) {
                        out.inbox(new InboxFile(p.item().path().toString(), p.analysis().bytes(), p.analysis().mtime(),
                                p.analysis().contentHash()));
                    }
                }
                dirs.forEach(SafeFiles::fsyncDirectory);
                try {
                    catalog.commit(out);
                } catch (RuntimeException e) {
                    throw putBack(ops, failures, sidecars, e);
                }
                done += batch.size();
                listener.progressed(done, items.size());
            }
        } finally {
            readers.shutdownNow();
            writers.shutdownNow();
        }
        if (!options.dryRun() && !todo.isEmpty()) {
            catalog.journal().finishRun(run, stopRequested ? "stopped" : "done");
        }
        for (Path stray : Sidecars.strays(options.inbox(), library)) {
            listener.noted(stray.toString(), "XMP sidecar without its file; left in the inbox");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!options.dryRun()) {
            OrganizeMetrics.run(java.time.Duration.ofNanos(System.nanoTime() - started), items.size());
        }
        return new OrganizeSummary(run, items.size(), organized, duplicates, unchanged, errors, seconds, options.dryRun(),
                carried);
    }

    private Analysis provenanced(InboxScanner.Item item, Analysis a) {
        io.alicemultiverse.metadata.Generation g = a.ok() ? provenance.apply(item.path()) : null;
        if (g == null) {
            return a;
        }
        io.alicemultiverse.metadata.Inspection i = a.inspection();
        io.alicemultiverse.metadata.Inspection known = new io.alicemultiverse.metadata.Inspection(i.path(), i.format(),
                i.width(), i.height(), g, Boolean.TRUE, i.raw(), i.c2pa(), i.video(), i.warnings(), i.error());
        return new Analysis(a.file(), a.bytes(), a.mtime(), a.contentHash(), known, a.createdAt(), a.dhash(),
                a.phash(), a.zhash(), a.colour(), a.error(), a.content());
    }

    /** A sidecar carried with the file of {@code ops}' entry {@code owner}. */
    private record Carried(JournalEntry entry, int owner) {
    }

    /** Plans carrying the sidecar that arrived with a planned file, if it has one; returns the last seq used. */
    private int planSidecar(String run, int seq, int owner, Planned file, List<Carried> out) {
        try {
            Path sidecar = Sidecars.beside(file.item().path());
            if (sidecar == null) {
                return seq;
            }
            JournalOp op = options.move() ? Sidecars.MOVE : Sidecars.COPY;
            Path target = Sidecars.of(library.resolve(file.relativeTarget()));
            out.add(new Carried(Sidecars.plan(run, seq + 1, op, sidecar, target), owner));
            listener.planned(sidecar.toString(), library.relativize(target).toString(), op.id());
            return seq + 1;
        } catch (IOException e) {
            listener.failed(file.item().path() + ".xmp", "its sidecar cannot be read: " + e.getMessage());
            return seq;
        }
    }

    /**
     * Carries the planned sidecars whose file was placed (the others stay in the inbox, their line failed);
     * returns how many could not be carried.
     */
    private int carry(List<Carried> sidecars, List<String> failures, CatalogBatch out) {
        int failed = 0;
        for (Carried c : sidecars) {
            if (failures.get(c.owner()) != null) {
                out.journal(c.entry().withState(JournalState.FAILED));
                continue;
            }
            try {
                Sidecars.carry(c.entry(), library.resolve(".alice/tmp/" + c.entry().run() + "-" + c.entry().seq()
                        + ".part"));
                out.journal(c.entry().withState(JournalState.DONE));
            } catch (IOException | RuntimeException e) {
                failed++;
                out.journal(c.entry().withState(JournalState.FAILED));
                listener.failed(c.entry().source(), "sidecar not carried: " + e.getMessage());
            }
        }
        return failed;
    }

    private JournalEntry entry(String run, int seq, JournalOp op, Path source, String relTarget, Analysis a) {
        return new JournalEntry(run, seq, op, source.toString(), library.resolve(relTarget).toString(),
                a.contentHash(), JournalState.PLANNED);
    }

    /**
     * Takes this run's turn to plan a batch on a shared catalog, and brings what it plans from up to date: the
     * contents other runs have placed since (so one content is stored once: this run records a duplicate), those
     * they are filing right now ({@link #filingElsewhere}) and the numbers they have handed out. Released once the
     * batch's plan is journaled.
     */
    private Catalog.WriterLock planningTurn(List<Analysis> analyses, Map<String, String> known) {
        Catalog.WriterLock turn = catalog.exclusive(Catalog.Activity.PLANNING, null);
        try {
            List<String> hashes = analyses.stream().filter(Analysis::ok).map(Analysis::contentHash).distinct().toList();
            io.alicemultiverse.catalog.Journal.Taken taken = catalog.journal().taken(hashes);
            taken.placed().forEach(known::putIfAbsent);
            filingElsewhere.clear();
            filingElsewhere.addAll(taken.planned());
            catalog.numbering().read().forEach((key, last) -> lastSeq.merge(key, last, Math::max));
            return turn;
        } catch (RuntimeException e) {
            turn.close();
            throw e;
        }
    }

    /** The next free library path for this file: numbered on from the highest present, never a taken name. */
    private String target(InboxScanner.Item item, Analysis a) {
        String source = a.inspection().generation().source().id();
        Layout.Values values = new Layout.Values(a.createdAt(), item.project(), source,
                a.inspection().generation().model(), stem(item.path()), a.contentHash(),
                Extensions.of(item.path(), a.inspection().format()));
        Layout layout = options.layout();
        String key = Layout.safe(item.project(), "uncategorized") + "/" + source;
        int seq = lastSeq.getOrDefault(key, 0);
        for (int attempt = 0; ; attempt++) {
            String rel;
            if (layout.numbered()) {
                seq++;
                rel = layout.render(values, seq);
            } else {
                rel = layout.render(values, 0);
                if (attempt > 0) {
                    int dot = rel.lastIndexOf('.');
                    rel = dot > rel.lastIndexOf('/') ? rel.substring(0, dot) + "-" + attempt + rel.substring(dot)
                            : rel + "-" + attempt;
                }
            }
            if (!plannedTargets.contains(rel) && !Probes.exists(library.resolve(rel))) {
                plannedTargets.add(rel);
                if (layout.numbered()) {
                    lastSeq.put(key, seq);
                    numbered.add(key);
                }
                return rel;
            }
        }
    }

    private void initialiseNumbering() {
        Layout layout = options.layout();
        if (!layout.numbered()) {
            return;
        }
        Map<String, java.util.regex.Pattern> patterns = new HashMap<>();
        for (AssetFile f : catalog.assetFiles()) {
            if (f.project() == null || f.source() == null) {
                continue;
            }
            String key = Layout.safe(f.project(), "uncategorized") + "/" + f.source();
            java.util.regex.Pattern p = patterns.computeIfAbsent(key,
                    k -> layout.seqPattern(f.project(), f.source()).orElse(null));
            if (p == null) {
                continue;
            }
            java.util.regex.Matcher m = p.matcher(f.path());
            if (m.matches()) {
                try {
                    lastSeq.merge(key, Integer.parseInt(m.group("seq")), Math::max);
                } catch (NumberFormatException ignored) {
                    // a number too large to continue from; the exists-check keeps us safe
                }
            }
        }
    }

    /**
     * Analyses a batch. In copy mode each file's bytes are kept (see {@link Analysis#content()}) while the batch's
     * share of {@link #KEPT_BYTES} lasts, so the copy is written from the memory that was hashed instead of being
     * copied from the inbox and hashed a second time.
     */
    private List<Future<Analysis>> submitAll(ExecutorService pool, List<InboxScanner.Item> batch) {
        // two batches are in flight, each in a slab of its own: the one being read and the one being written. The
        // slab this batch takes was last used by the batch before the one being written, whose files are all
        // written and catalogued by now (this is called once the previous batch's reads are awaited)
        ContentSlab slab = slabs[slabTurn++ % slabs.length];
        long budget = options.dryRun() || options.move() ? 0 : KEPT_BYTES / slabs.length;
        long kept = 0;
        for (InboxScanner.Item item : batch) {
            kept += item.bytes() <= budget - kept ? item.bytes() : 0;
        }
        slab.reset(kept, Math.max(kept, budget));
        List<Future<Analysis>> futures = new ArrayList<>();
        long left = budget;
        for (InboxScanner.Item item : batch) {
            ContentSlab.Slice room = item.bytes() <= left ? slab.slice(item.bytes()) : null;
            left -= room != null ? item.bytes() : 0;
            futures.add(pool.submit(() -> analyzer.analyze(item.path(), room)));
        }
        return futures;
    }

    private static List<Analysis> awaitAll(List<Future<Analysis>> futures) {
        List<Analysis> out = new ArrayList<>();
        for (Future<Analysis> f : futures) {
            out.add(await(f));
        }
        return out;
    }

    /** Runs the planned operations; the i-th answer is null on success or the reason it failed. */
    private List<String> execute(ExecutorService pool, List<Planned> ops) {
        List<Future<String>> futures = new ArrayList<>();
        for (Planned p : ops) {
            futures.add(pool.submit(() -> {
                Path source = p.item().path();
                Path target = library.resolve(p.relativeTarget());
                Path tmp = library.resolve(".alice/tmp/" + p.entry().run() + "-" + p.entry().seq() + ".part");
                try {
                    if (p.libraryCopy() != null
                            && !SafeFiles.hasContent(library.resolve(p.libraryCopy()), p.analysis().contentHash())) {
                        // the inbox file leaves only while the library holds its very bytes
                        return "already catalogued as " + p.libraryCopy() + ", but that file is missing or changed "
                                + "(see alice check); left in the inbox";
                    }
                    if (p.entry().operation() == JournalOp.COPY && p.analysis().content() != null) {
                        SafeFiles.write(p.analysis().content().buffer(), source, target, tmp);
                    } else if (p.entry().operation() == JournalOp.COPY) {
                        SafeFiles.copy(source, target, p.analysis().contentHash(), tmp);
                    } else {
                        SafeFiles.move(source, target, p.analysis().contentHash(), tmp, p.analysis().bytes(),
                                p.analysis().mtime());
                    }
                    return null;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    return "target name appeared meanwhile: " + e.getMessage();
                } catch (IOException | RuntimeException e) {
                    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }));
        }
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            out.add(await(f));
        }
        return out;
    }

    /**
     * The catalog could not record a batch whose files are already in place (a full disk, a read-only remount): puts
     * them back — a copy is removed (the inbox holds the original), a move goes back to its inbox name — so the
     * library and the catalog agree again and the journal's planned lines settle as not done. Files that cannot be
     * put back stay where they are, whole, for the next command's recovery to catalogue.
     */
    private IOException putBack(List<Planned> ops, List<String> failures, List<Carried> sidecars,
                                RuntimeException cause) {
        int back = 0;
        List<String> left = new ArrayList<>();
        for (Carried c : sidecars) {
            try {
                Sidecars.putBack(c.entry());
            } catch (IOException | RuntimeException e) {
                left.add(c.entry().target());
            }
        }
        for (int i = ops.size() - 1; i >= 0; i--) {
            Planned p = ops.get(i);
            if (failures.get(i) != null) {
                continue;
            }
            Path target = library.resolve(p.relativeTarget());
            Path source = p.item().path();
            try {
                if (p.entry().operation() == JournalOp.COPY) {
                    if (SafeFiles.hasContent(target, p.analysis().contentHash())) {
                        Files.delete(target);
                    }
                } else if (!Files.exists(source)) {
                    SafeFiles.move(target, source, p.analysis().contentHash(),
                            source.resolveSibling("." + source.getFileName() + ".alice-part"));
                }
                back++;
            } catch (IOException | RuntimeException e) {
                left.add(target.toString());
            }
        }
        return new IOException("the catalog could not record " + ops.size() + " files: " + cause.getMessage()
                + "; " + back + " were put back where they were" + (left.isEmpty() ? ""
                : ", " + left.size() + " stay in the library for the next run to catalogue: " + String.join(", ", left)),
                cause);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Why a file operation failed, in a few words ({@code permission denied}, not a class name). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String why = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
        return why != null ? why : e.getClass().getSimpleName();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
