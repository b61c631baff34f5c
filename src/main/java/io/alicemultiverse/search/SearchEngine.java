package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.Catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

// Over 400 lines: runs a planned search and keeps its three indexes (rows, words, vectors) in step with the catalog,
// warm or cold, in one place.
/**
 * Runs searches over one library.
 *
 * <p>Design: a query is planned once ({@link SearchPlan}: filters, words, rankings, floor, order, page) and run in
 * one place ({@link #run}) against the rows a search reads ({@link Rows}): the catalog's SQL with bound parameters
 * ({@link CatalogRows}, the cold path — the catalog is the truth, so a filter-only query never waits for an index),
 * or every row in memory for a warm engine ({@link #warm}, {@link WarmRows}); the filter rules both follow are
 * defined once, in {@code catalog.FilterRule}. Text ranks in two ways — BM25 over prompt and tags in a Lucene index
 * ({@link LexicalIndex}) and cosine similarity of MiniLM embeddings ({@link VectorIndex}) — each giving its best
 * candidates; a score blend merges them ({@link #rank}), and the selection keeps the candidates that pass the
 * filters. The embedding model and the vectors load only when a query has text. {@link #search} is not thread-safe
 * (the catalog connection is not); {@link #searchIfWarm} is, and lets a server answer many searches at once from an
 * immutable snapshot while writes go through the lock.
 */
public final class SearchEngine implements AutoCloseable {
    /** Which rankings a text query uses: both merged (the default), or one alone (for evaluation). */
    public enum Mode { HYBRID, LEXICAL, SEMANTIC }

    static final double LEXICAL_WEIGHT = 0.1;
    /**
     * Ranked matches scoring more than this below the best match are not shown: when something matches nearly
     * exactly, vague neighbours in meaning (for the exact prompt of the samples' winged woman, the ducks: 0.71
     * below) only fill the list. A
     * distance, not a share of the best: relevant paraphrases sit at 0.29–0.4 of a strong best in the evaluation
     * set, as far down in share as such noise. Set from the 72 committed queries, where no relevant result in a top
     * 10 lies more than 0.66 below its query's best (see docs/benchmarks.md, issue 18). With a weak best (under
     * 0.95) it cuts nothing that {@link #MIN_COSINE} keeps.
     */
    static final double RELEVANCE_GAP = 0.7;
    static final float MIN_COSINE = 0.25f;
    /**
     * The least cosine similarity of a result to a query none of whose words the library's index or WordNet holds:
     * the model puts some prompt near any string, and cosine alone does not tell a made-up word from a rare one
     * ("xyzzy" came to a kitten prompt at 0.34, "feline" to the same at 0.33, "sushi" to ramen at 0.31). Measured with
     * all-MiniLM-L6-v2 over WordlessQueryTest's prompts and six more: made-up words (xyzzy, zxqvbnm, blorptastic,
     * asdf, qwerty, flurbex, gnarp, wibblewobble) reached 0.34, real words WordNet lacks reached unrelated prompts at
     * 0.28–0.35 (steampunk, photorealistic, cosplay, pixar), while "selfie" found the woman photographing herself at
     * 0.46. A query with a word either knows keeps {@link #MIN_COSINE}.
     */
    static final float UNKNOWN_WORDS_MIN_COSINE = 0.4f;
    /**
     * A result found by meaning alone (none of its words ranked) is not shown when it stands out from generic phrases
     * less than this share of what the best match does: its cosine to the query minus its projection on the
     * {@link GenericDirection}, against the same for the best. Such a result is near the query only as short generic
     * prompts are near every short query ("a circle" for "photo of a duck": 0.14 of the ducks'). A share, not a
     * distance: an abstract query ("means of transport") matches everything weakly, its relevant results too. Set
     * from the 72 committed queries and the category evaluation, where relevant results found by meaning alone stand
     * at 0.27 of their best and up (docs/benchmarks.md, issue 18, "Relevance floor").
     */
    static final double GENERIC_SHARE = 0.2;
    /**
     * What a match of a query's words in another script than Latin ({@link OtherScripts}) gains: as much as cosine
     * similarity can differ between two results, so it ranks above every result found by meaning alone, which for
     * such words is noise (the model learnt English), and the {@link #RELEVANCE_GAP} then cuts those.
     */
    static final double OTHER_SCRIPT_LIFT = 1.0;
    /** A warm engine embeds at most this many changed assets itself; more are left to its owner's background. */
    private static final int SYNC_EMBED_MAX = 64;
    /** Rows read and handed on at a time by {@link #each}. */
    private static final int EACH_CHUNK = 1_000;

