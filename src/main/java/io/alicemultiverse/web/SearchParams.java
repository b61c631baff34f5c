package io.alicemultiverse.web;

import io.alicemultiverse.app.SearchRequest;
import io.javalin.http.Context;

import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code GET /api/search}'s parameters — {@code q} in plain language, then what {@code alice search} takes as
 * flags: {@code tag} (repeatable), {@code any_tag}, {@code source}, {@code project}, {@code model} (a substring),
 * {@code since}, {@code until}, {@code type} ({@code image|video}), {@code sort} ({@code relevance|newest|oldest}) —
 * into a {@link SearchRequest}, which holds the rules. A parameter the API does not know is refused, never ignored: a
 * misspelt filter would otherwise widen the answer without a word. Bad values are {@link IllegalArgumentException}s,
 * which the server answers with 400. Stateless.
 */
final class SearchParams {
    /** Every parameter {@code /api/search} reads ({@code token} is the guard's). */
    static final Set<String> NAMES = Set.of("q", "tag", "any_tag", "source", "project", "model", "since", "until",
            "type", "sort", "limit", "offset", "total", "token");

    private SearchParams() {
    }

    static SearchRequest of(Context ctx, int limit, int offset) {
        known(ctx, NAMES);
        return SearchRequest.builder().text(ctx.queryParam("q")).tags(ctx.queryParams("tag"))
                .anyTag(bool(ctx, "any_tag"))
                .sources(ctx.queryParams("source")).projects(ctx.queryParams("project"))
                .models(ctx.queryParams("model")).since(ctx.queryParam("since")).until(ctx.queryParam("until"))
                .type(ctx.queryParam("type")).sort(ctx.queryParam("sort"))
                .limit(limit).offset(offset).build();
    }

    /** Refuses (400) a query parameter not in {@code names}, naming it and the ones the route takes. */
    static void known(Context ctx, Set<String> names) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!names.contains(name)) {
                Set<String> listed = new TreeSet<>(names);
                listed.remove("token");
                throw new IllegalArgumentException("unknown parameter '" + name + "' (this route takes: "
                        + String.join(", ", listed) + ")");
            }
        }
    }

    /** A {@code true|false} parameter (absent: false). */
    static boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        };
    }
}
