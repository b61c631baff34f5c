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
 * or a {@code .txt} sidecar. A {@code Version} starting with {@code f} and a digit is Forge. Stateless.
 */
final class A1111Parser implements GeneratorParser {
    /** Where infotext may be found, in order of trust. */
    static final List<String> KEYS = List.of("parameters", "Exif.UserComment", "stealth_pnginfo", "stealth_pngcomp",
            "stealth_rgbinfo", "stealth_rgbcomp", "sidecar.txt");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");
    private static final Pattern FORGE_VERSION = Pattern.compile("^f\\d.*");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        for (String key : KEYS) {
            String text = raw.get(key);
            if (text == null || text.isBlank() || text.stripLeading().startsWith("{")) {
                continue;
            }
            A1111Text.Parts parts = A1111Text.parse(text);
            boolean trusted = key.equals("parameters") || key.startsWith("stealth_");
            if (!trusted && !parts.params().containsKey("Steps")) {
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
        String version = p.get("Version");
        Source source = version != null && FORGE_VERSION.matcher(version).matches() ? Source.FORGE
                : Source.AUTOMATIC1111;
        Generation.Builder b = Generation.builder(source)
                .prompt(parts.prompt())
                .negative(parts.negative())
                .steps(Values.toInteger(p.get("Steps")))
                .sampler(p.get("Sampler"))
                .scheduler(p.get("Schedule type"))
                .cfgScale(Values.toDouble(p.get("CFG scale")))
                .seed(p.get("Seed"))
                .model(p.get("Model"))
                .modelHash(p.get("Model hash"));
        String size = p.get("Size");
        if (size != null) {
            Matcher m = SIZE.matcher(size);
            if (m.find()) {
                b.size(Values.toInteger(m.group(1)), Values.toInteger(m.group(2)));
            }
        }
        for (String[] lora : A1111Text.promptLoras(parts.prompt())) {
            b.lora(lora[0], Values.toDouble(lora[1]));
        }
        String loraHashes = p.get("Lora hashes");
        if (loraHashes != null) {
            for (String entry : loraHashes.split(",")) {
                int colon = entry.lastIndexOf(':');
                String name = colon < 0 ? entry : entry.substring(0, colon);
                if (!name.isBlank() && b.build().loras().stream().noneMatch(l -> l.name().equals(name.strip()))) {
                    b.lora(name, null);
                }
            }
        }
        String hashes = p.get("Hashes");
        if (hashes != null) {
            JsonNode json = Json.parse(hashes);
            if (json != null && json.isObject()) {
                b.modelHash(Values.text(json.get("model")));
                b.extra("Hashes", Json.toPlain(json));
            }
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            switch (e.getKey()) {
                case "Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model", "Model hash",
                        "Hashes" -> { }
                default -> b.extra(e.getKey(), e.getValue());
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
