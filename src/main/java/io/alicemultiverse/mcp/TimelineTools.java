package io.alicemultiverse.mcp;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.search.SearchQuery;
import io.alicemultiverse.timeline.TimelineBuilder;
import io.alicemultiverse.timeline.TimelineFormat;
import io.alicemultiverse.timeline.TimelineOrder;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timeline tool {@code export_timeline}: clips and stills as OTIO, FCPXML or EDL text in the tool result. It
 * writes no file (a model names no path on the user's disk), so it is annotated read-only and idempotent.
 */
final class TimelineTools {
    /** Builds an annotated tool from its parts (the {@link Tools} wrapper: serialised calls, errors as tool errors). */
    @FunctionalInterface
    interface Factory {
        SyncToolSpecification tool(String name, McpSchema.ToolAnnotations annotations, String description,
                                   Map<String, Object> schema, List<Class<?>> outputs, Tools.Body body);
    }

    private final LibraryService library;

    TimelineTools(LibraryService library) {
        this.library = library;
    }

    List<SyncToolSpecification> all(Factory f) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("assets", Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "Content hashes (8+ hex digits) or library paths, in timeline order."));
        props.put("query", Tools.prop("string", "Instead of assets: every asset this plain-language search matches."));
        props.put("format", Map.of("type", "string", "enum", List.of("otio", "fcpxml", "edl"),
                "description", "OpenTimelineIO JSON, FCPXML 1.9 or CMX 3600 EDL."));
        props.put("order", Map.of("type", "string", "enum", List.of("created", "search", "manual"),
                "description", "Clip order (default: as listed, as ranked, or by creation date)."));
        props.put("fps", Tools.prop("integer", "Frame rate, 1-60 (default 24)."));
        props.put("still_seconds", Tools.prop("number", "How long each still is held (default 3)."));
        props.put("name", Tools.prop("string", "The timeline's name."));
        McpSchema.ToolAnnotations annotations = McpSchema.ToolAnnotations.builder().title("Export a timeline")
                .readOnlyHint(true).destructiveHint(false).idempotentHint(true).openWorldHint(false).build();
        return List.of(f.tool("export_timeline", annotations,
                "Make an editing timeline of library clips and stills for a video editor (DaVinci Resolve, Premiere, "
                        + "Final Cut, Kdenlive): each clip with its file, its length from ffprobe (stills held for "
                        + "still_seconds) and its prompt as a note/marker. Returns the file's text in `content`; "
                        + "nothing is written or changed.",
                Tools.schema(props, List.of("format")), List.of(ToolResults.Timeline.class), this::export));
    }

    private Object export(Args args) {
        TimelineFormat format = TimelineFormat.of(args.string("format"));
        List<String> assets = args.has("assets") ? args.strings("assets") : List.of();
        String query = args.optionalString("query");
        if (assets.isEmpty() && query == null) {
            throw new ToolError("give 'assets' (content hashes or library paths) or a 'query'");
        }
        SearchQuery q = query == null ? null
                : library.query(SearchRequest.selection(query, TimelineBuilder.MAX_CLIPS));
        TimelineOrder order = args.has("order") ? TimelineOrder.of(args.string("order")) : null;
        Double still = args.number("still_seconds");
        String name = args.optionalString("name");
        int fps = args.integer("fps", 24, 1, 60);
        TimelineBuilder.Result r = library.timeline(assets, q, order, fps, still == null ? 3 : still,
                name == null ? "AliceMultiverse" : name);
        return new ToolResults.Timeline(format.name().toLowerCase(Locale.ROOT), format.extension(),
                r.timeline().clips().size(), fps, r.timeline().frames() / (double) fps, r.warnings(),
                format.write(r.timeline()));
    }
}
