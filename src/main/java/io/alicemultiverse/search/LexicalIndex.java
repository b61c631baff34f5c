package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SearchIndexSources;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

// Over 400 lines: one Lucene index's life (open, catch up, rebuild, re-index) and the reads that share the reader it
// swaps (ranking, facets, phrases); what facets and phrases read from each document lives in IndexFacets and IndexPhrases.
/**
 * A Lucene index of every asset's prompt, descriptions and tags ({@link WordAnalyzer}: English stop words and Porter
 * stemming, accents folded, CJK characters and their pairs; BM25), kept at
 * {@code <library>/.alice/search/lexical}, or for a shared catalog in this user's cache folder ({@link IndexFolder}). It records the catalog change counter it reflects; {@link #sync} rebuilds
 * it from the catalog when the counters differ, {@link #update} re-indexes named assets after a change this
 * process made. Not thread-safe for writes; searches may run concurrently.
 */
final class LexicalIndex implements AutoCloseable {
    static {
        LuceneNotices.ensureQuiet();
    }

    private static final String COUNTER = "catalog_changes";
    private static final String FORMAT = "format";
    /**
     * Bumped when the documents change shape; an index of another format is rebuilt. 2: hashes in doc values; 3: the
     * fields facets count; 4: the lower-case text phrases look into; 5: and the creation time; 6: accents folded
     * (terms and phrase text) and CJK text as characters and their pairs ({@link WordAnalyzer}): an older index would
     * miss "café" for "cafe" and "桜の木" for "桜" without saying so; 7: phrase text folds letters that stand for two
     * ("Straße" holds "strasse", {@link io.alicemultiverse.catalog.Accents}).
     */
    private static final String CURRENT_FORMAT = "7";
    static final String HASH_VALUES = "hash_values";
    private final Directory dir;
    /** What documents are indexed with, and what queries are read with ({@link WordAnalyzer}). */
    private final Analyzer analyzer = new WordAnalyzer(true);
    private final Analyzer queries = new WordAnalyzer(false);
    /** The reader searches use, swapped whole on reopen; each search holds a reference while it runs. */
    private volatile Opened opened;
    private volatile long counter = -1;

    /** An open point-in-time view of the index. */
    private record Opened(DirectoryReader reader, IndexSearcher searcher) {
    }

    private LexicalIndex(Directory dir) {
        this.dir = dir;
    }

    static LexicalIndex open(Path library) {
        return at(library.resolve(".alice").resolve("search").resolve("lexical"));
    }

