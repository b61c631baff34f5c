package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed search: filters (each one narrows the result), a free-text part that ranks, and paging. Immutable.
 *
 * @param text      the words left for ranking (lexical and semantic); empty for a filters-only query
 * @param phrases   phrases every result's prompt or tags must contain (lower case, accents folded)
 * @param excluded  words no result's prompt or tags may contain (lower case, accents folded)
 * @param tags      tags a result must carry (all of them, or any with {@code anyTag})
 * @param sources   source ids, any of which matches ({@link io.alicemultiverse.metadata.Source#id()})
 * @param models    model substrings, any of which matches (lower case; combined with {@code sources} by OR: a
 *                  generator word like "flux" names a source or a model)
 * @param namedSources source ids named outright ({@code source:x}, {@code --source}), any of which matches; they
 *                  narrow beside {@code namedModels} and the generator words ({@code --source comfyui --model flux}:
 *                  ComfyUI's Flux images)
 * @param namedModels model substrings named outright ({@code model:x}, {@code --model}), lower case, any of which
 *                  matches; they narrow beside the sources
 * @param projects  projects, any of which matches
 * @param since     inclusive lower bound of the creation time, or null
 * @param until     exclusive upper bound of the creation time, or null
 * @param mediaType {@code image} or {@code video}, or null
 * @param not       what a result must not be: tags it may not carry, sources, model substrings and projects it may
 *                  not have ({@code -tag:x}, {@code -source:x}, {@code -model:x}, {@code -project:x})
 */
public record SearchQuery(String text, List<String> phrases, List<String> excluded, List<String> tags, boolean anyTag,
                          List<String> sources, List<String> models, List<String> namedSources,
                          List<String> namedModels, List<String> projects,
                          LocalDateTime since, LocalDateTime until, String mediaType, Not not,
                          Sort sort, int limit, int offset) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 10_000;
    /**
     * Largest offset: ranking keeps offset + limit candidates, so an unbounded offset would let one query allocate
     * gigabytes. Nobody pages past the 100,000th match; a narrower query finds it sooner.
     */
    public static final int MAX_OFFSET = 100_000;

    /** Result order; {@link #RELEVANCE} falls back to newest first when there is no text to rank by. */
    public enum Sort {
        RELEVANCE, NEWEST, OLDEST;

        /** The sort named {@code name} (case-insensitive), or an {@link IllegalArgumentException} naming the choices. */
        public static Sort of(String name) {
            for (Sort s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown sort '" + name + "' (relevance, newest, oldest)");
        }
    }

    /**
     * The fields a query excludes, each lower case (sources as ids). Immutable.
     *
     * @param tags     tags a result may not carry
     * @param sources  source ids a result may not have
     * @param models   model substrings a result's model may not contain
     * @param projects projects a result may not be in
     */
    public record Not(List<String> tags, List<String> sources, List<String> models, List<String> projects) {
        public static final Not NOTHING = new Not(List.of(), List.of(), List.of(), List.of());

        public Not {
            tags = List.copyOf(tags);
            sources = List.copyOf(sources);
            models = List.copyOf(models);
            projects = List.copyOf(projects);
        }

        /** Whether nothing is excluded. */
        public boolean isEmpty() {
            return tags.isEmpty() && sources.isEmpty() && models.isEmpty() && projects.isEmpty();
        }
    }

    public SearchQuery {
        text = text == null ? "" : text.trim();
        not = not == null ? Not.NOTHING : not;
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
        models = List.copyOf(models);
        namedSources = List.copyOf(namedSources);
        namedModels = List.copyOf(namedModels);
        projects = List.copyOf(projects);
        if (sort == null) {
            sort = Sort.RELEVANCE;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("--offset must be between 0 and " + MAX_OFFSET + ", not " + offset);
        }
        if (mediaType != null && !mediaType.equals("image") && !mediaType.equals("video")) {
            throw new IllegalArgumentException("--type must be image or video, not '" + mediaType + "'");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            // until is where the range ends, exclusive: --until 2025-04 ends at 2025-05-01T00:00
            throw new IllegalArgumentException("the time range is empty: it starts at " + since + " (--since) and "
                    + "ends before " + until + " (--until, the whole of the day or month it names)");
        }
    }

    public boolean hasText() {
        return !text.isBlank();
    }

    /** This query's filters as the catalog takes them (exclusions as whole words, {@link AssetText#words}). */
    AssetFilter filter() {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases,
                excluded.stream().map(AssetText::words).toList(), not.tags(), not.sources(), not.models(),
                not.projects(), namedSources, namedModels);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects parts of a query from the parser and from command-line flags. Not thread-safe. */
    public static final class Builder {
        final StringBuilder text = new StringBuilder();
        final List<String> phrases = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        boolean anyTag;
        final List<String> sources = new ArrayList<>();
        final List<String> models = new ArrayList<>();
        final List<String> namedSources = new ArrayList<>();
        final List<String> namedModels = new ArrayList<>();
        final List<String> projects = new ArrayList<>();
        final List<String> notTags = new ArrayList<>();
        final List<String> notSources = new ArrayList<>();
        final List<String> notModels = new ArrayList<>();
        final List<String> notProjects = new ArrayList<>();
        LocalDateTime since;
        LocalDateTime until;
        String mediaType;
        Sort sort = Sort.RELEVANCE;
        int limit = DEFAULT_LIMIT;
        int offset;

        public Builder word(String w) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(w);
            return this;
        }

        /** A phrase every result must contain, matched in lower case with accents folded ("cafe" finds "café"). */
        public Builder phrase(String p) {
            String n = io.alicemultiverse.catalog.Accents.fold(norm(p));
            if (!n.isEmpty()) {
                phrases.add(n);
            }
            return this;
        }

        /** A word no result may hold, matched as {@link #phrase} is. */
        public Builder exclude(String w) {
            String n = io.alicemultiverse.catalog.Accents.fold(norm(w));
            if (n.codePoints().anyMatch(Character::isLetterOrDigit)) {
                excluded.add(n);
            }
            return this;
        }

        public Builder tag(String t) {
            String n = norm(t);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("an empty tag");
            }
            tags.add(n);
            return this;
        }

        public Builder anyTag(boolean any) {
            anyTag = any;
            return this;
        }

        public Builder source(String id) {
            if (!sources.contains(id)) {
                sources.add(id);
            }
            return this;
        }

        public Builder model(String m) {
            String n = modelPart(m);
            if (!n.isEmpty() && !models.contains(n)) {
                models.add(n);
            }
            return this;
        }

        /** A source id named outright ({@code source:x}, {@code --source}): it narrows beside models. */
        public Builder namedSource(String id) {
            addOnce(namedSources, id);
            return this;
        }

        /** A model substring named outright ({@code model:x}, {@code --model}): it narrows beside sources. */
        public Builder namedModel(String m) {
            String n = modelPart(m);
            if (!n.isEmpty()) {
                addOnce(namedModels, n);
            }
            return this;
        }

        /** A project, matched whatever its case (as sources, models and tags are). */
        public Builder project(String p) {
            String n = p.trim().toLowerCase(Locale.ROOT);
            if (!projects.contains(n)) {
                projects.add(n);
            }
            return this;
        }

        /** A tag no result may carry ({@code -tag:x}). */
        public Builder notTag(String t) {
            String n = norm(t);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("an empty tag");
            }
            addOnce(notTags, n);
            return this;
        }

        /** A source id no result may have ({@code -source:x}). */
        public Builder notSource(String id) {
            addOnce(notSources, id);
            return this;
        }

        /** A model substring no result's model may contain ({@code -model:x}). */
        public Builder notModel(String m) {
            String n = modelPart(m);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("-model: needs a model, e.g. -model:flux");
            }
            addOnce(notModels, n);
            return this;
        }

        /** A project no result may be in, whatever its case ({@code -project:x}). */
        public Builder notProject(String p) {
            addOnce(notProjects, p.trim().toLowerCase(Locale.ROOT));
            return this;
        }

        private static void addOnce(List<String> list, String v) {
            if (!list.contains(v)) {
                list.add(v);
            }
        }

        /** Narrows the time range to its intersection with {@code [from, to)} (either may be null). */
        public Builder between(LocalDateTime from, LocalDateTime to) {
            if (from != null && (since == null || from.isAfter(since))) {
                since = from;
            }
            if (to != null && (until == null || to.isBefore(until))) {
                until = to;
            }
            return this;
        }

        public Builder mediaType(String t) {
            mediaType = t == null ? null : t.toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder sort(Sort s) {
            sort = s;
            return this;
        }

        public Builder limit(int n) {
            limit = n;
            return this;
        }

        public Builder offset(int n) {
            offset = n;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(text.toString(), phrases, excluded, tags, anyTag, sources, models, namedSources,
                    namedModels, projects,
                    since, until, mediaType, new Not(notTags, notSources, notModels, notProjects), sort, limit, offset);
        }

        /**
         * A model value as it is matched: lower case, less a checkpoint file's folders and extension
         * ({@link io.alicemultiverse.catalog.ModelName}), so {@code SDXL/sd_xl_base_1.0.safetensors} (as ComfyUI
         * records it) also finds A1111's {@code sd_xl_base_1.0}, as the model facet groups them.
         */
        private static String modelPart(String m) {
            String n = norm(m);
            return n.isEmpty() ? n : io.alicemultiverse.catalog.ModelName.bare(n);
        }

        private static String norm(String s) {
            return s == null ? "" : s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    }
}
