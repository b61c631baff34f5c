package io.alicemultiverse.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What search builds its indexes from: every asset's row and search text for the warm rows in memory, the text of the
 * lexical index's documents, the texts still to embed, and the stored embeddings. Each read covers every asset, or
 * only those a change touched, and hands rows on one at a time as they are read ({@code Catalog#stream}). Not thread-safe (the catalog connection is not).
 */
public final class SearchIndexSources {
    /** An asset's displayed row with its media type and its descriptions from understanding (or null). */
    public record IndexedRow(SearchRow row, String mediaType, String descriptions) {
    }

    /**
     * The parts of an asset's lexical document, and the fields its facets count ({@link Facet}).
     *
     * @param tags      every tag of every origin, duplicates kept, in no set order (empty: none)
     * @param tagsExact false when a tag held the character the tags travel joined by (then {@code tags} holds it with
     *                  that character as a space, marked)
     * @param month     the creation month as the catalog's facets count it ({@code yyyy-MM}), or null
     * @param createdAt the creation time, or null
     */
    public record LexicalSource(String contentHash, String prompt, String descriptions, List<String> tags,
                                boolean tagsExact, String source, String project, String model, String month,
                                java.time.LocalDateTime createdAt) {
        /** The tags distinct and sorted, as a warm engine's row ({@link #rows}) holds them. */
        public List<String> sortedTags() {
            return distinctSorted(tags);
        }
    }

    /**
     * The parts of the text an asset is embedded as.
     *
     * @param tags the tags that did not come from the prompt, distinct and sorted, joined by {@code ", "}; or null
     */
    public record EmbeddingSource(String contentHash, String prompt, String descriptions, String tags) {
    }

    private final Catalog catalog;

    SearchIndexSources(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The indexed rows of {@code hashes} (null: every asset), each with its tags distinct and sorted. The tags come
     * with each asset's row, listed by one grouped pass over the tags ({@link SearchText#listedTagsJoin}) instead of
     * every tag row read into a map first (at 1,000,000 assets and 6,300,000 tag rows on PostgreSQL: docs/benchmarks.md);
     * the rare asset with a tag holding the list's separator has its tags read on their own, its row handed on last.
     */
    public void rows(Collection<String> hashes, Consumer<IndexedRow> sink) {
        Map<String, IndexedRow> inexact = new HashMap<>();
        catalog.stream("SELECT a.content_hash, a.path, a.source, a.project, a.model, a.created_at, a.prompt, "
                + "a.media_type, ld.descriptions, lt.listed" + grouped(hashes), groupedParams(hashes), rs -> {
            List<String> tags = listed(rs.getString(10));
            IndexedRow row = new IndexedRow(SearchReads.row(rs, distinctSorted(tags)), rs.getString(8),
                    rs.getString(9));
            if (tags.stream().anyMatch(t -> t.startsWith(SearchText.SPLIT_MARK))) {
                inexact.put(row.row().contentHash(), row);
            } else {
                sink.accept(row);
            }
            return null;
        });
        if (inexact.isEmpty()) {
            return;
        }
        Map<String, List<String>> exact = new HashMap<>();
        catalog.stream("SELECT content_hash, tag FROM tags WHERE content_hash " + SearchSql.IN_HASHES,
                List.of(SearchSql.hashList(inexact.keySet())), rs -> exact.computeIfAbsent(rs.getString(1),
                        k -> new java.util.ArrayList<>()).add(rs.getString(2)));
        for (IndexedRow r : inexact.values()) {
            SearchRow row = r.row();
            sink.accept(new IndexedRow(new SearchRow(row.contentHash(), row.path(), row.source(), row.project(),
                    row.model(), row.createdAt(), row.prompt(), distinctSorted(exact.getOrDefault(row.contentHash(),
                    List.of()))), r.mediaType(), r.descriptions()));
        }
    }

    /**
     * {@code FROM assets a} with each asset's listed tags ({@code lt.listed}) and descriptions ({@code ld.descriptions})
     * joined from one grouped pass over each table, narrowed to {@code hashes} (null: every asset); its parameters
     * are {@link #groupedParams}.
     */
    private String grouped(Collection<String> hashes) {
        String only = hashes == null ? "" : SearchSql.IN_HASHES;
        return " FROM assets a" + SearchText.listedTagsJoin(only) + SearchText.descriptionsJoin(catalog.dialect(), only)
                + (hashes == null ? "" : " WHERE a.content_hash " + only);
    }

    /** What {@link #grouped} binds: the hashes once for each of its joins and once for the assets. */
    private static List<Object> groupedParams(Collection<String> hashes) {
        return hashes == null ? List.of() : Collections.nCopies(3, SearchSql.hashList(hashes));
    }

    /** The tags of a {@link SearchText#listedTagsJoin} list (null: none), as listed. */
    private static List<String> listed(String joined) {
        return joined == null ? List.of() : List.of(joined.split(SearchText.TAG_SEPARATOR, -1));
    }

    private static List<String> distinctSorted(List<String> tags) {
        return tags.size() < 2 ? tags : List.copyOf(new TreeSet<>(tags));
    }

    /** The lexical document parts of {@code hashes} (null: every asset). */
    public void lexicalSources(Collection<String> hashes, Consumer<LexicalSource> sink) {
        catalog.stream("SELECT a.content_hash, a.prompt, ld.descriptions, lt.listed, a.source, a.project, a.model, "
                        + SearchSql.MONTH + ", a.created_at" + grouped(hashes), groupedParams(hashes), rs -> {
                    List<String> tags = listed(rs.getString(4));
                    boolean exact = tags.stream().noneMatch(t -> t.startsWith(SearchText.SPLIT_MARK));
                    java.sql.Timestamp created = rs.getTimestamp(9);
                    sink.accept(new LexicalSource(rs.getString(1), rs.getString(2), rs.getString(3), tags, exact,
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            created == null ? null : created.toLocalDateTime()));
                    return null;
                });
    }

    /**
     * The embedding text parts of up to {@code limit} assets that have no vector of {@code model}, in content-hash
     * order after {@code after} ({@code ""}: from the first). A caller pages through them by the last hash it saw, so
     * a batch costs a walk of its own rows, not a read of every asset (1,000,000 on a shared catalog).
     */
    public List<EmbeddingSource> unembedded(String model, String after, int limit) {
        return catalog.select("SELECT a.content_hash, a.prompt, " + SearchText.nonPromptTags(catalog.dialect()) + ", "
                + SearchText.descriptions(catalog.dialect()) + " FROM assets a WHERE a.content_hash > ? AND NOT EXISTS "
                + "(SELECT 1 FROM embeddings e WHERE e.content_hash = a.content_hash AND e.model = ?) "
                + "ORDER BY a.content_hash LIMIT ?", List.of(after, model, limit),
                rs -> new EmbeddingSource(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(3)));
    }

    /** The newest mark of {@code model}'s stored vectors (0 when none has one): see {@link #storedSince}. */
    public long vectorMark(String model) {
        return catalog.select("SELECT coalesce(max(stored), 0) FROM embeddings WHERE model = ?", List.of(model),
                rs -> rs.getLong(1)).get(0);
    }

    /**
     * The assets whose {@code model} vector was stored with a mark above {@code mark}. Marks come from a sequence
     * when a batch's transaction begins, so a batch begun earlier may commit after a later one: a reader asks from a
     * few marks before the newest it has seen.
     */
    public List<String> storedSince(String model, long mark) {
        return catalog.select("SELECT content_hash FROM embeddings WHERE model = ? AND stored > ?",
                List.of(model, mark), rs -> rs.getString(1));
    }

    /** The stored vectors of {@code model} for {@code hashes} (null: every asset that has one), by content hash. */
    public void vectors(String model, Collection<String> hashes, BiConsumer<String, float[]> sink) {
        List<Object> params = hashes == null ? List.of(model) : List.of(model, SearchSql.hashList(hashes));
        catalog.stream("SELECT content_hash, vector FROM embeddings WHERE model = ?"
                + (hashes == null ? "" : " AND content_hash " + SearchSql.IN_HASHES), params, rs -> {
            sink.accept(rs.getString(1), SearchSql.floats(rs, 2));
            return null;
        });
    }
}
