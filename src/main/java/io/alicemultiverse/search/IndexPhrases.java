package io.alicemultiverse.search;

import io.alicemultiverse.catalog.SearchIndexSources;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quoted phrases answered from this machine's lexical index: each document keeps the asset's search text in lower
 * case ({@link AssetText#lower}, built from the same prompt, distinct sorted tags and descriptions as a warm engine's
 * row) as doc values, and a phrase is looked for in every document's text here instead of in the catalog's SQL,
 * which builds that text per asset from its tags and descriptions (at 1,000,000 assets on PostgreSQL a one-shot
 * search with a phrase took 7–9 s that way: docs/benchmarks.md). Stateless.
 *
 * <p>The phrases are compared as UTF-8 bytes: both sides are whole, valid UTF-8, so a phrase's bytes occur in a
 * text's bytes exactly where its characters occur in the text's characters.
 */
final class IndexPhrases {
    /** The field holding a document's lower-case search text; absent where the tags could not be read exactly. */
    static final String LOWER_VALUES = "lower_values";
    /** The field holding a document's creation time ({@link #time}); absent for an undated asset. */
    static final String CREATED_VALUES = "created_values";
    /** {@link Matched#created} of an undated asset. */
    static final long UNDATED = Long.MIN_VALUE;

    /** A document holding the phrases: its asset's content hash and creation time ({@link #time}, or {@link #UNDATED}). */
    record Matched(String hash, long created) {
    }

    private IndexPhrases() {
    }

    /**
     * Adds {@code src}'s search text to its document, when its tags are exact (a tag holding the separator its list
     * travels with is not: such a document has no text, and phrases are then left to the catalog).
     */
    static void addField(Document d, SearchIndexSources.LexicalSource src) {
        if (src.tagsExact()) {
            String lower = AssetText.lower(src.prompt(), src.sortedTags(), src.descriptions());
            d.add(new BinaryDocValuesField(LOWER_VALUES, new BytesRef(lower)));
        }
        if (src.createdAt() != null) {
            d.add(new NumericDocValuesField(CREATED_VALUES, time(src.createdAt())));
        }
    }

    /** {@code t} as a number that orders as the times do: microseconds since 1970 on the clock it was written in. */
    static long time(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    /**
     * The documents whose text contains every one of {@code phrases} (lower case, as a query holds them), in no
     * particular order; empty when more than {@code most} do, or when a document has no text to look in (then the
     * catalog answers).
     */
    static Optional<List<Matched>> containing(DirectoryReader reader, List<String> phrases, int most) throws IOException {
        byte[][] wanted = new byte[phrases.size()][];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = phrases.get(i).getBytes(StandardCharsets.UTF_8);
        }
        List<Matched> out = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            BinaryDocValues texts = r.getBinaryDocValues(LOWER_VALUES);
            BinaryDocValues hashes = r.getBinaryDocValues(LexicalIndex.HASH_VALUES);
            NumericDocValues created = r.getNumericDocValues(CREATED_VALUES);
            Bits live = r.getLiveDocs();
            for (int doc = 0; doc < r.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (texts == null || !texts.advanceExact(doc)) {
                    return Optional.empty(); // this asset's text is not here
                }
                if (containsAll(texts.binaryValue(), wanted)) {
                    if (out.size() == most || hashes == null || !hashes.advanceExact(doc)) {
                        return Optional.empty();
                    }
                    out.add(new Matched(hashes.binaryValue().utf8ToString(),
                            created != null && created.advanceExact(doc) ? created.longValue() : UNDATED));
                }
            }
        }
        return Optional.of(out);
    }

    private static boolean containsAll(BytesRef text, byte[][] wanted) {
        for (byte[] w : wanted) {
            if (indexOf(text.bytes, text.offset, text.offset + text.length, w) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code w} first occurs in {@code a[from, to)}, or -1 (written here: the JDK searches bytes only as strings). */
    static int indexOf(byte[] a, int from, int to, byte[] w) {
        if (w.length == 0) {
            return from;
        }
        byte first = w[0];
        for (int i = from, last = to - w.length; i <= last; i++) {
            if (a[i] != first) {
                continue;
            }
            int j = 1;
            while (j < w.length && a[i + j] == w[j]) {
                j++;
            }
            if (j == w.length) {
                return i;
            }
        }
        return -1;
    }
}
