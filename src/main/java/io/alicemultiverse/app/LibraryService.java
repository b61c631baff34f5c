package io.alicemultiverse.app;

import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.library.CheckReport;
import io.alicemultiverse.library.FileAnalyzer;
import io.alicemultiverse.library.IndexRebuild;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.LibraryCheck;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.library.OrganizeOptions;
import io.alicemultiverse.library.OrganizeSummary;
import io.alicemultiverse.library.Organizer;
import io.alicemultiverse.hash.PixelHasher;
import io.alicemultiverse.library.PendingHashes;
import io.alicemultiverse.library.Undo;
import io.alicemultiverse.library.UndoSummary;
import io.alicemultiverse.search.MiniLmEmbedder;
import io.alicemultiverse.search.QueryParser;
import io.alicemultiverse.search.SearchEngine;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.search.SearchResult;
import io.alicemultiverse.search.TagNames;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.understand.Costs;
import io.alicemultiverse.understand.UnderstandListener;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.understand.VisionProvider;

import io.alicemultiverse.library.Recovery;
import io.alicemultiverse.library.ThumbnailCache;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.similar.CatalogAssets;
import io.alicemultiverse.similar.DedupAsset;
import io.alicemultiverse.similar.DuplicateFinder;
import io.alicemultiverse.similar.DuplicateGroup;
import io.alicemultiverse.similar.DuplicateResolver;
import io.alicemultiverse.similar.KeepRule;
import io.alicemultiverse.similar.KeeperChoice;
import io.alicemultiverse.similar.SimilarFinder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

// Over 400 lines: the one facade every surface calls (organize, search, tags, similar, dedup, understand, costs);
// it shrinks as the typed requests of issue 14 take their operations into classes of their own.
/**
 * The application facade for one library: every surface (CLI, MCP, web) calls this and holds no logic of its
 * own. One per process and library: it owns the catalog, and an owner lends it ({@link #lend}) to the commands it
 * runs for other alice processes. Its locking: the search engine is used under this object's lock (surfaces take
 * it around a request; the methods that touch the engine take it themselves); runs that change library files take
 * turns through the catalog's file-writer lock, and a thread holding that never waits for this one; every thread
 * reads and writes the catalog through a connection of its own. Close it when done.
 */
public final class LibraryService implements AutoCloseable {
    private final Path root;
    private final Catalog catalog;
    private final Layout layout;
    private final Clock clock;
    /** Reads files as organize, undo, check and recovery need them: without decoding pixels (see {@link PendingHashes}). */
    private final FileAnalyzer analyzer;
    /** Reads files with their perceptual hashes, for a rebuild. */
    private final FileAnalyzer hashingAnalyzer;
    private final PendingHashes pendingHashes;
    private volatile SearchEngine search;
    private final Object searchMade = new Object();
    private volatile java.util.function.LongConsumer onIndexBuild = n -> { };
    /** Its opener, and each command it is lent to ({@link #lend}); closed when the last one closes it. */
    private final java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger(1);
    /** How long a one-shot search may spend embedding what organize left without a vector. */
    private static final java.time.Duration SEARCH_EMBED_BUDGET = java.time.Duration.ofSeconds(1);
    private volatile boolean closed;
    private io.alicemultiverse.video.VideoService videoService;
    private io.alicemultiverse.video.VideoSettings videoSettings;
    private Map<String, String> videoEnv;
    private volatile BackgroundVideo backgroundVideo;
    /** {@code xmp: true}: every change of an asset's tags or understanding rewrites its sidecar. */
    private volatile boolean keepSidecars;
    private final BackgroundBatches<?, ?> embedding = new BackgroundBatches<>("embedding", this,
            new BackgroundEmbedding(this::search), () -> this.closed);
    private final BackgroundBatches<?, ?> hashing;

    private LibraryService(Path root, Catalog catalog, Layout layout, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.catalog = catalog;
        this.layout = layout;
        this.clock = clock;
        this.analyzer = new FileAnalyzer(PixelHasher.NONE, clock.getZone());
        this.hashingAnalyzer = new FileAnalyzer(PixelHasher.PERCEPTUAL, clock.getZone());
        this.pendingHashes = new PendingHashes(catalog, this.root, PixelHasher.PERCEPTUAL, this);
        this.hashing = new BackgroundBatches<>("perceptual hashing", this, new BackgroundHashing(pendingHashes),
                () -> this.closed);
    }

    /** Opens (creating if needed) the library at {@code root}. */
    public static LibraryService open(Path root, Layout layout, Clock clock) {
        return open(root, layout, clock, CatalogUrl.duckdb());
    }

