package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.timeline.TimelineBuilder;
import io.alicemultiverse.timeline.TimelineFormat;
import io.alicemultiverse.timeline.TimelineOrder;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/timeline} with {@code {"assets": [hash…], "format": "otio|fcpxml|edl", "fps": 24,
 * "still_seconds": 3}}: the timeline file of those assets in that order, as a download. A frame rate is a whole
 * number from 1 to 60, as {@code --fps} and MCP's {@code fps} take it. Calls into the library are serialised on it.
 */
final class TimelineRoute {
    private final LibraryService library;

    TimelineRoute(LibraryService library) {
        this.library = library;
    }

    void timeline(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(ctx);
        List<String> assets = new ArrayList<>();
        body.path("assets").forEach(t -> assets.add(WebServer.hashText(t.asText())));
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("send {\"assets\": [content hashes], \"format\": \"otio|fcpxml|edl\"}");
        }
        TimelineFormat format = TimelineFormat.of(body.path("format").asText("otio"));
        int fps = JsonBody.wholeNumber(body, "fps", 24, 1, 60);
        double still = JsonBody.number(body, "still_seconds", 3);
        TimelineBuilder.Result r;
        synchronized (library) {
            r = library.timeline(assets, null, TimelineOrder.MANUAL, fps, still, "AliceMultiverse");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"timeline" + format.extension() + "\"");
        ctx.header("X-Timeline-Clips", String.valueOf(r.timeline().clips().size()));
        ctx.contentType(format.contentType() + "; charset=utf-8").result(format.write(r.timeline()));
    }
}
