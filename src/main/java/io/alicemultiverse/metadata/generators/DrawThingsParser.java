package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;
import org.w3c.dom.Document;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draw Things: JSON in XMP {@code exif:UserComment} ({@code c} prompt, {@code uc} negative, {@code scale},
 * {@code size} "512x768", {@code lora} [{file, weight}], a full {@code v2} configuration), read from the
 * {@code Xmp.exif:UserComment} entry or, failing that, from the raw XMP packet. {@code xmp:CreatorTool} or EXIF
 * Software "Draw Things" without parameters still names the source. Stateless and thread-safe; never throws.
 */
final class DrawThingsParser implements GeneratorParser {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*[x×]\\s*(\\d+)");
    private static final Set<String> USED = Set.of("c", "uc", "seed", "scale", "steps", "size", "model", "sampler",
            "lora");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        String comment = raw.get("Xmp.exif:UserComment");
        String creator = raw.get("Xmp.xmp:CreatorTool") + " | " + raw.get("Exif.Software");
        String description = raw.get("Xmp.dc:description");
        Document packet = null;
        if (Json.parseObject(comment) == null && raw.get("XML:com.adobe.xmp") != null) {
            packet = XmpPacket.parse(raw.get("XML:com.adobe.xmp"));
            comment = XmpPacket.property(packet, XmpPacket.EXIF_NS, "UserComment");
            creator = creator + " | " + XmpPacket.property(packet, XmpPacket.XMP_NS, "CreatorTool");
            description = first(description, XmpPacket.property(packet, XmpPacket.DC_NS, "description"));
        }
        boolean named = creator.toLowerCase(Locale.ROOT).contains("draw things");
        JsonNode json = Json.parseObject(comment);
        if (json != null && (named || looksLikeDrawThings(json))) {
            return Optional.of(build(json, packet != null ? "XML:com.adobe.xmp" : null));
        }
        if (named) {
            return Optional.of(Generation.builder(Source.DRAWTHINGS).prompt(description)
                    .extra("found_in", "CreatorTool").build());
        }
        return Optional.empty();
    }

    private static boolean looksLikeDrawThings(JsonNode j) {
        return j.path("c").isTextual()
                && JsonFields.count(j, "seed", "scale", "steps", "size", "sampler", "model", "seed_mode") >= 3;
    }

    private static Generation build(JsonNode j, String foundIn) {
        Generation.Builder b = Generation.builder(Source.DRAWTHINGS)
                .prompt(JsonFields.text(j, "c"))
                .negative(JsonFields.text(j, "uc"))
                .seed(j.get("seed"))
                .cfgScale(Values.toDouble(j.get("scale")))
                .steps(JsonFields.positive(j.get("steps")))
                .model(JsonFields.text(j, "model"))
                .sampler(JsonFields.text(j, "sampler"));
        String size = JsonFields.text(j, "size");
        Matcher m = size == null ? null : SIZE.matcher(size);
        if (m != null && m.find()) {
            b.size(JsonFields.positive(m.group(1)), JsonFields.positive(m.group(2)));
        }
        JsonNode loras = j.get("lora");
        if (loras != null && loras.isArray()) {
            for (JsonNode l : loras) {
                b.lora(JsonFields.text(l, "file", "name"), Values.toDouble(l.get("weight")));
            }
        }
        JsonFields.extras(b, j, USED);
        b.extra("found_in", foundIn);
        return b.build();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