    /**
     * Opens (creating if needed) the library at {@code root} with its catalog where {@code catalog} says (DuckDB
     * inside the library unless the library records a shared PostgreSQL catalog, or {@code catalog} names one).
     */
    public static LibraryService open(Path root, Layout layout, Clock clock, CatalogUrl catalog) {
        Catalog c = Catalog.open(root.toAbsolutePath().normalize(), catalog);
        io.alicemultiverse.library.OlderPrivateFolders.narrow(root.toAbsolutePath().normalize()); // once: see there
        return new LibraryService(root, c, layout, clock);
    }

    /**
     * Opens the library for a dry run: its existing catalog, or an empty in-memory one when it has none, so a
     * dry run creates nothing on disk.
     */
    public static LibraryService openForDryRun(Path root, Layout layout, Clock clock) {
        return openForDryRun(root, layout, clock, CatalogUrl.duckdb());
    }

    /** {@link #openForDryRun(Path, Layout, Clock)} with a catalog URL (a named shared catalog is opened as it is). */
    public static LibraryService openForDryRun(Path root, Layout layout, Clock clock, CatalogUrl catalog) {
        Path r = root.toAbsolutePath().normalize();
        return new LibraryService(r, catalog.isPostgres() || Catalog.exists(r) ? Catalog.open(r, catalog)
                : Catalog.inMemory(), layout, clock);
    }

    public Path root() {
        return root;
    }

    /**
     * This open library, lent to a command its owner runs for another alice process: the same catalog, search
     * engine, locks and background work, never a second of each (one library per process). The command closes it
     * as usual; the library closes when its opener does. Commands that change files take turns through the
     * catalog's file-writer lock; the search engine is used under this library's lock.
     *
     * @param library the library the command names
     * @param layout  the layout the command's configuration names
     * @throws IllegalStateException when the command names another library, this one is closing, or files by
     *                               another layout
     */
    public LibraryService lend(Path library, Layout layout) {
        if (!sameFolder(library, root)) {
            throw new IllegalStateException("this process has " + root + " open, but the command names " + library);
        }
        if (!layout.template().equals(this.layout.template())) {
            throw new IllegalStateException("this library's owner files by the layout " + this.layout.template()
                    + ", but the command's configuration names " + layout.template()
                    + "; use the owner's configuration, or stop the owner first");
        }
        holders.updateAndGet(n -> {
            if (n <= 0) {
                throw new IllegalStateException("the library's owner is closing it");
            }
            return n + 1;
        });
        return this;
    }

