package io.alicemultiverse.search;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of thing a category named in a plain-language query takes in, from WordNet 3.1 (through extJWNL): "big
 * cat" is leopard, snow leopard, jaguar, lion, tiger, cheetah… A sentence model reads "big cat" as a large house cat,
 * and prompts name the lion, not its category; the query is embedded with its categories' kinds named after it, which
 * pulls its meaning toward what it is about (issue 18: nDCG@10 on category queries 0.857 → 0.979, see
 * {@code docs/benchmarks.md}).
 *
 * <p>Two rules, both measured on the extended evaluation and the committed 72 queries:
 * <ul>
 *   <li>a noun of two or more words (WordNet's lemma, e.g. "big cat", "sea creature"): its kinds, two levels of
 *       hyponyms of its most common sense;</li>
 *   <li>a single noun after adjectives ("large wild felines"): the kinds of it whose definition says every one of
 *       those adjectives ("big cat: any of several large cats … living in the wild"), and theirs.</li>
 * </ul>
 * A single noun alone ("vehicles", "food", "birds") is not widened: its hyponyms are too many and too general (they
 * lowered those queries), and the model already knows what a vehicle is. Proper names (instances such as one atoll)
 * are left out. At most {@value #MOST} kinds are named, nearest first.
 *
 * <p>Thread-safe: {@link #expand} is synchronized (extJWNL's caches are not documented as thread-safe); a query is
 * expanded once, before its vector is cached.
 */
final class CategoryWords {
    static final int DEPTH = 2;
    static final int MOST = 16;
    /**
     * The most words a category's name is looked up with, and the most adjectives read before a noun. 99.5% of
     * WordNet 3.1's nouns have at most 4 words; the longer ones are mostly proper names ("capital of the United
     * States"), and a lookup costs more the more words it has (the base forms of every word are combined).
     */
    static final int LONGEST_NAME = 4;
    /**
     * Categories are looked for in a query's first words only (the rest still rank). Each span of words was looked
     * up, and a lookup of several words costs milliseconds: a query of 1,500 words took over ten minutes, holding
     * this shared, synchronized object, so every other search of the process waited.
     */
    static final int LOOKED_UP = 24;
    /**
     * The most kinds named in the text that is embedded: its cost grows with its length (a query 1.2 ms, with 8 kinds
     * 2.3 ms, with 16 4.9 ms); BM25 takes all {@link #MOST}. Paraphrase nDCG@10 with 4 / 8 / 16: 0.966 / 0.968 / 0.980.
     */
    static final int EMBEDDED = 8;

    private static volatile CategoryWords shared;

    private final Dictionary dictionary;

    private CategoryWords(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The one WordNet of this process, opened on first use ({@link WordNetFiles}); {@link #NONE} when it cannot be read. */
    static CategoryWords shared() {
        CategoryWords w = shared;
        if (w == null) {
            synchronized (CategoryWords.class) {
                w = shared;
                if (w == null) {
                    w = read();
                    shared = w;
                }
            }
        }
        return w;
    }

    /** Widens nothing: what a search uses when WordNet cannot be read (it then ranks as before). */
    static final CategoryWords NONE = new CategoryWords(null);

    private static CategoryWords read() {
        try {
            return new CategoryWords(WordNetFiles.open(System.getenv()));
        } catch (IOException | JWNLException | RuntimeException e) {
            System.getLogger(CategoryWords.class.getName()).log(System.Logger.Level.DEBUG,
                    "WordNet's files could not be cached, reading them from the jar: " + e);
        }
        try {
            return new CategoryWords(Dictionary.getDefaultResourceInstance());
        } catch (JWNLException | RuntimeException | LinkageError e) {
            System.getLogger(CategoryWords.class.getName()).log(System.Logger.Level.WARNING,
                    "WordNet could not be read; plain-language queries are not widened by category: " + e);
            return NONE;
        }
    }

    /**
     * A query and the kinds of the categories it names. {@code rest} holds its words that name no widened category
     * ("big cat in winter": "in winter"); {@code kinds} nearest first, at most {@value #MOST}.
     */
    record Widened(String query, String rest, List<String> kinds, List<String> names) {
        /** What is embedded: the query, then the kinds in brackets ("big cat (leopard, snow leopard, …)"). */
        String embedded() {
            List<String> named = kinds.subList(0, Math.min(EMBEDDED, kinds.size()));
            return kinds.isEmpty() ? query : query + " (" + String.join(", ", named) + ")";
        }

        /**
         * What BM25 looks for word by word: the words that name no widened category, and the kinds' words; each
         * category's own name is looked for as a phrase ({@link #names}): "big cat" never matches "tabby cat" by
         * its word "cat", "red fox" still matches every red fox.
         */
        String lexical() {
            return kinds.isEmpty() ? query : rest + " " + String.join(" ", kinds);
        }
    }

    /** The query with the kinds of each category it names appended, or the query as it is when it names none. */
    String expand(String query) {
        return widen(query).embedded();
    }

    /** The categories {@code query} names, widened to their kinds (none when WordNet is not there). */
    synchronized Widened widen(String query) {
        if (dictionary == null) {
            return new Widened(query, query, List.of(), List.of());
        }
        Widened known = recent.get(query);
        if (known != null) {
            return known;
        }
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        Set<String> kinds = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        boolean[] used = new boolean[words.size()];
        // a category named in two or more words ("big cat", "sea creature"): its kinds; the longest name first
        int n = Math.min(words.size(), LOOKED_UP);
        for (int i = 0; i < n; i++) {
            for (int j = Math.min(n, i + LONGEST_NAME); j > i + 1; j--) {
                Synset named = noun(String.join(" ", words.subList(i, j)), true);
                if (named != null) {
                    List<String> found = names(levels(named));
                    kinds.addAll(found);
                    if (found.stream().anyMatch(k -> !k.isEmpty())) {
                        Arrays.fill(used, i, j, true);
                        names.add(String.join(" ", words.subList(i, j)));
                    }
                    i = j - 1;
                    break;
                }
            }
        }
        // a noun its adjectives narrow ("large wild felines"): the kinds whose definition says them all, and theirs
        for (int i = 1; i < n; i++) {
            int a = i;
            while (a > 0 && i - a < LONGEST_NAME && !used[a - 1] && adjective(words.get(a - 1))) {
                a--;
            }
            Synset noun = a < i && !used[i] ? noun(words.get(i), false) : null;
            if (noun != null) {
                List<Synset> described = described(noun, words.subList(a, i));
                for (Synset kind : described) {
                    kinds.add(name(kind));
                    kinds.addAll(names(levels(kind)));
                }
                if (!described.isEmpty()) {
                    Arrays.fill(used, a, i + 1, true);
                    names.add(String.join(" ", words.subList(a, i + 1))); // "red fox" still matches every red fox
                }
            }
        }
        kinds.remove("");
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (!used[i]) {
                rest.append(rest.length() == 0 ? "" : " ").append(words.get(i));
            }
        }
        List<String> named = List.copyOf(new ArrayList<>(kinds).subList(0, Math.min(MOST, kinds.size())));
        Widened w = new Widened(query, rest.toString(), named, List.copyOf(names));
        recent.put(query, w);
        return w;
    }

    /**
     * Whether WordNet knows one of the words of {@code query} (any part of speech, plurals and other forms found;
     * English stop words and single letters aside), or cannot tell (no WordNet). For a query none of whose words
     * either the library or the dictionary holds ("zxqvbnm", "blorptastic") the sentence model still puts some prompt
     * nearest: such a query asks more of a match by meaning ({@code SearchEngine.UNKNOWN_WORDS_MIN_COSINE}).
     */
    synchronized boolean knowsAWord(String query) {
        if (dictionary == null) {
            return true;
        }
        for (String w : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
            if (w.length() < 2 || org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)) {
                continue;
            }
            try {
                if (dictionary.lookupAllIndexWords(w).size() > 0) {
                    return true;
                }
            } catch (JWNLException | RuntimeException e) {
                return true; // cannot tell: rank as before
            }
        }
        return false;
    }

    /** Recent queries widened: a search embeds and looks up the same words (paging, refining filters). */
    private final java.util.Map<String, Widened> recent = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Widened> eldest) {
            return size() > 256;
        }
    };

    /** The most common noun sense of {@code phrase} (plurals and other forms found); {@code compound}: of a lemma of
     * several words only, else of one word only. */
    private Synset noun(String phrase, boolean compound) {
        try {
            IndexWord w = dictionary.lookupIndexWord(POS.NOUN, phrase);
            // extJWNL answers a phrase it does not know with a part of it ("big cat in winter": "big cat"): only a
            // lemma of as many words as the phrase is the phrase
            if (w == null || w.getSenses().isEmpty() || compound != w.getLemma().contains(" ")
                    || w.getLemma().split(" ").length != phrase.split(" ").length) {
                return null;
            }
            return w.getSenses().get(0);
        } catch (JWNLException e) {
            return null;
        }
    }

    private boolean adjective(String word) {
        try {
            return word.length() > 2 && dictionary.lookupIndexWord(POS.ADJECTIVE, word) != null;
        } catch (JWNLException e) {
            return false;
        }
    }

    /** The kinds of {@code noun}, {@link #DEPTH} levels down, whose definition holds every one of {@code adjectives}. */
    private List<Synset> described(Synset noun, List<String> adjectives) {
        List<Synset> out = new ArrayList<>();
        for (List<Synset> level : levels(noun)) {
            for (Synset s : level) {
                Set<String> gloss = new HashSet<>(Arrays.asList(s.getGloss().toLowerCase(Locale.ROOT).split("[^a-z]+")));
                if (gloss.containsAll(adjectives)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The hyponyms of {@code top}, level by level, {@link #DEPTH} levels; instances (proper names) left out. */
    private static List<List<Synset>> levels(Synset top) {
        List<List<Synset>> out = new ArrayList<>();
        List<Synset> level = List.of(top);
        for (int d = 0; d < DEPTH; d++) {
            List<Synset> next = new ArrayList<>();
            for (Synset s : level) {
                for (var pointer : s.getPointers(PointerType.HYPONYM)) {
                    try {
                        next.add(pointer.getTargetSynset());
                    } catch (JWNLException e) {
                        // an unreadable entry: the kinds read so far
                    }
                }
            }
            out.add(next);
            level = next;
        }
        return out;
    }

    private static List<String> names(List<List<Synset>> levels) {
        List<String> out = new ArrayList<>();
        for (List<Synset> level : levels) {
            for (Synset s : level) {
                out.add(name(s));
            }
        }
        return out;
    }

    /** A kind's everyday name: its first lemma; "" for a proper name. */
    private static String name(Synset s) {
        String lemma = s.getWords().get(0).getLemma();
        return Character.isUpperCase(lemma.charAt(0)) ? "" : lemma.toLowerCase(Locale.ROOT);
    }
}
