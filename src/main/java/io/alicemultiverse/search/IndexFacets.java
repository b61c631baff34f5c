package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Facet;
import io.alicemultiverse.catalog.SearchIndexSources;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facet fields of the lexical index's documents, and facet counts read from them: each asset's source, project,
 * model and month as sorted doc values, its distinct tags as sorted-set doc values, so a one-shot search counts
 * facets without the catalog's statement ({@link Facet} names them; {@code IndexFacetsTest} checks the counts equal
 * the catalog's on both backends). Stateless.
 */
final class IndexFacets {
    /** Marks a document whose facet fields are not exact (a value too long for doc values, a tag holding the separator its list travels with). */
    private static final String FACETS_INEXACT = "facets_inexact";
    /** The longest value doc values hold, in UTF-8 bytes (Lucene's limit for a sorted value). */
    private static final int MAX_FACET_VALUE = 32_766;
    /**
     * Below one in this many documents, a facet count finds the given assets' documents by their hash terms; above,
     * it reads every document's hash (at 1,000,000 assets, cold: a 1 % tag's 10,000 matches 0.23–0.33 s read, 0.34–0.46 s
     * looked up by term).
     */
    private static final int LOOK_UP_SHARE = 256;

    private IndexFacets() {
    }

    /** Adds {@code src}'s facet fields to its document (and the inexact mark where one cannot be held exactly). */
    static void addFields(Document d, SearchIndexSources.LexicalSource src) {
        boolean exact = src.tagsExact();
        for (Facet f : Facet.values()) {
            if (f == Facet.TAG) {
                for (String tag : new java.util.HashSet<>(src.tags())) {
                    BytesRef v = new BytesRef(tag);
                    exact &= v.length <= MAX_FACET_VALUE;
                    if (v.length <= MAX_FACET_VALUE) {
                        d.add(new SortedSetDocValuesField(facetField(f), v));
                    }
                }
                continue;
            }
            String value = facetValue(f, src);
            if (value != null) {
                BytesRef v = new BytesRef(value);
                exact &= v.length <= MAX_FACET_VALUE;
                if (v.length <= MAX_FACET_VALUE) {
                    d.add(new SortedDocValuesField(facetField(f), v));
                }
            }
        }
        if (!exact) {
            d.add(new StringField(FACETS_INEXACT, "1", Field.Store.NO));
        }
    }

    private static String facetField(Facet f) {
        return "facet_" + f.key();
    }

    /** The value of a single-valued facet; null when the asset has none (counted as the facet's missing label). */
    private static String facetValue(Facet f, SearchIndexSources.LexicalSource src) {
        return switch (f.field()) {
            case SOURCE -> src.source();
            case PROJECT -> src.project();
            case MODEL -> src.model();
            case CREATED -> src.month();
            default -> throw new IllegalStateException("no single value for facet " + f);
        };
    }

