package io.alicemultiverse.search;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a plain-language query ("cyberpunk portrait from last week", {@code "red hat" -blurry tag:portrait flux
 * videos}) into a {@link SearchQuery.Builder}: time expressions ({@link TimeWords}), generator and model names
 * ({@link Generators}), media words, {@code "quoted phrases"}, {@code -excluded} words, {@code tag:x},
 * {@code source:x}, {@code model:x}, {@code project:x}, {@code label:red}, {@code pick:accepted}, {@code rating:5}
 * (the last three user tags read from XMP sidecars; each also negated: {@code -tag:x}); every other word is text
 * to rank by, less words of punctuation alone (a query of nothing else is refused). Thread-safe; time
 * words resolve against the injected clock.
 */
public final class QueryParser {
    /** Keys that make {@code key:} a field even with nothing after it (then an error), not a word. */
    private static final Set<String> FIELDS = Set.of("tag", "source", "model", "project", "label", "pick", "rating");
    private static final Set<String> VIDEO_WORDS = Set.of("video", "videos", "clip", "clips", "movie", "movies");
    private static final Set<String> IMAGE_WORDS = Set.of("image", "images", "photo", "photos", "picture", "pictures",
            "pic", "pics");
    /** Words that only frame a request ("show me my images from …"): dropped from the text. */
    private static final Set<String> FILLER = Set.of("show", "me", "find", "my", "all", "made", "generated",
            "created", "from", "in", "with");

    private final Clock clock;

    public QueryParser(Clock clock) {
        this.clock = clock;
    }

    /** Parses {@code query} into a new builder. */
    public SearchQuery.Builder parse(String query) {
        return parseInto(query, SearchQuery.builder());
    }

    /**
     * Adds what {@code query} says to {@code b}. Malformed input (an unclosed quote, an empty {@code tag:}, an
     * impossible date) is an {@link IllegalArgumentException} with a message for the user.
     */
    public SearchQuery.Builder parseInto(String query, SearchQuery.Builder b) {
        if (query == null || query.isBlank()) {
            return b;
        }
        LocalDate today = LocalDate.now(clock);
        List<Token> tokens = tokenize(query);
        if (tokens.stream().noneMatch(t -> t.quoted ? !t.text.isBlank() : hasWord(t.text))) {
            // "!!!", "--", "\"\"": nothing to look for; listing every asset or none would both mislead
            // the remedy is the caller's to say: search lists every asset without a query, tag --query refuses none
            throw new IllegalArgumentException("the query '" + query.strip() + "' has no words to search for (letters,"
                    + " digits, a symbol such as an emoji, or a quoted phrase)");
        }
        List<String> words = tokens.stream().map(t -> t.quoted ? "\u0000" : t.text.toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < tokens.size(); i++) {
            Token tok = tokens.get(i);
            String w = words.get(i);
            if (tok.quoted) {
                if (tok.negated) {
                    b.exclude(tok.text);
                } else {
                    b.phrase(tok.text);
                    b.word(tok.text);
                }
                continue;
            }
            int colon = w.indexOf(':');
            if (tok.negated) {
                if (colon <= 0 || !applyNotField(b, w.substring(0, colon), tok.text.substring(colon + 1))) {
                    b.exclude(tok.text);
                }
                continue;
            }
            if (colon > 0) {
                String key = w.substring(0, colon);
                String value = tok.text.substring(colon + 1);
                if (tok.valueQuoted || !value.isEmpty() || FIELDS.contains(key)) {
                    if (applyField(b, key, value)) {
                        continue;
                    }
                }
            }
            Optional<TimeWords.Range> time = TimeWords.at(words, i, today);
            if (time.isPresent()) {
                b.between(time.get().from(), time.get().to());
                i += time.get().tokens() - 1;
                continue;
            }
            Optional<Generators.Match> gen = Generators.of(w);
            if (gen.isPresent()) {
                gen.get().sources().forEach(b::source);
                gen.get().models().forEach(b::model);
                continue;
            }
            if (VIDEO_WORDS.contains(w)) {
                b.mediaType("video");
                continue;
            }
            if (IMAGE_WORDS.contains(w)) {
                b.mediaType("image");
                continue;
            }
            if (FILLER.contains(w) || !hasWord(w)) { // a word of punctuation alone ranks nothing
                continue;
            }
            b.word(tok.text);
        }
        return b;
    }