    /**
     * The index kept in {@code p}. Writers of other processes on this machine (a shared catalog has no owner, so
     * several processes may keep one cache folder) are waited for, up to 30 s, instead of failing on Lucene's lock.
     */
    static LexicalIndex at(Path p) {
        try {
            // this user's own: in .alice/, or in the cache folder for a shared catalog (prompts, tags); an older
            // alice's wider cache folders are narrowed
            io.alicemultiverse.media.Folders.privately(p);
            io.alicemultiverse.media.Folders.narrow(p);
            io.alicemultiverse.media.Folders.narrow(p.getParent());
            LexicalIndex index = new LexicalIndex(new org.apache.lucene.store.SleepingLockWrapper(new PrivateDirectory(FSDirectory.open(p)),
                    30_000));
            if (DirectoryReader.indexExists(index.dir)) {
                index.reopen();
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index: " + e.getMessage(), e);
        }
    }

    /**
     * Catches up with the catalog when it changed since the index was last brought up to date (another process
     * organized, tagged or described assets): re-indexes the assets the catalog's change log names, or rebuilds
     * everything when the log cannot tell or names too many (telling {@code beforeRebuild} first).
     */
    void sync(Catalog catalog, Runnable beforeRebuild) {
        if (!catchUp(catalog)) {
            beforeRebuild.run();
            rebuild(catalog, catalog.changeCounter());
        }
    }

    /**
     * Brings the index up to date when that costs re-indexing the few assets the change log names; false, leaving
     * it as it is, when it would take a rebuild (no index yet, another format, a log that cannot tell or names too
     * many).
     */
    boolean catchUp(Catalog catalog) {
        long now = catalog.changeCounter();
        if (now == counter) {
            return true;
        }
        if (counter < 0) {
            return false;
        }
        java.util.Optional<java.util.Set<String>> changed = catalog.changedBetween(counter, now);
        if (changed.isEmpty() || changed.get().size() > 5_000) {
            return false;
        }
        reindex(catalog, changed.get(), now);
        return true;
    }

    /** Whether an index has been written in {@code p} (without creating the folder). */
    static boolean present(Path p) {
        try (java.util.stream.Stream<Path> names = Files.list(p)) {
            return names.anyMatch(n -> n.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Re-indexes {@code hashes} after a change that moved the catalog from counter {@code before} to a new value;
     * rebuilds everything when the index was not at {@code before}.
     */
    void update(Catalog catalog, long before, Collection<String> hashes) {
        long now = catalog.changeCounter();
        if (counter != before || hashes.size() > 5_000) {
            rebuild(catalog, now);
            return;
        }
        reindex(catalog, hashes, now);
    }

    /** Replaces the documents of {@code hashes} with what the catalog holds now, as of change counter {@code now}. */
    private void reindex(Catalog catalog, Collection<String> hashes, long now) {
        try (IndexWriter w = writer(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)) {
            for (String h : hashes) {
                w.deleteDocuments(new Term("hash", h));
            }
            addAll(w, catalog, hashes, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reopen();
    }

    /** How many whole rebuilds this process made (tests check that a change elsewhere is caught up, not rebuilt). */
    static final java.util.concurrent.atomic.AtomicInteger REBUILDS = new java.util.concurrent.atomic.AtomicInteger();

    void rebuild(Catalog catalog, long now) {
        REBUILDS.incrementAndGet();
        try (IndexWriter w = writer(IndexWriterConfig.OpenMode.CREATE)) {
            addAll(w, catalog, null, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reopen();
    }

    /** Adds the documents of {@code hashes} (null: every asset) and commits them as of change counter {@code now}. */
    private void addAll(IndexWriter w, Catalog catalog, Collection<String> hashes, long now) throws IOException {
        catalog.searchIndexSources().lexicalSources(hashes, src -> {
            try {
                w.addDocument(doc(src));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.setLiveCommitData(Map.of(COUNTER, Long.toString(now), FORMAT, CURRENT_FORMAT).entrySet());
        w.commit();
    }

    /** The best {@code k} assets for {@code text} by BM25, best first; empty when no word of it is indexable. */
    List<VectorIndex.Scored> search(String text, int k) {
        return search(text, List.of(), k);
    }

    /**
     * The best {@code k} assets for the words of {@code text} or any of {@code phrases} (their words next to each
     * other, one word between allowed), by BM25, best first; empty when nothing of either is indexable.
     */
    List<VectorIndex.Scored> search(String text, List<String> phrases, int k) {
        org.apache.lucene.search.Query q = query(text, phrases);
        return q == null ? List.of() : top(q, k);
    }

    /**
     * The BM25 scores, for the same words and phrases as {@link #search(String, List, int)}, of the assets among
     * {@code hashes} that match them (in no particular order): a ranking that stops at its best {@code k} leaves out
     * matches that the other ranking brought in, and their share of the lexical score would be missing.
     */
    List<VectorIndex.Scored> scoresOf(String text, List<String> phrases, java.util.Collection<String> hashes) {
        org.apache.lucene.search.Query q = query(text, phrases);
        if (q == null || hashes.isEmpty()) {
            return List.of();
        }
        List<org.apache.lucene.util.BytesRef> terms = hashes.stream().map(org.apache.lucene.util.BytesRef::new).toList();
        org.apache.lucene.search.Query only = new BooleanQuery.Builder()
                .add(q, BooleanClause.Occur.MUST)
                .add(new org.apache.lucene.search.TermInSetQuery("hash", terms), BooleanClause.Occur.FILTER)
                .build();
        return top(only, hashes.size());
    }

    /**
     * The words of {@code text} and the {@code phrases} as one query; null when nothing of them is indexable. At
     * most {@link #MAX_TERMS} terms, the phrases' first (they also filter), then the first words: Lucene refuses a query
     * of more than 1,024 ("maxClauseCount is set to 1024" was all a query of 1,500 words got).
     */
    private org.apache.lucene.search.Query query(String text, List<String> phrases) {
        List<String> phrasesWithTerms = phrases.stream().filter(p -> !terms(p).isEmpty()).toList();
        int[] phraseTerms = phrasesWithTerms.stream().mapToInt(p -> terms(p).size()).toArray();
        int budget = MAX_TERMS - Arrays.stream(phraseTerms).sum();
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        for (String t : terms(text)) {
            if (budget-- <= 0) {
                break;
            }
            q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        int phraseBudget = MAX_TERMS;
        for (int i = 0; i < phraseTerms.length; i++) {
            if ((phraseBudget -= phraseTerms[i]) < 0) {
                break;
            }
            // the terms at the analyzer's positions, one word between allowed: CJK characters and their pairs
            // stand at the same positions
            org.apache.lucene.search.Query phrase = new org.apache.lucene.util.QueryBuilder(queries)
                    .createPhraseQuery("text", phrasesWithTerms.get(i), 1);
            if (phrase != null) {
                q.add(phrase, BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : q.build();
    }

    /** The most terms a ranked query holds, below Lucene's 1,024 clauses with room for the filters around it. */
    static final int MAX_TERMS = 1000;

    private List<VectorIndex.Scored> top(org.apache.lucene.search.Query q, int k) {
        return read(o -> java.util.Optional.of(hashes(o.reader(), o.searcher().search(q, Math.max(1, k)).scoreDocs)))
                .orElse(List.of());
    }

    /** The current view with a reference held (a reopen meanwhile closes it only after {@link #release}). */
    private Opened acquire() {
        while (true) {
            Opened o = opened;
            if (o == null) {
                return null;
            }
            if (o.reader().tryIncRef()) {
                return o;
            }
            // closed by a reopen between reading the field and taking the reference: read the new one
        }
    }

    private static void release(Opened o) {
        try {
            o.reader().decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The content hashes of {@code hits}, in their order, read from doc values: stored fields would decompress a
     * block per hit (most of a query's time at a few thousand hits), doc values are read in place, in doc order.
     */
    private static List<VectorIndex.Scored> hashes(DirectoryReader reader, ScoreDoc[] hits) throws IOException {
        ScoreDoc[] byDoc = hits.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
        Map<Integer, String> hash = new HashMap<>(hits.length * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        int leaf = -1;
        BinaryDocValues values = null;
        for (ScoreDoc d : byDoc) {
            int l = ReaderUtil.subIndex(d.doc, leaves);
            if (l != leaf) {
                leaf = l;
                values = leaves.get(l).reader().getBinaryDocValues(HASH_VALUES);
            }
            if (values != null && values.advanceExact(d.doc - leaves.get(l).docBase)) {
                hash.put(d.doc, values.binaryValue().utf8ToString());
            }
        }
        List<VectorIndex.Scored> out = new ArrayList<>(hits.length);
        for (ScoreDoc d : hits) {
            String h = hash.get(d.doc);
            if (h != null) {
                out.add(new VectorIndex.Scored(h, d.score));
            }
        }
        return out;
    }

    Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = queries.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Whether some asset's text holds a word of {@code text} (as a search reads it: stemmed, accents folded); empty
     * when there is no index or no word to tell by (stop words, emoji). Bring the index up to date first
     * ({@link #catchUp}).
     */
    java.util.Optional<Boolean> holdsAWord(String text) {
        Set<String> wanted = terms(text);
        return wanted.isEmpty() ? java.util.Optional.empty() : read(o -> {
            for (String t : wanted) {
                if (o.reader().docFreq(new org.apache.lucene.index.Term("text", t)) > 0) {
                    return java.util.Optional.of(true);
                }
            }
            return java.util.Optional.of(false);
        });
    }

    private static Document doc(SearchIndexSources.LexicalSource src) {
        String tags = src.tags().isEmpty() ? null : String.join(" . ", src.tags());
        Document d = new Document();
        d.add(new StringField("hash", src.contentHash(), Field.Store.NO));
        d.add(new BinaryDocValuesField(HASH_VALUES, new BytesRef(src.contentHash())));
        d.add(new TextField("text", AssetText.lexical(src.prompt(), src.descriptions(), tags), Field.Store.NO));
        IndexFacets.addFields(d, src);
        IndexPhrases.addField(d, src);
        return d;
    }

    /**
     * Facet counts over {@code hashes} (null: every asset), read from the documents' doc values ({@link IndexFacets});
     * empty when there is no index or its facet fields are not exact, and then the catalog counts them. Bring the
     * index up to date first ({@link #catchUp}).
     */
    java.util.Optional<Map<String, Map<String, Long>>> facets(Collection<String> hashes) {
        return read(o -> IndexFacets.count(o.searcher(), hashes));
    }

    /**
     * The assets whose search text holds every one of {@code phrases} (hash and creation time), read from the documents
     * ({@link IndexPhrases}); empty when there is no index, a document has no text, or more than {@code most} match:
     * then the catalog answers. Bring the index up to date first ({@link #catchUp}).
     */
    java.util.Optional<List<IndexPhrases.Matched>> containing(List<String> phrases, int most) {
        return read(o -> IndexPhrases.containing(o.reader(), phrases, most));
    }

    /** What {@code call} answers from the current view (held while it runs); empty when there is no index. */
    private <T> java.util.Optional<T> read(ViewRead<T> call) {
        Opened o = acquire();
        if (o == null) {
            return java.util.Optional.empty();
        }
        try {
            return call.apply(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(o);
        }
    }

    private interface ViewRead<T> {
        java.util.Optional<T> apply(Opened o) throws IOException;
    }

    private IndexWriter writer(IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig c = new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(64);
        return new IndexWriter(dir, c);
    }

    private void reopen() {
        try {
            DirectoryReader reader = DirectoryReader.open(dir);
            Map<String, String> data = reader.getIndexCommit().getUserData();
            String c = data.get(COUNTER);
            Opened old = opened;
            opened = new Opened(reader, new IndexSearcher(reader));
            counter = c == null || !CURRENT_FORMAT.equals(data.get(FORMAT)) ? -1 : Long.parseLong(c);
            if (old != null) {
                old.reader().decRef(); // closes once the searches holding it are done
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog change counter the index reflects, or -1. */
    long counter() {
        return counter;
    }

    @Override
    public void close() {
        try {
            Opened o = opened;
            if (o != null) {
                o.reader().decRef();
            }
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