    private final Catalog catalog;
    /** The cold path: matches, rows and facets read from the catalog with SQL. */
    private final CatalogRows sql;
    private final Path library;
    private final Supplier<TextEmbedder> embedderSupplier;
    private volatile TextEmbedder embedder;
    private volatile boolean loadingAhead;
    private LexicalIndex lexical;
    /** The most assets another process's change may touch for the warm parts to catch up instead of reloading. */
    private static final int CATCH_UP_MAX = 5_000;
    /** How many stored-vector marks before its own a cache catches up from (see {@link #loadVectors}). */
    private static final long MARK_SLACK = 4;
    /**
     * How many changed assets (or catalog changes) a vector cache catches up over before it is written again: well
     * inside the change log the catalog keeps (2,000 changes), so a cache written less often still catches up.
     */
    private static final int REWRITE_AFTER = 500;
    private VectorIndex vectors;
    private long vectorsCounter = -1;
    double lexicalWeight = LEXICAL_WEIGHT;
    /** What widens a query's categories to their kinds before it is embedded ({@link CategoryWords#NONE}: nothing). */
    Supplier<CategoryWords> categories = CategoryWords::shared;
    double relevanceGap = RELEVANCE_GAP;
    /** See {@link #GENERIC_SHARE}; 0: no such floor. */
    double genericShare = GENERIC_SHARE;
    /** The embedder's generic direction, once looked up (empty: none kept for its model). */
    private volatile java.util.Optional<float[]> generic;
    /** Reciprocal rank fusion (1/(60 + rank) summed over both rankings) instead of the score blend: evaluation only. */
    boolean rankFusion;
    private boolean cacheRows;
    private RowCache cache;
    /** How long one search may spend embedding assets that lack a vector (null: as long as it takes). */
    private java.time.Duration embedBudget;
    /** Told when a warm engine finds assets without a vector (an owner then embeds them in the background). */
    private Runnable onMissing;
    /** Told the number of assets before this machine's lexical index is built whole. */
    private java.util.function.LongConsumer onIndexBuild = n -> { };
    /** What a search reads: the live, refreshing parts (under the caller's lock) or a fixed warm snapshot. */
    private interface View {
        Rows rows();

        LexicalIndex lexical();

        VectorIndex vectors();
    }

    /** The warm parts as of one change counter: immutable, or (the Lucene index) safe to search concurrently. */
    private record Snapshot(long counter, WarmRows rows, LexicalIndex lexical, VectorIndex vectors) implements View {
    }

