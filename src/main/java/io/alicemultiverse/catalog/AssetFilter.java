package io.alicemultiverse.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Which assets a search keeps, as typed values: every condition narrows the result, and the catalog turns them into
 * SQL with each value bound as a parameter ({@link FilterSql}), so no user text ever becomes SQL. What each part means
 * is defined once, in {@link FilterRule}: the SQL and the in-memory selection ({@code search.RowCache}) both follow
 * it. Immutable.
 *
 * @param tags          tags an asset must carry: all of them, or any with {@code anyTag}
 * @param anyTag        whether one of {@code tags} is enough
 * @param sources       source ids, any of which matches
 * @param models        lower-case model substrings, any of which matches; sources and models together are one OR
 *                      (a generator word names a source or a model)
 * @param projects      projects, any of which matches
 * @param since         inclusive lower bound of the creation time, or null
 * @param until         exclusive upper bound of the creation time, or null
 * @param mediaType     {@code image} or {@code video}, or null
 * @param phrases       lower-case texts the asset's search text (prompt, tags, descriptions) must contain
 * @param excludedWords words the search text must not hold as whole words, each as its words separated by single
 *                      spaces with a space at each end ({@code search.AssetText.words})
 * @param notTags       tags an asset must carry none of ({@code -tag:x})
 * @param notSources    source ids an asset must not have ({@code -source:x}); an asset without a source passes
 * @param notModels     lower-case model substrings the asset's model must contain none of ({@code -model:x}); an
 *                      asset without a model passes
 * @param notProjects   lower-case projects an asset must not be in ({@code -project:x}); one without a project passes
 * @param namedSources  source ids named outright ({@code source:x}, {@code --source}), any of which matches; unlike
 *                      {@code sources} (generator words), they narrow beside models: {@code --source comfyui
 *                      --model flux} is ComfyUI's Flux images
 * @param namedModels   lower-case model substrings named outright ({@code model:x}, {@code --model}), any of which
 *                      matches; they narrow beside sources
 */
public record AssetFilter(List<String> tags, boolean anyTag, List<String> sources, List<String> models,
                          List<String> projects, LocalDateTime since, LocalDateTime until, String mediaType,
                          List<String> phrases, List<String> excludedWords, List<String> notTags,
                          List<String> notSources, List<String> notModels, List<String> notProjects,
                          List<String> namedSources, List<String> namedModels) {
    /** No condition: every asset. */
    public static final AssetFilter ALL = new AssetFilter(List.of(), false, List.of(), List.of(), List.of(), null, null,
            null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public AssetFilter {
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
        models = List.copyOf(models);
        projects = List.copyOf(projects);
        phrases = List.copyOf(phrases);
        excludedWords = List.copyOf(excludedWords);
        notTags = List.copyOf(notTags);
        notSources = List.copyOf(notSources);
        notModels = List.copyOf(notModels);
        notProjects = List.copyOf(notProjects);
        namedSources = List.copyOf(namedSources);
        namedModels = List.copyOf(namedModels);
    }

    /** A filter of the positive rules and the excluded words only (no {@code -tag:}, {@code -source:}… exclusions). */
    public AssetFilter(List<String> tags, boolean anyTag, List<String> sources, List<String> models,
                       List<String> projects, LocalDateTime since, LocalDateTime until, String mediaType,
                       List<String> phrases, List<String> excludedWords) {
        this(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether no condition is set (every asset passes). */
    public boolean isEmpty() {
        return FilterRule.clauses(this).isEmpty();
    }

    // one part replaced, for FilterRule#with

    AssetFilter withTags(List<String> newTags, boolean any) {
        return new AssetFilter(newTags, any, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withSources(List<String> v) {
        return new AssetFilter(tags, anyTag, v, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withModels(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, v, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withProjects(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, v, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withSince(LocalDateTime v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, v, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withUntil(LocalDateTime v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, v, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withMediaType(String v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, v, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withPhrases(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, v, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    /** This filter without its quoted phrases (for a caller that found the assets holding them another way). */
    public AssetFilter withoutPhrases() {
        return withPhrases(List.of());
    }

    AssetFilter withExcludedWords(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, v,
                notTags, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withNotTags(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                v, notSources, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withNotSources(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, v, notModels, notProjects, namedSources, namedModels);
    }

    AssetFilter withNotModels(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, v, notProjects, namedSources, namedModels);
    }

    AssetFilter withNotProjects(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, v, namedSources, namedModels);
    }

    AssetFilter withNamedSources(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, v, namedModels);
    }

    AssetFilter withNamedModels(List<String> v) {
        return new AssetFilter(tags, anyTag, sources, models, projects, since, until, mediaType, phrases, excludedWords,
                notTags, notSources, notModels, notProjects, namedSources, v);
    }
}
