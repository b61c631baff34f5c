package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.metadata.generators.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Video containers (MP4, MOV, WebM, MKV, AVI) through ffprobe: size, duration, codec, creation time and every
 * format tag as {@code Video.<tag>}. ComfyUI's {@code prompt}/{@code workflow} tags, or a {@code comment} tag
 * holding them as JSON, become {@code prompt}/{@code workflow} entries. Without ffprobe the container header is
 * read by metadata-extractor instead. Stateless.
 */
final class VideoReader {
    private VideoReader() {
    }

    static void read(Path file, RawMetadata.Builder out) throws IOException {
        if (!Ffprobe.isAvailable()) {
            out.problem("ffprobe not installed: only the container header was read");
            GenericReader.read(file, out);
            return;
        }
        Optional<JsonNode> probe = Ffprobe.probe(file);
        if (probe.isEmpty()) {
            out.problem("ffprobe could not read this video");
            return;
        }
        JsonNode root = probe.get();
        for (JsonNode s : root.path("streams")) {
            if ("video".equals(s.path("codec_type").asText())) {
                out.size(s.path("width").asInt(0), s.path("height").asInt(0));
                out.video("codec", s.path("codec_name").asText(null));
                out.video("frame_rate", s.path("avg_frame_rate").asText(null));
                break;
            }
        }
        JsonNode format = root.path("format");
        Double duration = Values.toDouble(format.path("duration").asText(null));
        out.video("duration", duration);
        JsonNode tags = format.path("tags");
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            out.text("Video." + e.getKey(), value);
            String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (key.equals("creation_time")) {
                out.video("creation_time", value);
            } else if (key.equals("prompt") || key.equals("workflow")) {
                out.text(key, value);
            } else if (key.equals("comment") || key.equals("description")) {
                unpackComfyComment(value, out);
            }
        }
    }

    /** VideoHelperSuite writes {@code {"prompt": …, "workflow": …}} (strings or objects) into the comment tag. */
    private static void unpackComfyComment(String value, RawMetadata.Builder out) {
        JsonNode json = Json.parseObject(value);
        if (json == null) {
            return;
        }
        for (String key : new String[]{"prompt", "workflow"}) {
            JsonNode v = json.get(key);
            if (v != null && !v.isNull()) {
                out.text(key, v.isTextual() ? v.textValue() : v.toString());
            }
        }
    }
}