    private final View live = new View() {
        @Override
        public Rows rows() {
            RowCache warm = freshCache();
            return warm == null ? sql : new WarmRows(warm);
        }

        @Override
        public LexicalIndex lexical() {
            return SearchEngine.this.lexical();
        }

        @Override
        public VectorIndex vectors() {
            return SearchEngine.this.vectors();
        }
    };
    private volatile Snapshot snapshot;
    /** The query-embedding cache's effectiveness, published at {@code /metrics} by a serving process. */
    private static final io.micrometer.core.instrument.Counter QUERY_CACHE_HITS = queryCache("hit");
    private static final io.micrometer.core.instrument.Counter QUERY_CACHE_MISSES = queryCache("miss");
    private final Map<String, float[]> recentQueries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > 256;
        }
    };

    public SearchEngine(Catalog catalog, Path library, Supplier<TextEmbedder> embedder) {
        this.catalog = catalog;
        this.sql = new CatalogRows(catalog, this::facetIndex);
        this.library = library;
        this.embedderSupplier = embedder;
    }

    public SearchResult search(SearchQuery q, boolean facets) {
        return search(q, facets, Mode.HYBRID);
    }

    public SearchResult search(SearchQuery q, boolean facets, Mode mode) {
        SearchResult r = search(q, facets, mode, live);
        publish();
        return r;
    }

    /**
     * Answers from the warm snapshot without touching the catalog, when the engine is warm and nothing changed
     * since the snapshot was taken; empty otherwise (then call {@link #search} under the caller's lock, which
     * refreshes it). Safe to call from many threads at once, also while {@link #search} runs.
     */
    public java.util.Optional<SearchResult> searchIfWarm(SearchQuery q, boolean facets) {
        Snapshot s = snapshot;
        long now = catalog.knownChangeCounter();
        if (s == null || now < 0 || s.counter() != now || s.lexical().counter() != now) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(search(q, facets, Mode.HYBRID, s));
    }

    private SearchResult search(SearchQuery q, boolean facets, Mode mode, View v) {
        return run(SearchPlan.of(q, mode, facets, false, relevanceGap), v);
    }

    /**
     * Runs a plan: the one place a search is executed, on the warm rows or the catalog alike ({@link Rows}). The
     * filters select once; words rank candidates, the floor cuts, the selection keeps the candidates it holds, and
     * they are ordered; then the page's rows and the facets are read. The facets (and then the total) of a query
     * with words cover every match, as {@link #each} lists them: the page's ranking stops at its best candidates
     * ({@link SearchPlan#candidates}), so they rank a second time over every asset — only when facets are asked for.
     */
    private SearchResult run(SearchPlan plan, View v) {
        Rows rows = v.rows();
        Rows.Selection selected = rows.select(plan.filter());
        if (!plan.ranked()) {
            List<Match> page = selected.page(plan.sort(), plan.limit(), plan.offset());
            return new SearchResult(rows.hits(page), plan.facets() ? selected.facets() : null, selected.count());
        }
        Supplier<float[]> vector = once(() -> queryVector(plan.text()));
        List<Match> sorted = matches(plan, rows, selected, v, vector);
        List<Match> page = sorted.subList(Math.min(sorted.size(), plan.offset()),
                Math.min(sorted.size(), plan.offset() + plan.limit()));
        List<String> unknown = sorted.isEmpty() ? unknownWords(plan.text(), v) : List.of();
        if (!plan.facets()) {
            return new SearchResult(rows.hits(page), null, sorted.size()).withUnknownWords(unknown);
        }
        List<Match> every = plan.everything() ? sorted : found(plan.everyMatch(), rows, selected, v, vector);
        return new SearchResult(rows.hits(page), every.isEmpty() ? emptyFacets() : selected.facetsOf(every),
                every.size()).withUnknownWords(unknown);
    }

    /**
     * The words of {@code text} when neither the lexical index nor the dictionary knows any of them ("zxqvbnm"), for a
     * search that found nothing to say why; empty when one is known or that cannot be told (no index, no WordNet).
     */
    private List<String> unknownWords(String text, View v) {
        if (text == null || text.isBlank() || v.lexical().holdsAWord(text).orElse(true)
                || categories.get().knowsAWord(text)) {
            return List.of();
        }
        return List.of(text.trim().split("\\s+"));
    }

    /**
     * Hands every match of {@code q} from its offset on (its limit set aside), in its order, to {@code sink}, and
     * returns how many it handed. Memory stays flat however many assets match: rows are read and handed on a chunk
     * at a time; a filters-only query walks the selection by keyset, and a query with words holds only each ranked
     * match's hash and score (its ranking sees every asset, not the usual candidates). For the command line's
     * {@code --limit 0}; not for the web API, which keeps its bounds. Not thread-safe.
     */
    public long each(SearchQuery q, java.util.function.Consumer<SearchHit> sink) {
        SearchPlan plan = SearchPlan.of(q, Mode.HYBRID, false, true, relevanceGap);
        Rows rows = live.rows();
        Rows.Selection selected = rows.select(plan.filter());
        long n = 0;
        if (!plan.ranked()) {
            Match last = null;
            int skip = plan.offset();
            while (true) {
                List<Match> chunk = selected.after(plan.sort(), EACH_CHUNK, last);
                if (chunk.isEmpty()) {
                    return n;
                }
                last = chunk.get(chunk.size() - 1);
                List<Match> kept = chunk.subList(Math.min(chunk.size(), skip), chunk.size());
                skip -= chunk.size() - kept.size();
                for (SearchHit h : rows.hits(kept)) {
                    sink.accept(h);
                    n++;
                }
            }
        }
        List<Match> all = matches(plan, rows, selected, live, () -> queryVector(plan.text()));
        for (int i = plan.offset(); i < all.size(); i += EACH_CHUNK) {
            for (SearchHit h : rows.hits(all.subList(i, Math.min(all.size(), i + EACH_CHUNK)))) {
                sink.accept(h);
                n++;
            }
        }
        return n;
    }

    /**
     * Every match of a plan with words, in its order: the ranked candidates that pass the filters and the floor
     * (with a quoted phrase, every selected asset, ranked ones first).
     */
    private List<Match> matches(SearchPlan plan, Rows rows, Rows.Selection selected, View v,
                                Supplier<float[]> vector) {
        return found(plan, rows, selected, v, vector).stream().sorted(plan.order()).toList();
    }

    /** The matches of {@link #matches} in no particular order (what counting them needs). */
    private List<Match> found(SearchPlan plan, Rows rows, Rows.Selection selected, View v, Supplier<float[]> vector) {
        Map<String, Double> fused = rank(plan.text(), plan.candidates(rows, selected), plan.mode(), v,
                Double.isFinite(plan.floorGap()), vector);
        if (fused.isEmpty() && !plan.phrases()) {
            return List.of();
        }
        if (!fused.isEmpty()) {
            double floor = java.util.Collections.max(fused.values()) - plan.floorGap();
            fused.values().removeIf(score -> score < floor);
        }
        return plan.phrases()
                ? selected.newest(plan.phraseCap(rows), h -> fused.getOrDefault(h, 0.0))
                : selected.among(fused);
    }

    /**
     * Merges the rankings: each candidate's cosine similarity to the query plus {@link #LEXICAL_WEIGHT} times its
     * BM25 score relative to the best one. Cosine carries meaning ("dog" finds "retriever"); the lexical part lifts
     * exact words the embedding blurs (artist names, LoRA names, rare styles). In no particular order (the matches
     * are ordered once they are found). {@code vector} gives the query's embedding (asked only when the mode ranks
     * by meaning).
     */
    private Map<String, Double> rank(String text, int k, Mode mode, View v, boolean floor, Supplier<float[]> vector) {
        Map<String, Double> score = new HashMap<>();
        if (mode != Mode.LEXICAL && !loadingAhead) {
            loadEmbedderAhead(); // the model loads while WordNet is read: a cold search pays the longer of the two
        }
        // a category the words name is looked for by its kinds' words and by its name as a phrase: "big cat" finds
        // "lion", and its word "cat" alone no longer lifts every tabby cat (lexical-only searches keep the words)
        CategoryWords.Widened widened = mode == Mode.HYBRID ? categories.get().widen(text) : null;
        List<VectorIndex.Scored> lex = mode == Mode.SEMANTIC ? List.of()
                : widened == null ? v.lexical().search(text, k)
                : v.lexical().search(widened.lexical(), widened.names(), k);
        // no word of it in the library or the dictionary (a made-up word, a typo, a name): found by meaning alone,
        // a result must be nearer than the model puts any string to some prompt
        float minCosine = mode == Mode.HYBRID && lex.isEmpty() && !categories.get().knowsAWord(text)
                ? UNKNOWN_WORDS_MIN_COSINE : MIN_COSINE;
        // the matches of its words in scripts the model cannot read (CJK, emoji …) rank above every other result
        String other = mode == Mode.HYBRID ? OtherScripts.words(text) : "";
        java.util.Set<String> lifted = other.isEmpty() || lex.isEmpty() ? java.util.Set.of()
                : v.lexical().search(other, k).stream().map(VectorIndex.Scored::contentHash)
                .collect(java.util.stream.Collectors.toSet());
        float[] query = mode == Mode.LEXICAL ? null : vector.get();
        VectorIndex vi = mode == Mode.LEXICAL ? null : v.vectors();
        double bestCosine = 0;
        List<VectorIndex.Scored> near = vi == null ? List.of() : vi.nearest(query, k, minCosine);
        if (vi != null) {
            for (VectorIndex.Scored s : near) {
                score.put(s.contentHash(), (double) s.score());
                bestCosine = Math.max(bestCosine, s.score());
            }
        }
        // the assets the lexical ranking scored: those left out of its best k are added to it, and the generic
        // floor cuts only the others
        java.util.Set<String> worded = new java.util.HashSet<>();
        if (mode == Mode.HYBRID && !near.isEmpty()) {
            lex.forEach(s -> worded.add(s.contentHash()));
            if (lex.size() >= k) {
                lex = withLeftOut(lex, near, worded, text, widened, v);
            }
        }
        if (!lex.isEmpty()) {
            double best = lex.get(0).score();
            double weight = mode == Mode.LEXICAL ? 1 : lexicalWeight;
            // an asset whose vector is not made yet (just organized; embedding runs behind) still ranks by its
            // words: its missing cosine is taken as its share of the best lexical score times the best cosine
            // found, so the best lexical match without a vector stands level with the best semantic match
            double stand = bestCosine > 0 ? bestCosine : 0.5;
            for (VectorIndex.Scored s : lex) {
                double relative = s.score() / best;
                double base;
                if (score.containsKey(s.contentHash()) || vi == null) {
                    base = score.getOrDefault(s.contentHash(), 0.0);
                } else if (vi.has(s.contentHash())) {
                    base = vi.similarity(s.contentHash(), query);
                } else {
                    base = mode == Mode.SEMANTIC ? 0 : stand * relative;
                }
                score.put(s.contentHash(), base + weight * relative
                        + (lifted.contains(s.contentHash()) ? OTHER_SCRIPT_LIFT : 0));
            }
        }
        if (floor && genericShare > 0 && !near.isEmpty()) {
            cutGeneric(score, near, worded, vi);
        }
        if (rankFusion && mode == Mode.HYBRID) {
            score = reciprocalRanks(vi == null ? List.of() : vi.nearest(query, k, MIN_COSINE), lex);
        }
        return score;
    }

    /**
     * The lexical ranking, which stopped at its best {@code k}, with the BM25 scores of the semantic candidates it left
     * out added after it (and to {@code worded}): without them a strong match by meaning lost its words' share of the score when more than
     * {@code k} assets shared those words, so it ranked lower under a small page than in the whole list.
     */
    private static List<VectorIndex.Scored> withLeftOut(List<VectorIndex.Scored> lex, List<VectorIndex.Scored> near,
                                                        java.util.Set<String> worded, String text,
                                                        CategoryWords.Widened widened, View v) {
        List<String> missing = near.stream().map(VectorIndex.Scored::contentHash).filter(h -> !worded.contains(h))
                .toList();
        if (missing.isEmpty()) {
            return lex;
        }
        List<VectorIndex.Scored> extra = widened == null ? v.lexical().scoresOf(text, List.of(), missing)
                : v.lexical().scoresOf(widened.lexical(), widened.names(), missing);
        if (extra.isEmpty()) {
            return lex;
        }
        extra.forEach(e -> worded.add(e.contentHash()));
        List<VectorIndex.Scored> out = new java.util.ArrayList<>(lex.size() + extra.size());
        out.addAll(lex);
        out.addAll(extra);
        return out;
    }

    /**
     * Removes from {@code score} the results found by meaning alone that stand out from generic phrases less than
     * {@link #genericShare} of what the best candidate does ({@link #GENERIC_SHARE}). A result's standing is its
     * cosine to the query minus its projection on the generic direction; for a result found by meaning alone its
     * score is its cosine.
     */
    private void cutGeneric(Map<String, Double> score, List<VectorIndex.Scored> near, java.util.Set<String> worded,
                            VectorIndex vi) {
        float[] g = genericDirection();
        if (g == null) {
            return;
        }
        double best = 0;
        Map<String, Double> standing = new HashMap<>();
        for (VectorIndex.Scored s : near) {
            double st = s.score() - vi.projection(s.contentHash(), g);
            best = Math.max(best, st);
            if (!worded.contains(s.contentHash())) {
                standing.put(s.contentHash(), st);
            }
        }
        if (best <= 0) {
            return; // nothing stands out from generic phrases: no yardstick
        }
        double floor = genericShare * best;
        standing.forEach((hash, st) -> {
            if (st < floor) {
                score.remove(hash);
            }
        });
    }

    /** The generic direction of the embedder's model, or null when none is kept for it. */
    private float[] genericDirection() {
        java.util.Optional<float[]> g = generic;
        if (g == null) {
            g = GenericDirection.of(embedder().model());
            generic = g;
        }
        return g.orElse(null);
    }

    /** Reciprocal rank fusion of two rankings (k = 60, as Cormack et al. proposed), for the evaluation to compare. */
    private static Map<String, Double> reciprocalRanks(List<VectorIndex.Scored> a, List<VectorIndex.Scored> b) {
        Map<String, Double> out = new HashMap<>();
        for (List<VectorIndex.Scored> list : List.of(a, b)) {
            for (int i = 0; i < list.size(); i++) {
                out.merge(list.get(i).contentHash(), 1.0 / (60 + i + 1), Double::sum);
            }
        }
        return out;
    }

    private static Map<String, Map<String, Long>> emptyFacets() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (io.alicemultiverse.catalog.Facet f : io.alicemultiverse.catalog.Facet.values()) {
            out.put(f.key(), Map.of());
        }
        return out;
    }

    /**
     * {@code s}'s value, got at the first call and kept: a search that ranks twice (its page, then every match for
     * the facets) embeds its words and counts its look-up in the query cache once.
     */
    private static <T> Supplier<T> once(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    // ---- keeping the indexes in step ----

    /**
     * This machine's lexical index for counting facets, when it exists and catches up with a few re-indexed assets;
     * else empty, and the catalog counts them (no index is built for facets alone).
     */
    private java.util.Optional<LexicalIndex> facetIndex() {
        if (lexical == null) {
            Path p = IndexFolder.lexical(catalog, library, System.getenv());
            if (!LexicalIndex.present(p)) {
                return java.util.Optional.empty();
            }
            lexical = LexicalIndex.at(p);
        }
        return lexical.catchUp(catalog) ? java.util.Optional.of(lexical) : java.util.Optional.empty();
    }

    private LexicalIndex lexical() {
        if (lexical == null) {
            lexical = LexicalIndex.at(IndexFolder.lexical(catalog, library, System.getenv()));
        }
        lexical.sync(catalog, () -> onIndexBuild.accept(catalog.assetCount()));
        return lexical;
    }

    /**
     * Tells {@code notice} how many assets there are before this machine's lexical index is built whole: at the first
     * search with words on this machine (or for this library), or one far behind the catalog. It takes seconds per
     * 100,000 assets (docs/benchmarks.md), once; the CLI says so instead of seeming to hang.
     */
    public void onIndexBuild(java.util.function.LongConsumer notice) {
        this.onIndexBuild = notice;
    }

    /**
     * The embedding of a query's text, from a small cache of recent ones: paging through results and refining
     * filters repeat the same words, and embedding costs milliseconds.
     */
    private float[] queryVector(String text) {
        float[] v;
        synchronized (recentQueries) {
            v = recentQueries.get(text);
        }
        (v == null ? QUERY_CACHE_MISSES : QUERY_CACHE_HITS).increment();
        if (v == null) {
            if (!loadingAhead) {
                loadEmbedderAhead(); // the model loads while WordNet is read: a cold search pays the longer of the two
            }
            // the categories the words name are widened to their kinds first ("big cat": lion, tiger, …)
            v = embedder().embed(categories.get().widen(text).embedded()); // thread-safe (ONNX Runtime sessions are)
            synchronized (recentQueries) {
                recentQueries.put(text, v);
            }
        }
        return v;
    }

    private static io.micrometer.core.instrument.Counter queryCache(String result) {
        return io.micrometer.core.instrument.Counter.builder("alice_cache_lookups")
                .description("cache lookups by cache and result").tag("cache", "search_query").tag("result", result)
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    /** Forgets the cached query embeddings, so the next text query embeds its words again (for benchmarks). */
    public void forgetQueries() {
        synchronized (recentQueries) {
            recentQueries.clear();
        }
    }

    /**
     * Starts loading the embedding model on a background (daemon) thread, for a caller that knows texts will need
     * embedding soon — an organize run that is filing new files loads it while they are read instead of after.
     */
    public void loadEmbedderAhead() {
        loadingAhead = true;
        TextEmbedder e = embedder();
        Thread t = new Thread(() -> {
            try {
                e.load();
            } catch (RuntimeException | LinkageError ignored) {
                // the real use reports it
            }
        }, "embedder-load");
        t.setDaemon(true);
        t.start();
    }

    private TextEmbedder embedder() {
        if (embedder == null) {
            embedder = embedderSupplier.get();
        }
        return embedder;
    }

    /**
     * The vectors, reloaded when the catalog changed since they loaded. A cold engine first embeds what lacks a
     * vector (within its budget, {@link #embedWithin}); a warm one never makes a search wait for that: it tells
     * its owner ({@link #onMissingVectors}), which embeds in the background ({@link #missingBatch},
     * {@link #store}). Until then those assets rank by their words.
     */
    private VectorIndex vectors() {
        long now = catalog.changeCounter();
        if (cacheRows && vectors != null && vectorsCounter != now) {
            // warm: another process's change reaches the loaded vectors through the change log, not a reload
            java.util.Optional<java.util.Set<String>> changed = catalog.changedBetween(vectorsCounter, now);
            if (changed.isPresent() && changed.get().size() <= CATCH_UP_MAX) {
                vectors = vectors.updated(catalog, embedder().model(), changed.get());
                vectorsCounter = now;
                if (onMissing != null && !changed.get().isEmpty()) {
                    onMissing.run(); // the changed texts may lack vectors: the owner embeds them in the background
                }
            }
        }
        if (vectors == null || vectorsCounter != catalog.changeCounter()) {
            TextEmbedder e = embedder();
            if (!cacheRows) {
                Embeddings.fillMissing(catalog, e, embedBudget == null ? Long.MAX_VALUE
                        : System.nanoTime() + embedBudget.toNanos());
            }
            vectorsCounter = catalog.changeCounter();
            vectors = loadVectors(e, vectorsCounter);
            if (cacheRows && onMissing != null) {
                onMissing.run();
            }
        }
        return vectors;
    }

    /**
     * The vector index as of change {@code counter}. A shared catalog's comes from this machine's cache file when
     * there is one ({@link VectorCache}), brought up to date with the assets the change log names since and the
     * vectors stored since; the file is written again after a full load, or once the catch-up has grown large. A DuckDB catalog's is
     * read from the catalog (a local file already).
     */
    private VectorIndex loadVectors(TextEmbedder e, long counter) {
        if (!catalog.shared()) {
            return VectorIndex.load(catalog, e.model(), e.dimensions());
        }
        Path file = VectorCache.file(IndexFolder.lexical(catalog, library, System.getenv()), e.model());
        io.alicemultiverse.catalog.SearchIndexSources sources = catalog.searchIndexSources();
        long mark = sources.vectorMark(e.model());
        VectorCache.Cached cached = VectorCache.read(file, e.model(), e.dimensions());
        if (cached != null && cached.mark() <= mark && cached.counter() <= counter) {
            java.util.Optional<java.util.Set<String>> changed = cached.counter() == counter
                    ? java.util.Optional.of(java.util.Set.of()) : catalog.changedBetween(cached.counter(), counter);
            if (changed.isPresent() && changed.get().size() <= CATCH_UP_MAX) {
                java.util.Set<String> refresh = new java.util.HashSet<>(changed.get());
                if (mark > cached.mark()) {
                    // a batch numbered a little earlier may have committed after the cache was written
                    refresh.addAll(sources.storedSince(e.model(), cached.mark() - MARK_SLACK));
                }
                if (refresh.isEmpty()) {
                    return cached.index();
                }
                VectorIndex index = cached.index().updated(catalog, e.model(), refresh);
                if (refresh.size() >= REWRITE_AFTER || counter - cached.counter() >= REWRITE_AFTER) {
                    // a small catch-up costs less than writing the whole file again (tens of MB at 100k assets):
                    // the next start catches up the same way, until enough has changed to write it anew
                    VectorCache.write(file, e.model(), index, counter, mark);
                }
                return index;
            }
        }
        VectorIndex index = VectorIndex.load(catalog, e.model(), e.dimensions());
        VectorCache.write(file, e.model(), index, counter, mark);
        return index;
    }

    /**
     * Limits how long one search of a cold engine spends embedding assets that lack a vector (a one-shot command
     * after an organize that left thousands): the rest rank by their words, and the next search goes on.
     */
    public void embedWithin(java.time.Duration budget) {
        this.embedBudget = budget;
    }

    /** Sets what a warm engine calls when it may have assets without a vector (see {@link #vectors()}). */
    public void onMissingVectors(Runnable r) {
        this.onMissing = r;
    }

    /** Up to {@code maxTexts} distinct texts of assets without a vector, for a background embedder. */
    public Embeddings.Batch missingBatch(int maxTexts) {
        return Embeddings.missing(catalog, embedder().model(), maxTexts);
    }

    /** Embeds texts with this engine's model (thread-safe; call it without holding the catalog). */
    public List<float[]> embed(List<String> texts) {
        return embedder().embedAll(texts);
    }

    /**
     * Stores the vectors of a batch ({@link #missingBatch}, {@link #embed}) and puts them into the loaded vector
     * index and the warm snapshot at once, so the next search ranks those assets by meaning.
     */
    public void store(Embeddings.Batch batch, List<float[]> vecs) {
        java.util.Set<String> done = Embeddings.store(catalog, embedder().model(), batch, vecs);
        if (vectors != null && vectorsCounter == catalog.changeCounter()) {
            vectors = vectors.updated(catalog, embedder().model(), done);
        }
        publish();
    }

    /**
     * Brings the indexes up to date after this process changed {@code hashes} (organize, tagging), the catalog
     * having been at change counter {@code before}: embeds what lacks a vector (when {@code embed}) and
     * re-indexes those assets.
     */
    public void changed(long before, Collection<String> hashes, boolean embed) {
        // a warm engine has its model loaded: embedding the few changed texts now spares the next query
        java.util.Set<String> touched = new java.util.HashSet<>(hashes);
        // a few (a tag edit, an understanding result) synchronously; an organized inbox is left to the background
        boolean embedded = embed || (cacheRows && embedder != null && hashes.size() <= SYNC_EMBED_MAX);
        if (embedded) {
            touched.addAll(Embeddings.fillMissing(catalog, embedder()));
        }
        long now = catalog.changeCounter();
        if (embedded && vectors != null && vectorsCounter == before) { // patch what changed, not every vector
            vectors = vectors.updated(catalog, embedder().model(), touched);
            vectorsCounter = now;
        } else if (!cacheRows) {
            vectors = null;
        }
        // a warm engine keeps its vectors: the next search catches them up from the change log (an owner's lent
        // organize of thousands of files would otherwise make the gallery's next search read every vector again)
        if (lexical == null) {
            lexical = LexicalIndex.at(IndexFolder.lexical(catalog, library, System.getenv()));
        }
        lexical.update(catalog, before, hashes);
        if (cacheRows && cache != null && cache.counter == before) {
            cache = cache.updated(catalog, hashes);
        }
        publish();
    }

    /** Recreates the lexical index and every embedding from the catalog. */
    public void rebuild(boolean embed) {
        if (lexical == null) {
            lexical = LexicalIndex.at(IndexFolder.lexical(catalog, library, System.getenv()));
        }
        lexical.rebuild(catalog, catalog.changeCounter());
        if (embed) {
            Embeddings.fillMissing(catalog, embedder());
        }
        vectors = null;
    }

    /**
     * Loads what text queries need now and from then on keeps every asset's row in memory (reloaded when the
     * catalog's change counter moves): for servers and benchmarks, not for one-shot commands.
     */
    public void warm() {
        lexical();
        vectors();
        cacheRows = true;
        freshCache();
        publish();
    }

    /** After a search under the lock: when warm and every part is current, offer them to {@link #searchIfWarm}. */
    private void publish() {
        if (!cacheRows || cache == null || lexical == null || vectors == null) {
            return;
        }
        long now = catalog.changeCounter();
        if (cache.counter == now && vectorsCounter == now && lexical.counter() == now
                && (snapshot == null || snapshot.counter() != now || snapshot.vectors() != vectors)) {
            snapshot = new Snapshot(now, new WarmRows(cache), lexical, vectors);
        }
    }

    private RowCache freshCache() {
        if (!cacheRows) {
            return null;
        }
        long now = catalog.changeCounter();
        if (cache != null && cache.counter != now) {
            // another process changed the catalog: read again only the rows its change log names
            java.util.Optional<java.util.Set<String>> changed = catalog.changedBetween(cache.counter, now);
            cache = changed.isPresent() && changed.get().size() <= CATCH_UP_MAX
                    ? cache.updated(catalog, changed.get(), now) : null;
        }
        if (cache == null) {
            cache = RowCache.load(catalog);
        }
        return cache;
    }

    @Override
    public void close() {
        if (lexical != null) {
            lexical.close();
        }
    }
}
