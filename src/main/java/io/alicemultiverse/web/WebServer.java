package io.alicemultiverse.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Bounds;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.SimilarRequest;
import io.alicemultiverse.library.ThumbnailCache;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.metrics.AliceMetrics;
import io.alicemultiverse.search.SearchHitJson;
import io.alicemultiverse.search.SearchPageJson;
import io.alicemultiverse.search.SearchResult;
import io.alicemultiverse.similar.DuplicateGroupJson;
import io.alicemultiverse.similar.SimilarMatchJson;
import io.alicemultiverse.similar.KeepRule;
import io.alicemultiverse.similar.SimilarFinder;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.VideoService;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code alice serve}: the JSON API, the gallery and {@code /metrics} over Javalin. Routes only translate HTTP to
 * {@link LibraryService} calls (serialised: the catalog has one writer) and back. Files are served by content hash only,
 * from paths the catalog holds, and only when they resolve inside the library ({@link AssetFiles}); video jobs are
 * listed and cancelled through {@link VideoRoutes}. Every request passes the
 * {@link RequestGuard} first (host names, cross-site changes, the token, JSON bodies). A non-loopback bind needs a
 * token. Numbers in requests are bounded (a 400 names the bound), so no request can make the server allocate at will.
 */
public final class WebServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIMIT = 500;
    private static final int MAX_OFFSET = SearchQuery.MAX_OFFSET;
    /** How long a request's line and headers may take to arrive (a browser sends them at once). */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);

    private final LibraryService library;
    private final RequestGuard guard;
    private final AliceMetrics metrics;
    private final AssetFiles files;
    private final VideoRoutes video;
    private final Javalin app;

    private WebServer(LibraryService library, String bind, int port, String token, List<String> allowedHosts,
                      java.util.function.Supplier<VideoService> videoService) throws IOException {
        this.library = library;
        this.guard = new RequestGuard(bind, allowedHosts, token, this::port);
        this.metrics = new AliceMetrics(() -> {
            synchronized (library) {
                return library.catalog().assetCount();
            }
        });
        this.files = new AssetFiles(library, new ThumbnailCache(library.root()), metrics);
        this.video = new VideoRoutes(library, videoService);
        this.app = Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            // Jetty's own refusals (a malformed request, 414, 431) answer in the API's JSON shape, not its HTML page
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            config.staticFiles.add("/web", Location.CLASSPATH);
            config.routes.before(this::authorise);
            config.routes.after(this::measure);
            config.routes.get("/health", ctx -> json(ctx, Map.of("status", "ok")));
            config.routes.get("/api/stats", ctx -> json(ctx, catalog(library::stats)));
            config.routes.get("/api/assets", this::list);
            config.routes.get("/api/search", this::search);
            config.routes.post("/api/assets/{hash}/tags", this::tags);
            config.routes.get("/api/assets/{hash}", this::asset);
            config.routes.get("/api/assets/{hash}/thumbnail", files::thumbnail);
            config.routes.get("/api/assets/{hash}/file", files::file);
            config.routes.get("/api/assets/{hash}/similar", ctx -> json(ctx, catalog(() -> library.similar(new SimilarRequest(hash(ctx),
                    intParam(ctx, "max_distance", SimilarFinder.DEFAULT_MAX_DISTANCE, 0, Bounds.MAX_DISTANCE),
                    intParam(ctx, "limit", 24, 1, MAX_LIMIT)))).stream().map(SimilarMatchJson::of).toList()));
            config.routes.get("/api/duplicates", ctx -> json(ctx, catalog(() -> library.duplicates(
                    intParam(ctx, "max_distance", SimilarFinder.DEFAULT_MAX_DISTANCE, 0, Bounds.MAX_DISTANCE),
                    KeepRule.BEST))
                    .stream().map(DuplicateGroupJson::of).toList()));
            config.routes.post("/api/duplicates/resolve", this::resolveDuplicates);
            config.routes.post("/api/timeline", new TimelineRoute(library)::timeline);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            config.routes.get("/api/metrics/summary", this::summary);
            config.routes.get("/api/video/jobs", video::list);
            config.routes.get("/api/video/jobs/{id}", video::one);
            config.routes.post("/api/video/jobs/{id}/cancel", video::cancel);
            config.routes.get("/api/runs", ctx -> json(ctx, catalog(() -> library.catalog().views().organizeRuns(
                    intParam(ctx, "limit", 30, 1, MAX_LIMIT)))));
            config.routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400,
                    "the body is not valid JSON: " + e.getOriginalMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            // Javalin's own refusals (a body over the size limit: 413) in the API's one shape, not as plain text
            long maxBody = config.http.maxRequestSize;
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e instanceof ContentTooLargeResponse ? "the request body is larger than " + maxBody + " bytes"
                            : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error"));
        });
    }

    /**
     * Starts serving {@code library} on {@code bind}:{@code port} (0 picks a free port).
     *
     * @param token required from clients when not null; must be given for a non-loopback {@code bind}
     */
    public static WebServer start(LibraryService library, String bind, int port, String token) throws IOException {
        return start(library, bind, port, token, List.of());
    }

    /**
     * Starts serving, answering also to {@code allowedHosts} in the {@code Host} header (besides the loopback names
     * and the bind address).
     */
    public static WebServer start(LibraryService library, String bind, int port, String token, List<String> allowedHosts)
            throws IOException {
        return start(library, bind, port, token, allowedHosts,
                () -> library.video(UnderstandSettings.defaults(), System.getenv()));
    }

    /**
     * Starts serving, with the video jobs routes backed by what {@code videoService} makes (once, on first use:
     * {@code alice serve} passes the configured budgets and the environment's keys).
     */
    public static WebServer start(LibraryService library, String bind, int port, String token, List<String> allowedHosts,
                                  java.util.function.Supplier<VideoService> videoService) throws IOException {
        if (!InetAddress.getByName(bind).isLoopbackAddress() && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("binding to " + bind + " (not loopback) needs a token");
        }
        WebServer server = new WebServer(library, bind, port, token == null || token.isBlank() ? null : token,
                allowedHosts, videoService);
        server.app.start();
        // read by each connection as it opens (Jetty configures a new connection with its connector's listeners)
        HeaderDeadline deadline = new HeaderDeadline(HEADER_DEADLINE);
        for (org.eclipse.jetty.server.Connector c : server.app.jettyServer().server().getConnectors()) {
            c.addBean(deadline);
        }
        return server;
    }

    public int port() {
        return app.port();
    }

    private void authorise(Context ctx) {
        ctx.attribute("alice-start", System.nanoTime());
        if (!guard.admit(ctx)) {
            ctx.skipRemainingHandlers();
        }
    }

    private void measure(Context ctx) {
        Long start = ctx.attribute("alice-start");
        if (start != null) {
            metrics.request(routeOf(ctx), ctx.statusCode(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The metric label of a request: its route's template ({@code /api/assets/{hash}}), never the path itself, so
     * that the number of label values stays the number of routes whatever clients send.
     */
    private static String routeOf(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        return ctx.statusCode() < 400 ? "static" : "unmatched";
    }

    private void list(Context ctx) {
        SearchParams.known(ctx, java.util.Set.of("limit", "offset", "source", "project", "token"));
        int limit = intParam(ctx, "limit", 100, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        String given = blankToNull(ctx.queryParam("source"));
        // as the CLI's --source and /api/search read it: an id or alias, else a 400 naming the sources
        String source = given == null ? null : io.alicemultiverse.search.QueryParser.sourceId(given);
        String project = blankToNull(ctx.queryParam("project"));
        var items = catalog(() -> library.catalog().views().recent(limit, offset, source, project));
        for (Map<String, Object> item : items) {
            item.put("thumbnail", "/api/assets/" + item.get("content_hash") + "/thumbnail");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("limit", limit);
        out.put("offset", offset);
        json(ctx, out);
    }

    private void search(Context ctx) {
        long start = System.nanoTime();
        int limit = intParam(ctx, "limit", 60, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        // counting every match (the facets) costs more than finding the page; clients that show no count skip it
        boolean total = !"false".equals(ctx.queryParam("total"));
        // not under catalog(): a warm library answers searches from memory on many threads at once
        SearchResult r = library.searchConcurrently(library.query(SearchParams.of(ctx, limit, offset)), total);
        java.util.List<SearchHitJson> items = r.hits().stream().map(h -> SearchHitJson.of(h)
                .withThumbnail("/api/assets/" + h.contentHash() + "/thumbnail")).toList();
        json(ctx, new SearchPageJson(total ? SearchHitJson.total(r) : null, (System.nanoTime() - start) / 1e6,
                items, r.unknownWords()));
    }

    private void tags(Context ctx) throws IOException {
        String hash = hash(ctx);
        JsonNode body = JsonBody.object(ctx);
        if (!catalog(() -> library.catalog().reads().contains(hash))) {
            error(ctx, 404, "no asset " + hash);
            return;
        }
        java.util.List<String> add = JsonBody.strings(body, "add", MAX_LIMIT);
        java.util.List<String> remove = JsonBody.strings(body, "remove", MAX_LIMIT);
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("send {\"add\": [tags]} and/or {\"remove\": [tags]}");
        }
        java.util.List<String> problems = new java.util.ArrayList<>();
        catalog(() -> {
            try {
                if (!add.isEmpty()) {
                    problems.addAll(library.tag(true, java.util.List.of(hash), null, add).sidecarProblems());
                }
                if (!remove.isEmpty()) {
                    problems.addAll(library.tag(false, java.util.List.of(hash), null, remove).sidecarProblems());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return null;
        });
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("tags", catalog(() -> library.catalog().views().tagsOf(hash)));
        if (!problems.isEmpty()) { // the tags changed; the sidecar (xmp: true) could not follow
            out.put("sidecar_problems", problems);
        }
        json(ctx, out);
    }

    /**
     * {@code {"keep": hash, "trash": [hash…], "max_distance": N}}: keeps one member of a duplicate group and moves
     * the named others to the library's trash (never deletes); answers the run that {@code alice undo} reverses.
     */
    private void resolveDuplicates(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(ctx);
        String keep = hashText(body.path("keep").asText(""));
        java.util.List<String> trash = JsonBody.strings(body, "trash", MAX_LIMIT).stream().map(WebServer::hashText).toList();
        JsonNode distance = body.path("max_distance");
        if (!distance.isMissingNode() && !distance.isNull() && !distance.canConvertToExactIntegral()) {
            throw new IllegalArgumentException("max_distance must be a whole number between 0 and "
                    + Bounds.MAX_DISTANCE);
        }
        long asked = distance.isIntegralNumber() ? distance.asLong() : SimilarFinder.DEFAULT_MAX_DISTANCE;
        int maxDistance = Bounds.maxDistance((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, asked)));
        var result = catalogIo(() -> library.trashDuplicates(keep, trash, maxDistance));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", result.run());
        out.put("trashed", result.changed());
        out.put("skipped", result.skipped());
        out.put("undo", "alice undo " + result.run());
        json(ctx, out);
    }

    private void asset(Context ctx) {
        String hash = hash(ctx);
        Optional<Map<String, Object>> a = catalog(() -> library.asset(hash));
        if (a.isEmpty()) {
            error(ctx, 404, "no asset " + hash);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>(a.get());
        m.put("thumbnail", "/api/assets/" + hash + "/thumbnail");
        m.put("file", "/api/assets/" + hash + "/file");
        json(ctx, m);
    }

    /**
     * {@code /api/metrics/summary}: this process's meters ({@link AliceMetrics#summary}) and, from the catalog's
     * ledger, what understanding and video did and cost per day over {@code days} (default 30).
     */
    private void summary(Context ctx) {
        int days = intParam(ctx, "days", 30, 1, 366);
        Map<String, Object> out = new LinkedHashMap<>(metrics.summary());
        out.put("spend", catalog(() -> library.dailyCosts(days)));
        json(ctx, out);
    }

    static String hash(Context ctx) {
        return hashText(ctx.pathParam("hash"));
    }

    static String hashText(String text) {
        String h = text.toLowerCase(java.util.Locale.ROOT);
        if (!ContentHash.looksLikeHash(h)) {
            throw new IllegalArgumentException("not a content hash: use the 64 hex digits of an asset");
        }
        return h;
    }

    private <T> T catalog(java.util.function.Supplier<T> work) {
        synchronized (library) {
            return work.get();
        }
    }

    private interface IoWork<T> {
        T get() throws IOException;
    }

    private <T> T catalogIo(IoWork<T> work) throws IOException {
        synchronized (library) {
            return work.get();
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status);
        json(ctx, Map.of("error", message == null ? "error" : message));
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
    }
}
