package io.alicemultiverse.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a timeline as OpenTimelineIO JSON (the {@code .otio} serialization): a {@code Timeline.1} whose
 * {@code Stack.1} holds one video {@code Track.1} of {@code Clip.2}s, each with an {@code ExternalReference.1} to its
 * file URL, a {@code TimeRange.1} source range and, when it has a prompt, a {@code Marker.2} over the clip carrying
 * the prompt as its comment. Our own facts go under {@code metadata.alicemultiverse}. Built with Jackson; stateless.
 */
final class OtioWriter implements TimelineWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String write(Timeline t) {
        ObjectNode timeline = schema("Timeline.1");
        timeline.put("name", t.name());
        timeline.putObject("metadata").putObject("alicemultiverse").put("fps", t.fps());
        timeline.set("global_start_time", time(t.startFrame(), t.fps()));
        ObjectNode stack = item("Stack.1", "tracks");
        ObjectNode track = item("Track.1", "V1");
        track.put("kind", "Video");
        ArrayNode clips = track.putArray("children");
        for (Clip c : t.clips()) {
            clips.add(clip(c, t.fps()));
        }
        stack.putArray("children").add(track);
        timeline.set("tracks", stack);
        try {
            return JSON.writeValueAsString(timeline) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write OTIO JSON", e);
        }
    }

    private static ObjectNode clip(Clip c, int fps) {
        ObjectNode clip = item("Clip.2", c.name());
        clip.set("source_range", range(0, c.frames(), fps));
        ObjectNode ref = schema("ExternalReference.1");
        ref.put("name", c.name());
        ref.put("target_url", c.file().toUri().toString());
        // a still has no length of its own: an editor may hold it as long as it likes
        if (c.still()) {
            ref.putNull("available_range");
        } else {
            ref.set("available_range", range(0, c.frames(), fps));
        }
        ref.putObject("metadata");
        clip.putObject("media_references").set("DEFAULT_MEDIA", ref);
        clip.put("active_media_reference_key", "DEFAULT_MEDIA");
        ObjectNode ours = ((ObjectNode) clip.get("metadata")).putObject("alicemultiverse");
        ours.put("content_hash", c.contentHash());
        ours.put("still", c.still());
        ours.put("reel", c.reel());
        if (c.width() != null && c.height() != null) {
            ours.put("width", c.width()).put("height", c.height());
        }
        if (c.prompt() != null && !c.prompt().isBlank()) {
            ours.put("prompt", c.prompt());
            ObjectNode marker = schema("Marker.2");
            marker.put("name", "prompt");
            marker.put("color", "PURPLE");
            marker.put("comment", c.prompt());
            marker.set("marked_range", range(0, c.frames(), fps));
            marker.putObject("metadata");
            ((ArrayNode) clip.get("markers")).add(marker);
        }
        return clip;
    }

    /** A composable item's common fields: name, metadata, source_range, effects, markers, enabled. */
    private static ObjectNode item(String schema, String name) {
        ObjectNode n = schema(schema);
        n.put("name", name);
        n.putObject("metadata");
        n.putNull("source_range");
        n.putArray("effects");
        n.putArray("markers");
        n.put("enabled", true);
        return n;
    }

    private static ObjectNode schema(String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("OTIO_SCHEMA", name);
        return n;
    }

    private static ObjectNode range(long start, long frames, int fps) {
        ObjectNode r = schema("TimeRange.1");
        r.set("start_time", time(start, fps));
        r.set("duration", time(frames, fps));
        return r;
    }

    private static ObjectNode time(long frames, int fps) {
        ObjectNode t = schema("RationalTime.1");
        t.put("rate", (double) fps);
        t.put("value", (double) frames);
        return t;
    }
}
