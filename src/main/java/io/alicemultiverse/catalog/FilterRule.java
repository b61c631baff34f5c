package io.alicemultiverse.catalog;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The search filters, each defined once: which field of an asset it looks at, how that field must match the
 * filter's values, and which part of an {@link AssetFilter} holds them. Both sides of search derive from this list:
 * the catalog renders each rule as SQL ({@link FilterSql}, the cold path) and {@code search.RowCache} picks the
 * in-memory postings of the same field and combines them as the match says (the warm path). A rule added here is
 * rendered on both sides and checked by {@code FilterRulesAgreeTest}, which drives every constant of this enum; a new
 * {@link Field} or {@link Match} fails to compile until both sides (exhaustive switches) say what it means.
 *
 * <p>Null rules: an asset whose field is missing (no model, no creation time) passes no rule on that field, as SQL
 * has it, except a rule of exclusion ({@link Match.Quantifier#NONE}), which it passes: it holds none of the values.
 * All rules of a filter must pass, except that the rules of one {@link Group} are alternatives.
 */
public enum FilterRule {
    /** Tags an asset must all carry (the default for several {@code tag:} words). */
    TAG_EACH(Field.TAG, Match.IS_OR_UNDER_EACH, Group.ALONE, f -> f.anyTag() ? List.of() : f.tags(),
            (f, v) -> f.withTags(strings(v), false)),
    /** Tags of which an asset must carry one ({@code anyTag}). */
    TAG_ANY(Field.TAG, Match.IS_OR_UNDER_ANY, Group.ALONE, f -> f.anyTag() ? f.tags() : List.of(),
            (f, v) -> f.withTags(strings(v), true)),
    /** Source ids (exact, as {@code metadata.Source#id}) of generator words, any of which matches. */
    SOURCE(Field.SOURCE, Match.EQUALS_ANY, Group.GENERATOR, AssetFilter::sources,
            (f, v) -> f.withSources(strings(v))),
    /** Lower-case parts of a model name from generator words ("sdxl"), any of which matches whatever the model's case. */
    MODEL(Field.MODEL, Match.CONTAINS_ANY_IGNORING_CASE, Group.GENERATOR, AssetFilter::models,
            (f, v) -> f.withModels(strings(v))),
    /** Source ids named outright ({@code source:x}, {@code --source}), any of which matches; they narrow beside models. */
    NAMED_SOURCE(Field.SOURCE, Match.EQUALS_ANY, Group.ALONE, AssetFilter::namedSources,
            (f, v) -> f.withNamedSources(strings(v))),
    /** Lower-case model parts named outright ({@code model:x}, {@code --model}), any of which matches; they narrow beside sources. */
    NAMED_MODEL(Field.MODEL, Match.CONTAINS_ANY_IGNORING_CASE, Group.ALONE, AssetFilter::namedModels,
            (f, v) -> f.withNamedModels(strings(v))),
    /** Lower-case project names, any of which matches whatever the project's case ({@code project:Acme}, "acme"). */
    PROJECT(Field.PROJECT, Match.EQUALS_ANY_IGNORING_CASE, Group.ALONE, AssetFilter::projects, (f, v) -> f.withProjects(strings(v))),
    /** Created at or after this time (inclusive). */
    SINCE(Field.CREATED, Match.AT_LEAST, Group.ALONE, f -> optional(f.since()),
            (f, v) -> f.withSince(one(v, LocalDateTime.class))),
    /** Created before this time (exclusive). */
    UNTIL(Field.CREATED, Match.BELOW, Group.ALONE, f -> optional(f.until()),
            (f, v) -> f.withUntil(one(v, LocalDateTime.class))),
    /** {@code image} or {@code video}. */
    MEDIA_TYPE(Field.MEDIA_TYPE, Match.EQUALS, Group.ALONE, f -> optional(f.mediaType()),
            (f, v) -> f.withMediaType(one(v, String.class))),
    /** Lower-case phrases the search text must all contain (quoted words). */
    PHRASE(Field.TEXT, Match.CONTAINS_EACH, Group.ALONE, AssetFilter::phrases, (f, v) -> f.withPhrases(strings(v))),
    /** Words the search text must not hold as whole words ({@code -word}), each in {@link Field#WORDS} form. */
    EXCLUDED_WORD(Field.WORDS, Match.CONTAINS_NONE, Group.ALONE, AssetFilter::excludedWords,
            (f, v) -> f.withExcludedWords(strings(v))),
    /** Tags an asset must carry none of ({@code -tag:x}). */
    NOT_TAG(Field.TAG, Match.IS_OR_UNDER_NONE, Group.ALONE, AssetFilter::notTags, (f, v) -> f.withNotTags(strings(v))),
    /** Source ids an asset must not have ({@code -source:x}); an asset without a source passes. */
    NOT_SOURCE(Field.SOURCE, Match.EQUALS_NONE, Group.ALONE, AssetFilter::notSources,
            (f, v) -> f.withNotSources(strings(v))),
    /** Lower-case parts of a model name none of which the model may contain ({@code -model:x}); no model passes. */
    NOT_MODEL(Field.MODEL, Match.CONTAINS_NONE_IGNORING_CASE, Group.ALONE, AssetFilter::notModels,
            (f, v) -> f.withNotModels(strings(v))),
    /** Lower-case projects an asset must not be in, whatever its case ({@code -project:x}); no project passes. */
    NOT_PROJECT(Field.PROJECT, Match.EQUALS_NONE_IGNORING_CASE, Group.ALONE, AssetFilter::notProjects,
            (f, v) -> f.withNotProjects(strings(v)));

    /** What of an asset a rule looks at. */
    public enum Field {
        /** Its tags, every origin: the one field with many values per asset (a rule asks whether one of them matches). */
        TAG,
        /** The source id, exact case; may be missing. */
        SOURCE,
        /** The model name as the file gave it; may be missing. */
        MODEL,
        /** The project; may be missing. */
        PROJECT,
        /** {@code image} or {@code video}. */
        MEDIA_TYPE,
        /** The creation time, to the microsecond (the catalog's precision); may be missing. */
        CREATED,
        /** Prompt, tags (distinct, sorted) and descriptions, space-separated, in lower case; never missing. */
        TEXT,
        /** {@link #TEXT} as its words (letters and digits of any script) separated by single spaces, a space at each end. */
        WORDS
    }

    /** How a field must match a rule's values. */
    public enum Match {
        /** Equal to the one value. */
        EQUALS(Quantifier.ANY, Objects::equals),
        /** Equal to one of the values. */
        EQUALS_ANY(Quantifier.ANY, Objects::equals),
        /** Equal to each value (for a field of many values: holding each). */
        EQUALS_EACH(Quantifier.EACH, Objects::equals),
        /** Equal to none of the values (for a field of many values: holding none). */
        EQUALS_NONE(Quantifier.NONE, Objects::equals),
        /** Equal to none of the (lower-case) values once the field is in lower case. */
        EQUALS_NONE_IGNORING_CASE(Quantifier.NONE,
                (field, v) -> ((String) field).toLowerCase(Locale.ROOT).equals(v)),
        /** Equal to one of the (lower-case) values once the field is in lower case. */
        EQUALS_ANY_IGNORING_CASE(Quantifier.ANY,
                (field, v) -> ((String) field).toLowerCase(Locale.ROOT).equals(v)),
        /** Containing one of the (lower-case) values once the field is in lower case. */
        CONTAINS_ANY_IGNORING_CASE(Quantifier.ANY,
                (field, v) -> ((String) field).toLowerCase(Locale.ROOT).contains((String) v)),
        /** Containing each value as it is. */
        CONTAINS_EACH(Quantifier.EACH, (field, v) -> ((String) field).contains((String) v)),
        /** Containing none of the values. */
        CONTAINS_NONE(Quantifier.NONE, (field, v) -> ((String) field).contains((String) v)),
        /** Containing none of the (lower-case) values once the field is in lower case. */
        CONTAINS_NONE_IGNORING_CASE(Quantifier.NONE,
                (field, v) -> ((String) field).toLowerCase(Locale.ROOT).contains((String) v)),
        /**
         * Equal to one of the values, or, where that value is a keyword path ({@code places|europe}), a path under it
         * ({@code places|europe|paris}): a tag that is a path matches its descendants. A value without {@code |}
         * is plain equality.
         */
        IS_OR_UNDER_ANY(Quantifier.ANY, FilterRule::isOrUnder),
        /** As {@link #IS_OR_UNDER_ANY}, for each value. */
        IS_OR_UNDER_EACH(Quantifier.EACH, FilterRule::isOrUnder),
        /** As {@link #IS_OR_UNDER_ANY}, for none of the values. */
        IS_OR_UNDER_NONE(Quantifier.NONE, FilterRule::isOrUnder),
        /** At or after the one value. */
        AT_LEAST(Quantifier.ANY, (field, v) -> ((LocalDateTime) field).compareTo((LocalDateTime) v) >= 0),
        /** Before the one value. */
        BELOW(Quantifier.ANY, (field, v) -> ((LocalDateTime) field).compareTo((LocalDateTime) v) < 0);

        /** How the tests of the single values combine. */
        public enum Quantifier { ANY, EACH, NONE }

        private final Quantifier quantifier;
        private final BiPredicate<Object, Object> test;

        Match(Quantifier quantifier, BiPredicate<Object, Object> test) {
            this.quantifier = quantifier;
            this.test = test;
        }

        public Quantifier quantifier() {
            return quantifier;
        }

        /** Whether a rule of this match holds exactly one value (a bound, a type). */
        public boolean oneValue() {
            return this == EQUALS || this == AT_LEAST || this == BELOW;
        }

        /** Whether the field's value {@code field} passes the test against one value ({@code field} not null). */
        public boolean test(Object field, Object value) {
            return test.test(field, value);
        }

        /**
         * Whether a field's value passes this match against all of a rule's values, as the {@link Quantifier} combines
         * the single tests; a missing field ({@code null}) passes only a {@link Quantifier#NONE} match (it holds none
         * of the values: {@code -model:flux} keeps an asset without a model).
         */
        public boolean passes(Object field, List<?> values) {
            if (field == null) {
                return quantifier == Quantifier.NONE;
            }
            // loops, not streams: a warm search calls this once per row it scans
            for (Object v : values) {
                boolean hit = test(field, v);
                switch (quantifier) {
                    case ANY -> {
                        if (hit) {
                            return true;
                        }
                    }
                    case EACH -> {
                        if (!hit) {
                            return false;
                        }
                    }
                    case NONE -> {
                        if (hit) {
                            return false;
                        }
                    }
                }
            }
            return quantifier != Quantifier.ANY;
        }

        /** Whether a value of this match is a keyword path whose descendants pass too (not one look-up). */
        public boolean under(Object value) {
            return pathMatch() && ((String) value).indexOf('|') > 0;
        }

        /** Whether passing {@code value} means being equal to it (one look-up): plain tags, unlike paths. */
        public boolean equalityFor(Object value) {
            return equality() || pathMatch() && !under(value);
        }

        private boolean pathMatch() {
            return this == IS_OR_UNDER_ANY || this == IS_OR_UNDER_EACH || this == IS_OR_UNDER_NONE;
        }

        /** Whether passing means being equal, so an index by value answers it with one look-up per value. */
        public boolean equality() {
            return this == EQUALS || this == EQUALS_ANY || this == EQUALS_EACH || this == EQUALS_NONE;
        }
    }

    /** Rules that are alternatives: an asset passes the group when it passes one of its rules that hold values. */
    public enum Group {
        /** A rule by itself. */
        ALONE,
        /** A generator word names a source or a model ("flux" is both). */
        GENERATOR
    }

    /** A rule with the values a filter gives it (never empty). */
    public record Clause(FilterRule rule, List<?> values) {
        public Clause {
            values = List.copyOf(values);
        }
    }

    private final Field field;
    private final Match match;
    private final Group group;
    private final Function<AssetFilter, List<?>> values;
    private final BiFunction<AssetFilter, List<?>, AssetFilter> with;

    FilterRule(Field field, Match match, Group group, Function<AssetFilter, List<?>> values,
               BiFunction<AssetFilter, List<?>, AssetFilter> with) {
        this.field = field;
        this.match = match;
        this.group = group;
        this.values = values;
        this.with = with;
    }

    public Field field() {
        return field;
    }

    public Match match() {
        return match;
    }

    public Group group() {
        return group;
    }

    /** This rule's values in {@code f}; empty when {@code f} does not use the rule. */
    public List<?> values(AssetFilter f) {
        return values.apply(f);
    }

    /**
     * {@code f} with this rule's values replaced by {@code values} (one for a {@link Match#oneValue} rule, or none);
     * the two tag rules share the tags, so setting one drops the other's.
     */
    public AssetFilter with(AssetFilter f, List<?> values) {
        if (match.oneValue() && values.size() > 1) {
            throw new IllegalArgumentException(this + " takes one value, not " + values);
        }
        return with.apply(f, values);
    }

    /**
     * The rules {@code f} uses with their values, in this enum's order: every inner list must pass, and within one
     * list (a {@link Group}) one clause is enough. A group sits where its first rule is.
     */
    public static List<List<Clause>> clauses(AssetFilter f) {
        List<List<Clause>> out = new ArrayList<>();
        java.util.Map<Group, List<Clause>> groups = new java.util.EnumMap<>(Group.class);
        for (FilterRule r : values()) {
            List<?> v = r.values(f);
            if (v.isEmpty()) {
                continue;
            }
            List<Clause> group = r.group == Group.ALONE ? null : groups.get(r.group);
            if (group == null) {
                group = new ArrayList<>();
                out.add(group);
                if (r.group != Group.ALONE) {
                    groups.put(r.group, group);
                }
            }
            group.add(new Clause(r, v));
        }
        return out.stream().map(List::copyOf).toList();
    }

    /** {@code field} is {@code value}, or {@code value} is a keyword path and {@code field} a path under it. */
    private static boolean isOrUnder(Object field, Object value) {
        String f = (String) field;
        String v = (String) value;
        return f.equals(v) || v.indexOf('|') > 0 && f.length() > v.length() && f.charAt(v.length()) == '|'
                && f.startsWith(v);
    }

    private static List<?> optional(Object v) {
        return v == null ? List.of() : List.of(v);
    }

    private static List<String> strings(List<?> v) {
        return v.stream().map(String.class::cast).toList();
    }

    private static <T> T one(List<?> v, Class<T> type) {
        return v.isEmpty() ? null : type.cast(v.get(0));
    }
}