    /**
     * The range a time expression names, for {@code --since} / {@code --until}: {@code [from, to)}, either end
     * possibly null. An {@link IllegalArgumentException} when {@code expression} is not one.
     */
    public java.time.LocalDateTime[] timeRange(String expression) {
        List<String> words = List.of(expression.trim().toLowerCase(Locale.ROOT).split("\\s+"));
        Optional<TimeWords.Range> r = words.get(0).isEmpty() ? Optional.empty()
                : TimeWords.at(words, 0, LocalDate.now(clock));
        if (r.isEmpty() || r.get().tokens() != words.size()) {
            throw new IllegalArgumentException("not a date or time expression: '" + expression
                    + "' (e.g. 2024-05-01, 2024-05, yesterday, last week, march)");
        }
        return new java.time.LocalDateTime[]{r.get().from(), r.get().to()};
    }

    /** The source id for a {@code --source} value: an id or an alias such as {@code comfy} or {@code a1111}. */
    public static String sourceId(String value) {
        return Generators.sourceId(value);
    }

    private static boolean applyField(SearchQuery.Builder b, String key, String value) {
        switch (key) {
            case "tag" -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("tag: needs a tag, e.g. tag:portrait or tag:\"red hat\"");
                }
                b.tag(value);
            }
            case "source" -> b.namedSource(Generators.sourceId(named(value, "source: needs a source, e.g. source:comfyui")));
            // nothing named: an error as for tag:, not a filter left out (model:) or one no asset passes (project:)
            case "model" -> b.namedModel(named(value, "model: needs a model, e.g. model:flux"));
            case "project" -> b.project(named(value, "project: needs a project, e.g. project:acme"));
            // a colour or pick label and a rating are user tags (label:red, pick:accepted, rating 5; xmp package)
            case "label", "pick" -> b.tag(key + ":" + named(value, key + ": needs a name, e.g. " + example(key)));
            case "rating" -> b.tag("rating " + named(value, "rating: needs a number of stars, e.g. rating:5"));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String example(String key) {
        return "label".equals(key) ? "label:red" : "pick:accepted";
    }

    /** {@code value}, unless it is blank: then an {@link IllegalArgumentException} saying {@code needs}. */
    private static String named(String value, String needs) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(needs);
        }
        return value;
    }

    /** {@code -tag:x}, {@code -source:x}, {@code -model:x}, {@code -project:x}; false for another key. */
    private static boolean applyNotField(SearchQuery.Builder b, String key, String value) {
        switch (key) {
            case "tag" -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("-tag: needs a tag, e.g. -tag:portrait or -tag:\"red hat\"");
                }
                b.notTag(value);
            }
            case "source" -> b.notSource(Generators.sourceId(named(value, "-source: needs a source, e.g. -source:comfyui")));
            case "model" -> b.notModel(named(value, "-model: needs a model, e.g. -model:flux"));
            case "label", "pick" -> b.notTag(key + ":" + named(value, "-" + key + ": needs a name, e.g. -" + example(key)));
            case "rating" -> b.notTag("rating " + named(value, "-rating: needs a number of stars, e.g. -rating:1"));
            case "project" -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("-project: needs a project, e.g. -project:acme");
                }
                b.notProject(value);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code text} holds something to search for: a letter, a digit or a symbol such as an emoji (a prompt
     * may hold "🚗"), not only punctuation.
     */
    private static boolean hasWord(String text) {
        return text.codePoints()
                .anyMatch(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.OTHER_SYMBOL);
    }

    private record Token(String text, boolean quoted, boolean negated, boolean valueQuoted) {
    }

    /** Splits on spaces, keeping {@code "quoted phrases"} (also after {@code -} or {@code key:}) together. */
    private static List<Token> tokenize(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(q.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean negated = false;
            if (q.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1))) {
                negated = true;
                i++;
            }
            StringBuilder prefix = new StringBuilder();
            if (q.charAt(i) != '"') {
                int start = i;
                while (i < n && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != '"') {
                    i++;
                }
                prefix.append(q, start, i);
                boolean field = prefix.length() > 1 && prefix.charAt(prefix.length() - 1) == ':';
                if (i >= n || q.charAt(i) != '"' || !field) {
                    if (i < n && q.charAt(i) == '"' && !field) {
                        // a quote inside a word ("it"s) is kept as text
                        int start2 = i;
                        while (i < n && !Character.isWhitespace(q.charAt(i))) {
                            i++;
                        }
                        prefix.append(q, start2, i);
                    }
                    out.add(new Token(prefix.toString(), false, negated, false));
                    continue;
                }
            }
            int close = q.indexOf('"', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed quote in the query: " + q.substring(i));
            }
            String inner = q.substring(i + 1, close);
            i = close + 1;
            if (prefix.length() > 0) {
                out.add(new Token(prefix + inner, false, negated, true));
            } else if (!inner.isBlank()) {
                out.add(new Token(inner.trim(), true, negated, false));
            }
        }
        return out;
    }
}
