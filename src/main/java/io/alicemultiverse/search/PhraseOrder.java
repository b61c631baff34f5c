package io.alicemultiverse.search;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a phrase's matches in this machine's lexical index a page needs, by the creation times the index keeps:
 * a page in the catalog's order (time, undated last, then path and hash, which only the catalog's rows hold) is
 * among the first matches by time up to its end and every match tied with the last of them, so only those rows are
 * read by hash ({@link CatalogRows}). Stateless.
 */
final class PhraseOrder {
    private PhraseOrder() {
    }

    /** {@code matched} by time in {@code sort}'s direction, undated last. */
    static List<IndexPhrases.Matched> byTime(List<IndexPhrases.Matched> matched, SearchQuery.Sort sort) {
        List<IndexPhrases.Matched> out = new ArrayList<>(matched);
        out.sort((a, b) -> compare(a.created(), b.created(), sort));
        return out;
    }

    /**
     * The first {@code n} of {@code byTime} from {@code from} on, and after them every one with the same time as the
     * last of them (a page in the catalog's order may hold any of those).
     */
    static List<IndexPhrases.Matched> leading(List<IndexPhrases.Matched> byTime, int from, long n) {
        if (n <= 0 || from >= byTime.size()) {
            return List.of();
        }
        int end = (int) Math.min(byTime.size(), from + n);
        long last = byTime.get(end - 1).created();
        while (end < byTime.size() && byTime.get(end).created() == last) {
            end++;
        }
        return byTime.subList(from, end);
    }

    /**
     * What the next {@code limit} after an asset of time {@code time} (null: undated) are among in {@code byTime}:
     * every match of that time (some come before it by path) and the {@link #leading} {@code limit} after them.
     */
    static List<IndexPhrases.Matched> after(List<IndexPhrases.Matched> byTime, SearchQuery.Sort sort,
                                            LocalDateTime time, int limit) {
        long key = time == null ? IndexPhrases.UNDATED : IndexPhrases.time(time);
        int i = 0;
        while (i < byTime.size() && compare(byTime.get(i).created(), key, sort) < 0) {
            i++;
        }
        int j = i;
        while (j < byTime.size() && byTime.get(j).created() == key) {
            j++;
        }
        int end = j + leading(byTime, j, limit).size();
        return byTime.subList(i, end);
    }

    /** Two times in {@code sort}'s direction, undated last either way. */
    private static int compare(long a, long b, SearchQuery.Sort sort) {
        boolean undatedA = a == IndexPhrases.UNDATED;
        boolean undatedB = b == IndexPhrases.UNDATED;
        if (undatedA || undatedB) {
            return Boolean.compare(undatedA, undatedB);
        }
        return sort == SearchQuery.Sort.OLDEST ? Long.compare(a, b) : Long.compare(b, a);
    }
}
