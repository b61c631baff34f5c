package io.alicemultiverse.web;

import io.alicemultiverse.video.JobState;
import io.alicemultiverse.video.VideoJob;
import io.alicemultiverse.video.VideoService;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The video jobs routes: list, one job, cancel. They call the same {@link VideoService} methods as
 * {@code alice video} and the MCP tools, and, like those tools, first advance the jobs that are due, so a page that
 * polls sees them move — unless the owner's background loop advances them (as in {@code serve}), so a request never
 * waits for polls or a clip's download. Generating is not offered here; nothing in a request names a provider's server, a key or a
 * file. The service (one per server, made on first use) is used only while holding {@code lock}, the library's
 * single-writer lock. Thread-safe.
 */
final class VideoRoutes {
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,40}");
    private static final int MAX_LIMIT = 500;

    private final Object lock;
    private final Supplier<VideoService> factory;
    private VideoService service;

    VideoRoutes(Object lock, Supplier<VideoService> factory) {
        this.lock = lock;
        this.factory = factory;
    }

    /** {@code GET /api/video/jobs?state=S&limit=N}: {@code {"jobs": [job…] newest first, "advance_error"?}}. */
    void list(Context ctx) {
        String s = ctx.queryParam("state");
        JobState state = s == null || s.isBlank() ? null : JobState.parse(s);
        int limit = WebServer.intParam(ctx, "limit", 100, 1, MAX_LIMIT);
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (lock) {
            VideoService v = service();
            advance(v, out);
            List<io.alicemultiverse.video.VideoJobJson> jobs = v.recent(state, limit).stream().map(v::json).toList();
            out.put("jobs", jobs);
        }
        WebServer.json(ctx, out);
    }

    /** A job as {@link #one} answers it: its fields, and beside them why due jobs could not be advanced, if so. */
    record JobAnswer(@com.fasterxml.jackson.annotation.JsonUnwrapped io.alicemultiverse.video.VideoJobJson job,
                     @com.fasterxml.jackson.annotation.JsonProperty("advance_error")
                     @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String advanceError) {
    }

    /** {@code GET /api/video/jobs/{id}}: the job (404 when there is none). */
    void one(Context ctx) {
        String id = id(ctx);
        synchronized (lock) {
            VideoService v = service();
            Map<String, Object> advanced = new LinkedHashMap<>();
            advance(v, advanced);
            Optional<VideoJob> j = v.find(id);
            if (j.isEmpty()) {
                WebServer.error(ctx, 404, "no video job " + id);
                return;
            }
            WebServer.json(ctx, new JobAnswer(v.json(j.get()), (String) advanced.get("advance_error")));
        }
    }

    /**
     * {@code POST /api/video/jobs/{id}/cancel}: cancels through {@link VideoService#cancel} (at the provider too,
     * where it has a cancel) and answers the job as recorded; 404 for no such job, 409 for one that is finished.
     */
    void cancel(Context ctx) {
        String id = id(ctx);
        synchronized (lock) {
            VideoService v = service();
            if (v.find(id).isEmpty()) {
                WebServer.error(ctx, 404, "no video job " + id);
                return;
            }
            VideoJob cancelled;
            try {
                cancelled = v.cancel(id);
            } catch (IllegalArgumentException e) {
                WebServer.error(ctx, 409, e.getMessage());
                return;
            }
            WebServer.json(ctx, v.json(cancelled));
        }
    }

    /**
     * Advances due jobs; a failure to (a provider's key missing from this process) is reported beside the jobs
     * instead of hiding them.
     */
    private static void advance(VideoService v, Map<String, Object> out) {
        try {
            v.tickUnlessAdvanced();
        } catch (RuntimeException e) {
            out.put("advance_error", "jobs could not be advanced: " + e.getMessage());
        }
    }

    private VideoService service() {
        if (service == null) {
            service = factory.get();
        }
        return service;
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a video job id: ids are lower-case letters and digits");
        }
        return id;
    }
}
