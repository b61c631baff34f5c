package io.alicemultiverse.web;

import io.alicemultiverse.app.SearchRequest;
import io.javalin.http.Context;

/**
 * Reads {@code GET /api/search}'s parameters ({@code q} in plain language, then {@code tag} (repeatable),
 * {@code source}, {@code project}, {@code model} (a substring), {@code since}, {@code until}) into a
 * {@link SearchRequest}, which holds the rules. Bad values are {@link IllegalArgumentException}s, which the server
 * answers with 400. Stateless.
 */
final class SearchParams {
    private SearchParams() {
    }

    static SearchRequest of(Context ctx, int limit, int offset) {
        return SearchRequest.builder().text(ctx.queryParam("q")).tags(ctx.queryParams("tag"))
                .sources(ctx.queryParams("source")).projects(ctx.queryParams("project"))
                .models(ctx.queryParams("model")).since(ctx.queryParam("since")).until(ctx.queryParam("until"))
                .limit(limit).offset(offset).build();
    }
}