    /**
     * Facet counts over {@code hashes} (null: every asset), in the shape of the catalog's ({@code
     * SearchReads#facets}), read from the documents' doc values: at 1,000,000 assets the catalog's statement reads
     * and pairs up every tag row (seconds); here each document's values are read in place. Empty when a document's
     * facet fields are not exact; then the catalog counts them.
     */
    static java.util.Optional<Map<String, Map<String, Long>>> count(IndexSearcher searcher, Collection<String> hashes)
            throws IOException {
        org.apache.lucene.index.IndexReader reader = searcher.getIndexReader();
        if (searcher.count(new TermQuery(new Term(FACETS_INEXACT, "1"))) > 0) { // live documents only
            return java.util.Optional.empty();
        }
        Map<Facet, Map<String, Long>> counts = new java.util.EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            counts.put(f, new HashMap<>());
        }
        FixedBitSet[] looked = hashes != null && hashes.size() < reader.maxDoc() / LOOK_UP_SHARE
                ? lookUp(searcher, hashes) : null;
        java.util.Set<BytesRef> only = hashes == null || looked != null ? null
                : hashes.stream().map(BytesRef::new).collect(java.util.stream.Collectors.toSet());
        List<LeafReaderContext> leaves = reader.leaves();
        for (int l = 0; l < leaves.size(); l++) {
            countLeaf(leaves.get(l).reader(), looked == null ? null : looked[l], only, counts);
        }
        Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
        counts.forEach((f, n) -> out.put(f.key(), f.ordered(n)));
        return java.util.Optional.of(out);
    }

    /** The documents of {@code hashes}, per leaf, found by their hash terms. */
    private static FixedBitSet[] lookUp(IndexSearcher searcher, Collection<String> hashes) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] bits = new FixedBitSet[leaves.size()];
        for (int l = 0; l < bits.length; l++) {
            bits[l] = new FixedBitSet(Math.max(1, leaves.get(l).reader().maxDoc()));
        }
        org.apache.lucene.search.Query q = new org.apache.lucene.search.TermInSetQuery("hash",
                hashes.stream().map(BytesRef::new).toList());
        searcher.search(q, new org.apache.lucene.search.SimpleCollector() {
            private FixedBitSet leaf;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                leaf = bits[context.ord];
            }

            @Override
            public void collect(int doc) {
                leaf.set(doc);
            }

            @Override
            public org.apache.lucene.search.ScoreMode scoreMode() {
                return org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return bits;
    }

    /**
     * Adds one leaf's counts: of the documents set in {@code looked}, or else those whose hash is in {@code only}, or
     * else every live one.
     */
    private static void countLeaf(LeafReader leaf, FixedBitSet looked,
                                  java.util.Set<BytesRef> only, Map<Facet, Map<String, Long>> counts)
            throws IOException {
        Facet[] facets = Facet.values();
        SortedDocValues[] single = new SortedDocValues[facets.length];
        long[][] n = new long[facets.length][];
        long[] missing = new long[facets.length];
        SortedSetDocValues tags = null;
        for (int i = 0; i < facets.length; i++) {
            if (facets[i] == Facet.TAG) {
                tags = leaf.getSortedSetDocValues(facetField(facets[i]));
                n[i] = new long[tags == null ? 0 : (int) tags.getValueCount()];
            } else {
                single[i] = leaf.getSortedDocValues(facetField(facets[i]));
                n[i] = new long[single[i] == null ? 0 : single[i].getValueCount()];
            }
        }
        Bits live = leaf.getLiveDocs();
        BinaryDocValues hash = only == null ? null : leaf.getBinaryDocValues(LexicalIndex.HASH_VALUES);
        if (only != null && hash == null) {
            return;
        }
        int max = leaf.maxDoc();
        int doc = looked == null ? 0 : (max == 0 ? DocIdSetIterator.NO_MORE_DOCS : looked.nextSetBit(0));
        while (doc < max) {
            boolean counted = (live == null || live.get(doc))
                    && (only == null || hash.advanceExact(doc) && only.contains(hash.binaryValue()));
            if (counted) {
                for (int i = 0; i < facets.length; i++) {
                    if (facets[i] == Facet.TAG) {
                        if (tags != null && tags.advanceExact(doc)) {
                            for (int k = tags.docValueCount(); k > 0; k--) {
                                n[i][(int) tags.nextOrd()]++;
                            }
                        }
                    } else if (single[i] != null && single[i].advanceExact(doc)) {
                        n[i][single[i].ordValue()]++;
                    } else {
                        missing[i]++;
                    }
                }
            }
            doc = looked == null ? doc + 1
                    : doc + 1 >= max ? DocIdSetIterator.NO_MORE_DOCS : looked.nextSetBit(doc + 1);
        }
        for (int i = 0; i < facets.length; i++) {
            Map<String, Long> to = counts.get(facets[i]);
            for (int ord = 0; ord < n[i].length; ord++) {
                if (n[i][ord] > 0) {
                    BytesRef v = facets[i] == Facet.TAG ? tags.lookupOrd(ord) : single[i].lookupOrd(ord);
                    to.merge(v.utf8ToString(), n[i][ord], Long::sum);
                }
            }
            if (missing[i] > 0) {
                to.merge(facets[i].missing(), missing[i], Long::sum);
            }
        }
    }
}
