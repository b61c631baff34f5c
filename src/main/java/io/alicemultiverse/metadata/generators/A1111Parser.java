package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111, Forge and SD.Next infotext: PNG {@code parameters}, EXIF UserComment, stealth PNGinfo payloads
 * or a {@code .txt} sidecar; also any other EXIF or comment text field, a GIF comment or a video's {@code comment}
 * tag (AnimateDiff for A1111 writes the infotext there), when it holds a {@code Steps} parameter.
 * Parameter names are matched tolerating case and spacing ({@code CFG Scale}). The {@code Version} line names the
 * real generator when it is not A1111 ({@link VersionLine}). Stateless.
 */
final class A1111Parser implements GeneratorParser {
    /** Where infotext may be found, in order of trust. */
    static final List<String> KEYS = List.of("parameters", "Exif.UserComment", "stealth_pnginfo", "stealth_pngcomp",
            "stealth_rgbinfo", "stealth_rgbcomp", "sidecar.txt", "Exif.ImageDescription", "Exif.XPComment",
            "Jpeg.Comment", "Gif.Comment", "Comment", "Description", "Xmp.exif:UserComment", "Xmp.dc:description",
            "Iptc.Caption-Abstract", "Video.comment");
    /** Parameters read into fields of their own, as normalised keys ({@link Keys#normal}). */
    private static final java.util.Set<String> USED = java.util.Set.of("steps", "sampler", "scheduletype",
            "cfgscale", "seed", "size", "size1", "size2", "model", "modelhash", "hashes");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        for (String key : KEYS) {
            // ffprobe spells tags as the container does: MP4 "comment", Matroska "COMMENT"
            String text = key.startsWith("Video.") ? raw.getIgnoreCase(key) : raw.get(key);
            if (text == null || text.isBlank() || text.stripLeading().startsWith("{")) {
                continue;
            }
            A1111Text.Parts parts = A1111Text.parse(text);
            boolean trusted = key.equals("parameters") || key.startsWith("stealth_");
            if (!trusted && parts.param("Steps") == null) {
                continue;
            }
            if (parts.params().isEmpty() && parts.prompt().isEmpty()) {
                continue;
            }
            return Optional.of(build(parts, raw, key));
        }
        return Optional.empty();
    }

    /** Builds a generation from infotext parts; shared with parsers that embed A1111 infotext. */
    static Generation build(A1111Text.Parts parts, RawMetadata raw, String foundIn) {
        Map<String, String> p = parts.params();
        Source source = VersionLine.source(parts);
        Generation.Builder b = Generation.builder(source)
                .prompt(parts.prompt())
                .negative(parts.negative())
                .steps(Values.toInteger(parts.param("Steps")))
                .sampler(parts.param("Sampler"))
                .scheduler(parts.param("Schedule type"))
                .cfgScale(Values.toDouble(parts.param("CFG scale")))
                .seed(parts.param("Seed"))
                .model(parts.param("Model"))
                .model(CivitaiResources.checkpointName(Json.parse(parts.param("Civitai resources")), null))
                .modelHash(parts.param("Model hash"));
        String size = parts.param("Size");
        if (size != null) {
            Matcher m = SIZE.matcher(size);
            if (m.find()) {
                b.size(Values.toInteger(m.group(1)), Values.toInteger(m.group(2)));
            }
        }
        // SD.Next writes the size as two parameters
        b.size(Values.toInteger(parts.param("Size-1")), Values.toInteger(parts.param("Size-2")));
        for (String[] lora : A1111Text.promptLoras(parts.prompt())) {
            b.lora(lora[0], Values.toDouble(lora[1]));
        }
        String loraHashes = parts.param("Lora hashes");
        if (loraHashes != null) {
            for (String entry : loraHashes.split(",")) {
                int colon = entry.lastIndexOf(':');
                String name = colon < 0 ? entry : entry.substring(0, colon);
                if (!name.isBlank() && b.build().loras().stream().noneMatch(l -> l.name().equals(name.strip()))) {
                    b.lora(name, null);
                }
            }
        }
        // Civitai's generator lists its LoRAs as resources, not as <lora:…> tags in the prompt
        for (String[] lora : CivitaiResources.loras(Json.parse(parts.param("Civitai resources")))) {
            if (b.build().loras().stream().noneMatch(l -> l.name().equals(lora[0]))) {
                b.lora(lora[0], Values.toDouble(lora[1]));
            }
        }
        String hashes = parts.param("Hashes");
        if (hashes != null) {
            JsonNode json = Json.parse(hashes);
            if (json != null && json.isObject()) {
                b.modelHash(Values.text(json.get("model")));
                b.extra("Hashes", Json.toPlain(json));
            }
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (!USED.contains(Keys.normal(e.getKey()))) {
                b.extra(e.getKey(), e.getValue());
            }
        }
        if (!foundIn.equals("parameters")) {
            b.extra("found_in", foundIn);
        }
        String post = raw.get("postprocessing");
        if (post != null) {
            b.extra("postprocessing", post.strip());
        }
        String extras = raw.get("extras");
        if (extras != null) {
            b.extra("extras", extras.strip());
        }
        return b.build();
    }
}
