package io.alicemultiverse.app;

import io.alicemultiverse.search.QueryParser;
import io.alicemultiverse.search.SearchQuery;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A search as every surface asks for it — plain-language text, then filters named one by one (tags, sources,
 * models, projects, a date range, a media type), an order and a page — and the one rule that turns it into a
 * {@link SearchQuery}: generator names read as source ids, dates as the plain-language parser reads them, blank
 * values ignored. The CLI's options, the web API's parameters and the MCP tool's arguments only fill it in.
 * Validated on construction; bad values are {@link IllegalArgumentException}s that name the field.
 *
 * @param limit at most this many results, 1 to {@link SearchQuery#MAX_LIMIT}; {@link #ALL} lists every match
 *              (streamed, {@link LibraryService#searchEach})
 */
public record SearchRequest(String text, List<String> tags, boolean anyTag, List<String> sources, List<String> models,
                            List<String> projects, String since, String until, String type, String sort, int limit,
                            int offset) {
    /** The limit that asks for every match. */
    public static final int ALL = 0;

    public SearchRequest {
        text = text == null ? "" : text;
        tags = present(tags);
        sources = present(sources);
        models = present(models);
        projects = present(projects);
        since = blankToNull(since);
        until = blankToNull(until);
        type = blankToNull(type);
        sort = blankToNull(sort);
        Bounds.check("limit", limit, ALL, SearchQuery.MAX_LIMIT);
        Bounds.check("offset", offset, 0, SearchQuery.MAX_OFFSET);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The assets a plain-language {@code text} selects for a bulk operation (tag, understand, export…), up to {@code max}. */
    public static SearchRequest selection(String text, int max) {
        return builder().text(text).limit(max).build();
    }

    /** Whether every match is asked for. */
    public boolean all() {
        return limit == ALL;
    }

    /** The query; with {@link #ALL}, the query's own page is the default and a streaming caller sets it aside. */
    public SearchQuery toQuery(QueryParser parser) {
        SearchQuery.Builder b = parser.parse(text);
        tags.forEach(b::tag);
        b.anyTag(anyTag);
        sources.forEach(s -> b.namedSource(QueryParser.sourceId(s)));
        models.forEach(b::namedModel);
        projects.forEach(b::project);
        if (since != null) {
            LocalDateTime[] r = parser.timeRange(since);
            b.between(r[0], null);
        }
        if (until != null) {
            LocalDateTime[] r = parser.timeRange(until);
            b.between(null, r[1]);
        }
        if (type != null) {
            b.mediaType(type);
        }
        if (sort != null) {
            b.sort(SearchQuery.Sort.of(sort));
        }
        if (limit != ALL) {
            b.limit(limit);
        }
        return b.offset(offset).build();
    }

    private static List<String> present(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Fills a request field by field; unset fields are empty, the page is the first {@value SearchQuery#DEFAULT_LIMIT}. */
    public static final class Builder {
        private String text = "";
        private final List<String> tags = new ArrayList<>();
        private boolean anyTag;
        private final List<String> sources = new ArrayList<>();
        private final List<String> models = new ArrayList<>();
        private final List<String> projects = new ArrayList<>();
        private String since;
        private String until;
        private String type;
        private String sort;
        private int limit = SearchQuery.DEFAULT_LIMIT;
        private int offset;

        public Builder text(String t) {
            text = t;
            return this;
        }

        public Builder tags(List<String> t) {
            if (t != null) {
                tags.addAll(t);
            }
            return this;
        }

        public Builder anyTag(boolean any) {
            anyTag = any;
            return this;
        }

        public Builder sources(List<String> s) {
            if (s != null) {
                sources.addAll(s);
            }
            return this;
        }

        public Builder models(List<String> m) {
            if (m != null) {
                models.addAll(m);
            }
            return this;
        }

        public Builder projects(List<String> p) {
            if (p != null) {
                projects.addAll(p);
            }
            return this;
        }

        public Builder since(String s) {
            since = s;
            return this;
        }

        public Builder until(String u) {
            until = u;
            return this;
        }

        public Builder type(String t) {
            type = t;
            return this;
        }

        public Builder sort(String s) {
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

        public SearchRequest build() {
            return new SearchRequest(text, tags, anyTag, sources, models, projects, since, until, type, sort, limit,
                    offset);
        }
    }
}
