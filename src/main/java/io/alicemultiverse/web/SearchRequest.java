package io.alicemultiverse.web;

import io.alicemultiverse.search.QueryParser;
import io.alicemultiverse.search.SearchQuery;
import io.javalin.http.Context;

/**
 * Reads {@code GET /api/search}'s parameters ({@code q} in plain language, then {@code tag} (repeatable),
 * {@code source}, {@code project}, {@code model} (a substring), {@code since}, {@code until}) into a query. Bad values are
 * {@link IllegalArgumentException}s, which the server answers with 400. Stateless.
 */
final class SearchRequest {
    private SearchRequest() {
    }

    static SearchQuery of(Context ctx, QueryParser parser, int limit, int offset) {
        String q = ctx.queryParam("q");
        SearchQuery.Builder b = parser.parse(q == null ? "" : q);
        ctx.queryParams("tag").stream().filter(t -> !t.isBlank()).forEach(b::tag);
        String source = param(ctx, "source");
        if (source != null) {
            b.source(QueryParser.sourceId(source));
        }
        String project = param(ctx, "project");
        if (project != null) {
            b.project(project);
        }
        String model = param(ctx, "model");
        if (model != null) {
            b.model(model);
        }
        String since = param(ctx, "since");
        if (since != null) {
            b.between(parser.timeRange(since)[0], null);
        }
        String until = param(ctx, "until");
        if (until != null) {
            b.between(null, parser.timeRange(until)[1]);
        }
        return b.limit(limit).offset(offset).build();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }
}