    private static boolean sameFolder(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b)) {
            return true;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * With {@code on} (the configuration's {@code xmp: true}), tag changes and understanding runs made through this
     * service — from any surface — rewrite the XMP sidecars of the assets they change. Returns this service.
     */
    public LibraryService keepSidecars(boolean on) {
        this.keepSidecars = on;
        return this;
    }

    /**
     * Tells {@code notice} the number of assets before search builds this machine's lexical index whole (see
     * {@link SearchEngine#onIndexBuild}), for a surface to say why the first search with words takes a while.
     */
    public void onIndexBuild(java.util.function.LongConsumer notice) {
        this.onIndexBuild = notice;
        SearchEngine made = search;
        if (made != null) {
            made.onIndexBuild(notice);
        }
    }

    /** Whether this service keeps XMP sidecars current (see {@link #keepSidecars(boolean)}). */
    public boolean keepsSidecars() {
        return keepSidecars;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Resolves what users call an asset (hash, hash prefix, library path) by the one rule of {@link AssetRefs}. */
    public AssetRefs refs() {
        return new AssetRefs(catalog, root);
    }

    /** Organizes {@code inbox} into this library. */
    public OrganizeSummary organize(Path inbox, boolean move, boolean dryRun, OrganizeListener listener)
            throws IOException {
        return organize(inbox, move, dryRun, false, listener);
    }

    /**
     * Organizes {@code inbox} into this library; with {@code xmp}, every newly filed asset gets its XMP sidecar
     * written (see {@link #catalogued(OrganizeSummary, long, boolean)}). Sidecar problems go to the listener.
     */
    public OrganizeSummary organize(Path inbox, boolean move, boolean dryRun, boolean xmp, OrganizeListener listener)
            throws IOException {
        OrganizeOptions options = new OrganizeOptions(inbox, root, move, dryRun, layout, clock, clock.getZone(),
                Runtime.getRuntime().availableProcessors());
        long before = catalog.changeCounter();
        // no embedding model here: organize ends when files are placed and catalogued (see catalogued)
        OrganizeSummary summary = new Organizer(catalog, analyzer, options, listener).run();
        if (!dryRun) {
            catalogued(summary, before, xmp).forEach(p -> listener.noted(p, "XMP sidecar problem"));
        }
        return summary;
    }

    /**
     * Brings search up to date after an organize run that found the catalog at change counter {@code before}: adds
     * the new assets to the lexical index, so plain-language search finds them by their words at once. Their
     * prompts are embedded off the run's critical path: in the background by an owner ({@link #embedInBackground}),
     * else by the next search that ranks by meaning, a batch within its budget at a time. Organize and every watch
     * cycle call it.
     */
    public void catalogued(OrganizeSummary summary, long before) {
        catalogued(summary, before, false);
    }

    /**
     * As {@link #catalogued(OrganizeSummary, long)}, and first reads the sidecars that arrived with the run's files
     * (their keywords and ratings become user tags, as {@code alice xmp read} does); with {@code xmp}, then writes
     * every new asset's sidecar (as {@code alice xmp write} does, merged into an arrived one). Returns the sidecar
     * problems, each naming its file.
     */
    public List<String> catalogued(OrganizeSummary summary, long before, boolean xmp) {
        List<String> problems = new java.util.ArrayList<>();
        if (summary.organized() > 0) {
            List<String> added = catalog.reads().hashesOfRun(summary.run());
            if (summary.sidecars() > 0) {
                problems.addAll(io.alicemultiverse.xmp.XmpSidecars.read(catalog, root, added).errors());
            }
            if (!catalog.shared()) {
                synchronized (this) {
                    search().changed(before, added, false);
                }
            }
            // a shared catalog's search indexes are this machine's cache: other machines' runs move the catalog
            // meanwhile, so this run's end would rebuild the cache whole (and every run beside it would too); the
            // next search catches up from the change log instead, once for all of them
            if (xmp) {
                try {
                    problems.addAll(io.alicemultiverse.xmp.XmpSidecars.write(catalog, root, added).errors());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add("XMP sidecars not written: interrupted");
                }
            }
            if (embedding.enabled()) {
                embedding.start();
            }
            if (hashing.enabled()) {
                hashing.start();
            }
        }
        return problems;
    }

    /**
     * Embeds now every asset that lacks a vector: for a watch owner between its cycles, whose organize runs
     * outside this library's lock (so no background thread may share the catalog meanwhile).
     */
    public synchronized void embedMissing() {
        search().changed(catalog.changeCounter(), List.of(), true);
    }

    /**
     * Embeds every asset that lacks a vector in the background, now and after each later change: for a
     * long-running owner ({@code serve}, {@code mcp}, {@code organize --watch}). See {@link BackgroundEmbedding}.
     */
    public void embedInBackground() {
        embedding.start();
    }

    /**
     * Computes the perceptual hashes organize left for later ({@link PendingHashes}) in the background, now and after
     * each later run: for a long-running owner. Near-duplicate search then answers from what is hashed so far
     * instead of waiting for the rest.
     */
    public void hashInBackground() {
        hashing.start();
    }

    /**
     * Computes now every perceptual hash organize left for later, on every core; {@code progress} hears the running
     * count (the total is {@link #pendingHashCount()}). Returns how many assets were hashed. Similar and dedup call
     * it first unless an owner does it in the background; a surface calls it itself to show progress.
     */
    public int hashPending(java.util.function.IntConsumer progress) {
        return pendingHashes.fillAll(Runtime.getRuntime().availableProcessors(), progress);
    }

    /** How many catalogued assets wait for their perceptual hashes. */
    public long pendingHashCount() {
        return pendingHashes.count();
    }

    /** Before near-duplicate search: the pending hashes now, unless an owner's thread computes them. */
    private void hashPendingUnlessInBackground() {
        if (!hashing.enabled()) {
            hashPending(n -> { });
        }
    }

    /** An organizer to run (and stop) from a surface that needs control, such as watch mode. */
    public Organizer organizer(Path inbox, boolean move, OrganizeListener listener) {
        OrganizeOptions options = new OrganizeOptions(inbox, root, move, false, layout, clock, clock.getZone(),
                Runtime.getRuntime().availableProcessors());
        return new Organizer(catalog, analyzer, options,
                new LoadEmbedderOnFirstFile(listener, () -> search().loadEmbedderAhead()));
    }

    public UndoSummary undo(String run) throws IOException {
        UndoSummary s = new Undo(catalog, analyzer, root, clock).undo(run);
        dropStaleThumbnails();
        return s;
    }

    public CheckReport check(boolean repair) throws IOException {
        CheckReport r = new LibraryCheck(catalog, analyzer, root, layout).check(repair);
        if (repair) {
            dropStaleThumbnails();
        }
        return r;
    }

    /** Removes the gallery thumbnails of content no longer catalogued (an undone run's copies, a repair's removals). */
    private void dropStaleThumbnails() throws IOException {
        new ThumbnailCache(root).keepOnly(catalog.assetPaths().keySet());
    }

    public IndexRebuild.Result rebuild() throws IOException {
        IndexRebuild.Result r;
        // the catalog is made again from the files: no command of this process may move files meanwhile
        try (Catalog.WriterLock lock = catalog.exclusiveWriter(null)) {
            r = new IndexRebuild(catalog, hashingAnalyzer, root, layout,
                    Runtime.getRuntime().availableProcessors()).rebuild();
        }
        synchronized (this) {
            search().rebuild(true);
        }
        return r;
    }

    /**
     * Prepares search for a long-running owner ({@code serve}, {@code mcp}) on a background thread: loads the
     * lexical index, the embedding model and vectors, and every asset's row into memory, so queries are answered
     * from memory. Holds this library's lock while loading (surfaces call the facade under it).
     */
    public void warmSearchInBackground() {
        Thread t = new Thread(() -> {
            synchronized (this) {
                try {
                    warmSearch();
                    embedInBackground();
                    hashInBackground();
                } catch (RuntimeException e) {
                    System.err.println("alice: could not prepare search in memory: " + e.getMessage());
                }
            }
        }, "alice-warm-search");
        t.setDaemon(true);
        t.start();
    }

    /** {@code request} as a query, by its one rule ({@link SearchRequest#toQuery}), with this library's clock. */
    public SearchQuery query(SearchRequest request) {
        return request.toQuery(queryParser());
    }

    /** The parser for plain-language queries, with this library's clock. */
    public QueryParser queryParser() {
        return new QueryParser(clock);
    }

    /** Runs a search; {@code facets} adds counts of every match. Its latency is recorded by query kind. */
    public synchronized SearchResult search(SearchQuery query, boolean facets) {
        long start = System.nanoTime();
        SearchResult result = search().search(query, facets);
        SearchTiming.record(query, System.nanoTime() - start);
        return result;
    }

    /**
     * Hands every match of {@code query} from its offset on (its limit set aside) to {@code sink}, in order, with
     * flat memory however many match (see {@link SearchEngine#each}); returns how many. For the command line's
     * {@code --all}; the web API and MCP keep their bounds through {@link #search}.
     */
    public synchronized long searchEach(SearchQuery query, java.util.function.Consumer<io.alicemultiverse.search.SearchHit> sink) {
        long start = System.nanoTime();
        long n = search().each(query, sink);
        SearchTiming.record(query, System.nanoTime() - start);
        return n;
    }

    /**
     * A search for callers on many threads (the web server): answered at once from the warm in-memory snapshot when
     * it is current, without taking this library's lock; otherwise under the lock like {@link #search}. With
     * {@code counted} the result knows its total ({@link #searchCounted}).
     */
    public SearchResult searchConcurrently(SearchQuery query, boolean counted) {
        SearchEngine engine = search;
        if (engine != null) {
            long start = System.nanoTime();
            java.util.Optional<SearchResult> r = engine.searchIfWarm(query, false);
            if (r.isPresent()) {
                SearchTiming.record(query, System.nanoTime() - start);
                return r.get();
            }
        }
        synchronized (this) {
            return counted ? searchCounted(query) : search(query, false);
        }
    }

    /**
     * Runs a search whose result knows how many assets matched in all ({@link SearchResult#total}): free when the
     * search is warm or has words to rank, else counted through the facets.
     */
    public synchronized SearchResult searchCounted(SearchQuery query) {
        SearchResult r = search(query, false);
        return r.total() >= 0 ? r : search(query, true);
    }

    /**
     * Loads the search indexes and the embedding model now, and from then on keeps result rows in memory (reloaded
     * when the catalog changes): for long-running owners such as {@code alice serve}, so that no request pays for
     * the loading and text queries skip the catalog.
     */
    public synchronized void warmSearch() {
        search().warm();
    }

    /**
     * Everything the catalog knows of one asset: its row, tags and understanding results (see
     * {@link io.alicemultiverse.catalog.AssetViews#asset}); empty when no asset has this content hash.
     */
    public java.util.Optional<Map<String, Object>> asset(String contentHash) {
        return catalog.views().asset(contentHash);
    }

    /**
     * Adds or removes user tags on the assets {@code targets} names (paths or content hashes) or, when
     * {@code query} is not null, on every asset it matches; when this service keeps sidecars, rewrites theirs.
     */
    public TagOutcome tag(boolean add, List<String> targets, SearchQuery query, List<String> tags)
            throws InterruptedException {
        List<String> normalised = tags.stream().map(TagNames::normalise).distinct().toList();
        Set<String> hashes = new java.util.LinkedHashSet<>();
        targets.forEach(t -> hashes.add(refs().resolve(t)));
        if (query != null) {
            search(query, false).hits().forEach(h -> hashes.add(h.contentHash()));
        }
        if (hashes.isEmpty()) {
            return new TagOutcome(0, List.of());
        }
        long before = catalog.changeCounter();
        boolean changed = catalog.searchStore().changeUserTags(hashes, normalised, add) > 0;
        changed |= io.alicemultiverse.xmp.XmpSidecars.keepRatingsCleared(catalog, hashes, normalised, add);
        if (changed) {
            synchronized (this) {
                search().changed(before, hashes, false);
            }
        }
        return new TagOutcome(hashes.size(), refreshSidecars(hashes));
    }

    /**
     * When this service keeps sidecars, rewrites those of {@code hashes} (a sidecar not there yet is written too);
     * returns the problems, each naming its file.
     */
    private List<String> refreshSidecars(java.util.Collection<String> hashes) throws InterruptedException {
        if (!keepSidecars || hashes.isEmpty()) {
            return List.of();
        }
        return io.alicemultiverse.xmp.XmpSidecars.write(catalog, root, List.copyOf(hashes)).errors();
    }

    /** Every tag with the number of assets carrying it, most used first; {@code origin} null for all origins. */
    public Map<String, Long> tagCounts(String origin) {
        origin = origin == null ? null : origin.toLowerCase(java.util.Locale.ROOT); // --origin USER as --origin user
        if (origin != null && !AssetReads.TAG_ORIGINS.contains(origin)) {
            throw new IllegalArgumentException("--origin must be prompt, understanding or user, not '" + origin + "'");
        }
        return catalog.reads().tagCounts(origin);
    }

    /**
     * The search engine, made on first use. Not under this library's lock, which a thread holding the catalog's
     * file-writer lock must never wait for (a watch's organize loads the model ahead through here, while a video
     * tick under this lock may wait for that writer lock); what uses the engine takes this library's lock.
     */
    private SearchEngine search() {
        SearchEngine made = search;
        if (made != null) {
            return made;
        }
        synchronized (searchMade) {
            return makeSearch();
        }
    }

    private SearchEngine makeSearch() {
        if (search == null) {
            SearchEngine e = new SearchEngine(catalog, root, MiniLmEmbedder::new);
            e.embedWithin(SEARCH_EMBED_BUDGET);
            e.onIndexBuild(onIndexBuild);
            e.onMissingVectors(() -> {
                if (embedding.enabled()) {
                    embedding.start();
                }
            });
            search = e;
        }
        return search;
    }

    /**
     * Catalogued assets that look like {@code fileOrHash}: a file (anywhere; hashed now) or the content hash (or a
     * unique prefix of at least 8 hex digits) of a catalogued asset. The query's own asset is left out.
     *
     * @throws IllegalArgumentException naming the input when it is neither, or cannot be decoded
     */
    public List<SimilarFinder.Match> similar(SimilarRequest request) {
        String fileOrHash = request.target();
        int maxDistance = request.maxDistance();
        int limit = request.limit();
        hashPendingUnlessInBackground();
        SimilarFinder finder = new SimilarFinder(CatalogAssets.load(catalog, root, false));
        Path file = Path.of(fileOrHash);
        if (Files.isRegularFile(file)) {
            try {
                io.alicemultiverse.media.MediaFormat format = FormatSniffer.sniff(file);
                SimilarFinder.Query query = SimilarFinder.Query.of(ImageHashes.of(file, format), format.isVideo());
                return finder.similar(query, ContentHash.of(file), maxDistance, limit);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(fileOrHash + ": cannot be hashed: " + e.getMessage(), e);
            }
        }
        String hash = refs().find(fileOrHash).orElseThrow(() -> new IllegalArgumentException(Files.isDirectory(file)
                ? fileOrHash + ": is a folder; name one picture or video file (or " + AssetRefs.FORMS + ")"
                : fileOrHash + ": no such file, and no asset in the library is so named (use a file, "
                        + AssetRefs.FORMS + ")"));
        if (finder.asset(hash).isEmpty() && pendingHashes.fill(hash)) { // not reached by the background thread yet
            finder = new SimilarFinder(CatalogAssets.load(catalog, root, false));
        }
        DedupAsset asset = finder.asset(hash).orElseThrow(() -> new IllegalArgumentException(
                fileOrHash + ": this asset has no perceptual hash (its pixels could not be decoded)"));
        return finder.similar(SimilarFinder.Query.of(asset), asset.contentHash(), maxDistance, limit);
    }

    /**
     * Settles the file operations a crash interrupted (see {@link Recovery}); a command that plans changes from
     * the catalog calls it first, so it plans from what is really on disk.
     */
    public void settle() throws IOException {
        try (Catalog.WriterLock lock = catalog.exclusiveWriter(null)) { // never another command's run under way
            new Recovery(catalog, analyzer, root).reconcile();
        }
    }

    /** Groups of exact and near duplicates among the catalogued assets, each with its keeper. */
    public List<DuplicateGroup> duplicates(int maxDistance, KeepRule rule) {
        Bounds.maxDistance(maxDistance);
        hashPendingUnlessInBackground();
        return DuplicateFinder.groupsOnDisk(CatalogAssets.load(catalog, root, true), maxDistance, rule, root);
    }

    /** Resolves {@code groups} on disk (see {@link DuplicateResolver}); interrupted operations are settled first. */
    public DuplicateResolver.Result resolveDuplicates(List<DuplicateGroup> groups, DuplicateResolver.Action action,
                                                      KeepRule rule) throws IOException {
        settle();
        DuplicateResolver.Result result = new DuplicateResolver(catalog, root, clock).apply(groups, action, rule);
        // a trashed or deleted member's thumbnail goes with it (undo makes it again on the next view)
        List<String> gone = new java.util.ArrayList<>();
        for (DuplicateGroup g : groups) {
            g.members().forEach(m -> {
                String h = m.asset().contentHash();
                if (!catalog.reads().contains(h)) {
                    gone.add(h);
                }
            });
        }
        new ThumbnailCache(root).remove(gone);
        return result;
    }

    /**
     * A reviewer's choice in one duplicate group: keeps {@code keep} and moves {@code others} — which must be
     * in its group as found now at {@code maxDistance} — to the trash, a run {@code alice undo} reverses.
     *
     * @throws IllegalArgumentException when the choice does not match the groups (see {@link KeeperChoice})
     */
    public DuplicateResolver.Result trashDuplicates(String keep, java.util.Collection<String> others, int maxDistance)
            throws IOException {
        settle();
        DuplicateGroup group = KeeperChoice.of(duplicates(maxDistance, KeepRule.BEST), keep, others);
        return resolveDuplicates(List.of(group), DuplicateResolver.Action.TRASH, KeepRule.BEST);
    }

    /** Counts by source, project, model, month and media type: {@code {"assets": N, "by_source": {…}, …}}. */
    public LibraryStats stats() {
        return new LibraryStats(catalog.assetCount(), new LibraryStats.Where(catalog.backend(), catalog.location()),
                catalog.countBy(Catalog.Dimension.SOURCE), catalog.countBy(Catalog.Dimension.PROJECT),
                catalog.countBy(Catalog.Dimension.MODEL), catalog.countBy(Catalog.Dimension.MONTH),
                catalog.countBy(Catalog.Dimension.MEDIA_TYPE));
    }

    /**
     * Describes and tags the images {@code request} selects with its provider (see {@link UnderstandRun}); tags
     * (origin {@code understanding}) and descriptions are searchable at once.
     *
     * @param configured the {@code understanding:} configuration
     * @param env        where API keys are read from (never stored, never echoed)
     * @throws IllegalArgumentException for a target that names nothing, an unknown provider or a missing key
     */
    public UnderstandOutcome understand(UnderstandRequest request, UnderstandSettings configured,
                                        Map<String, String> env, UnderstandListener listener)
            throws IOException, InterruptedException {
        Set<String> understood = new java.util.LinkedHashSet<>();
        UnderstandRun run = new UnderstandRun(catalog, root, clock, q -> search(q, false), (before, stored) -> {
            understood.addAll(stored);
            synchronized (this) {
                search().changed(before, stored, false);
            }
        }, hashes -> pendingHashes.fill(hashes, Runtime.getRuntime().availableProcessors()));
        if (request.dryRun()) {
            return run.run(request, configured, env, listener);
        }
        UnderstandOutcome outcome;
        // on a shared catalog, one understanding run at a time: what one machine paid for, the next finds cached
        try (Catalog.WriterLock lock = catalog.exclusive(Catalog.Activity.UNDERSTANDING,
                who -> listener.warning("waiting for " + who + " to finish its understanding run on this library"))) {
            outcome = run.run(request, configured, env, listener);
        }
        // new descriptions and understanding tags go into the sidecars (xmp: true)
        refreshSidecars(understood).forEach(p -> listener.warning("XMP sidecar problem: " + p));
        return outcome;
    }

    /**
     * Video generation for this library: the service already set up (by an owner, from the whole configuration)
     * when there is one for this environment, else one with the built-in prices and caps and understanding's money
     * limits; see {@link #video(io.alicemultiverse.video.VideoSettings, Map)}.
     */
    public synchronized io.alicemultiverse.video.VideoService video(UnderstandSettings understanding,
                                                                   Map<String, String> env) {
        if (videoService != null && env.equals(videoEnv)) {
            return videoService; // the owner's, set up from the whole configuration (video: prices and caps too)
        }
        return video(new io.alicemultiverse.video.VideoSettings(understanding.confirmAboveUsd(),
                understanding.dailyBudgetUsd(), understanding.monthlyBudgetUsd(),
                io.alicemultiverse.video.VideoPrices.builtIn(), Map.of()), env);
    }

    /**
     * Video generation for this library: jobs in its catalog, clips filed through its organize path. One service
     * (one scheduler) per library service while the settings and environment stay the same, so what it keeps in
     * memory between ticks lasts, and a background loop ({@link #advanceVideoJobsInBackground}) and a surface's
     * calls share it.
     *
     * @param env where API keys are read from (never stored, never echoed)
     */
    public synchronized io.alicemultiverse.video.VideoService video(io.alicemultiverse.video.VideoSettings settings,
                                                                   Map<String, String> env) {
        if (backgroundVideo != null && videoService != null) {
            // the owner's service advances every job in the background; a command it runs for another process
            // (whose environment differs) uses it too, not a second scheduler beside it: nothing is sent twice
            return videoService;
        }
        if (videoService == null || !settings.equals(videoSettings) || !env.equals(videoEnv)) {
            if (videoService != null) {
                videoService.retire();
            }
            videoService = new io.alicemultiverse.video.VideoService(catalog, root, new VideoFiler(this), settings,
                    env, clock);
            videoSettings = settings;
            videoEnv = Map.copyOf(env);
        }
        return videoService;
    }

    /**
     * Advances this library's video jobs on a background (daemon) thread for as long as it stays open: for the
     * long-running owners ({@code serve}, {@code mcp}, {@code organize --watch}), so jobs submitted from anywhere
     * go on to land in the library. See {@link BackgroundVideo}. Calling it again changes nothing.
     */
    public void advanceVideoJobsInBackground(io.alicemultiverse.video.VideoSettings settings,
                                             Map<String, String> env) {
        video(settings, env);
        synchronized (this) {
            videoService.advancedInBackground();
            if (backgroundVideo == null) {
                backgroundVideo = new BackgroundVideo(this, () -> videoService, () -> closed);
                backgroundVideo.start();
            }
        }
    }

    /**
     * The start image a video request names: a file, a library asset (content hash, unique prefix of 8+ hex digits,
     * library path) or a URL; null for none.
     */
    public VideoImage videoImage(String ref) throws IOException {
        return VideoImage.resolve(ref, root, catalog, true);
    }

    /** {@link #videoImage} as a remote client names it: a library asset or a URL, never a local file. */
    public VideoImage videoImageFromLibrary(String ref) throws IOException {
        return VideoImage.resolve(ref, root, catalog, false);
    }

    /**
     * Writes the catalog rows — every asset, or the ones {@code query} matches when it is not null — to {@code out}
     * as open data (see {@link io.alicemultiverse.export.CatalogExport}).
     */
    public io.alicemultiverse.export.CatalogExport.Result export(Path out, io.alicemultiverse.catalog.OpenData.Format format,
                                                                 SearchQuery query) throws IOException {
        List<String> hashes = query == null ? null
                : search(query, false).hits().stream().map(h -> h.contentHash()).toList();
        return io.alicemultiverse.export.CatalogExport.write(catalog, out, format, hashes);
    }

    /**
     * A timeline of the assets {@code targets} names (paths or content hashes, in that order), or else of the
     * matches of {@code query} (ranked), or else of every asset; {@code order} null picks the natural order of the
     * selection (manual, search, created). See {@link io.alicemultiverse.timeline.TimelineBuilder}.
     */
    public io.alicemultiverse.timeline.TimelineBuilder.Result timeline(
            List<String> targets, SearchQuery query, io.alicemultiverse.timeline.TimelineOrder order, int fps,
            double stillSeconds, String name) {
        List<String> hashes = null;
        io.alicemultiverse.timeline.TimelineOrder natural = io.alicemultiverse.timeline.TimelineOrder.CREATED;
        if (targets != null && !targets.isEmpty()) {
            hashes = targets.stream().map(refs()::resolve).distinct().toList();
            natural = io.alicemultiverse.timeline.TimelineOrder.MANUAL;
        } else if (query != null) {
            hashes = search(query, false).hits().stream().map(h -> h.contentHash()).toList();
            natural = io.alicemultiverse.timeline.TimelineOrder.SEARCH;
            if (hashes.isEmpty()) {
                throw new IllegalArgumentException("the query matched nothing");
            }
        }
        return new io.alicemultiverse.timeline.TimelineBuilder(catalog, root,
                io.alicemultiverse.timeline.TimelineBuilder.DurationProbe.ffprobe())
                .build(name, hashes, order == null ? natural : order, fps, stillSeconds);
    }

    /**
     * Writes or refreshes the XMP sidecars of the assets {@code targets} names, else of the matches of {@code query},
     * else of every asset (see {@link io.alicemultiverse.xmp.XmpSidecars}).
     */
    public io.alicemultiverse.xmp.XmpSidecars.WriteResult writeSidecars(List<String> targets, SearchQuery query)
            throws InterruptedException {
        return io.alicemultiverse.xmp.XmpSidecars.write(catalog, root, selection(targets, query));
    }

    /**
     * Reads the XMP sidecars of the selected assets (as {@link #writeSidecars}) and adds the tags and ratings other
     * tools put there as user tags, searchable at once.
     */
    public io.alicemultiverse.xmp.XmpSidecars.ReadResult readSidecars(List<String> targets, SearchQuery query) {
        long before = catalog.changeCounter();
        var r = io.alicemultiverse.xmp.XmpSidecars.read(catalog, root, selection(targets, query));
        if (!r.changedAssets().isEmpty()) {
            synchronized (this) {
                search().changed(before, r.changedAssets(), false);
            }
            // the sidecars a read took from are rewritten at once, so their record of what alice holds
            // (alice:synced, alice:rating, the user| entries) includes what it took: a tag removed in alice
            // afterwards is then taken out of the sidecar, not brought back by the next read
            List<String> errors = new java.util.ArrayList<>(r.errors());
            try {
                errors.addAll(io.alicemultiverse.xmp.XmpSidecars.write(catalog, root, List.copyOf(r.changedAssets()))
                        .errors());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("XMP sidecars not rewritten after reading: interrupted");
            }
            r = new io.alicemultiverse.xmp.XmpSidecars.ReadResult(r.sidecars(), r.tagsAdded(), r.changedAssets(),
                    errors);
        }
        return r;
    }

    /** The content hashes {@code targets} names, else the matches of {@code query}, else null (every asset). */
    private List<String> selection(List<String> targets, SearchQuery query) {
        if (targets != null && !targets.isEmpty()) {
            return targets.stream().map(refs()::resolve).distinct().toList();
        }
        if (query != null) {
            return search(query, false).hits().stream().map(h -> h.contentHash()).toList();
        }
        return null;
    }

    /** The spend ledger grouped by day, provider, model or project: {@code {"by", "rows", "total_usd"}}. */
    public Costs.Report costs(Costs.By by) {
        return Costs.report(catalog, by);
    }

    /** What understanding and video did and cost per day over the last {@code days} days (see {@link Costs#daily}). */
    public Map<String, Object> dailyCosts(int days) {
        return Costs.daily(catalog, java.time.LocalDate.now(clock), days);
    }

    @Override
    public void close() {
        if (holders.decrementAndGet() > 0) {
            return; // a lent library: its opener closes it
        }
        synchronized (this) { // a background embedding batch or video tick finishes its write first, then stops
            closed = true;
        }
        BackgroundVideo b = backgroundVideo;
        if (b != null) {
            b.stop();
        }
        if (search != null) {
            search.close();
        }
        synchronized (this) {
            if (videoService != null) {
                videoService.retire();
            }
        }
        catalog.close();
    }
}
