package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Midjourney: a description ({@code Description}, XMP {@code dc:description} or EXIF ImageDescription) such as
 * {@code a red fox in snow --ar 16:9 --v 6.1 Job ID: 8d1c…}. Taken only when it carries a {@code Job ID:} or the
 * software/creator tool says Midjourney. The prompt is the text before the first {@code --option}; options go to
 * {@code extra} under their long names ({@code --s} → {@code stylize}), {@code --seed} to the seeds and
 * {@code --no} to the negative prompt. Stateless and thread-safe; never throws on bad input.
 */
final class MidjourneyParser implements GeneratorParser {
    private static final List<String> DESCRIPTION_KEYS = List.of("Description", "Xmp.dc:description",
            "Exif.ImageDescription", "Iptc.Caption-Abstract");
    private static final List<String> SOFTWARE_KEYS = List.of("Software", "Exif.Software", "Xmp.xmp:CreatorTool",
            "Iptc.OriginatingProgram");
    private static final Pattern JOB_ID = Pattern.compile("Job ID:\\s*([0-9A-Za-z-]+)");
    private static final Pattern FIRST_OPTION = Pattern.compile("(?:^|\\s)--[A-Za-z]");
    private static final Map<String, String> LONG_NAMES = Map.ofEntries(
            Map.entry("aspect", "ar"), Map.entry("version", "v"), Map.entry("s", "stylize"),
            Map.entry("c", "chaos"), Map.entry("q", "quality"), Map.entry("w", "weird"), Map.entry("r", "repeat"));

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        boolean named = SOFTWARE_KEYS.stream().map(raw::get)
                .anyMatch(s -> s != null && s.toLowerCase(Locale.ROOT).contains("midjourney"));
        for (String key : DESCRIPTION_KEYS) {
            String text = raw.get(key);
            if (text != null && !text.isBlank() && (named || JOB_ID.matcher(text).find())) {
                return Optional.of(build(text, raw, key));
            }
        }
        String packet = raw.get("XML:com.adobe.xmp");
        if (packet != null && (named || packet.contains("Job ID:"))) {
            String text = XmpPacket.property(XmpPacket.parse(packet), XmpPacket.DC_NS, "description");
            if (text != null && (named || JOB_ID.matcher(text).find())) {
                return Optional.of(build(text, raw, "XML:com.adobe.xmp"));
            }
        }
        return named ? Optional.of(Generation.builder(Source.MIDJOURNEY).extra("found_in", "Software").build())
                : Optional.empty();
    }

    private static Generation build(String text, RawMetadata raw, String foundIn) {
        Generation.Builder b = Generation.builder(Source.MIDJOURNEY);
        String body = text.strip();
        Matcher job = JOB_ID.matcher(body);
        String jobId = null;
        if (job.find()) {
            jobId = job.group(1);
            body = body.substring(0, job.start()).strip();
        }
        Matcher opt = FIRST_OPTION.matcher(body);
        String prompt = opt.find() ? body.substring(0, opt.start()) : body;
        b.prompt(prompt);
        if (opt.find(0)) {
            options(b, body.substring(opt.start()).strip());
        }
        b.extra("job_id", jobId);
        b.extra("author", raw.get("Author"));
        b.extra("digital_source_type", raw.get("Xmp.Iptc4xmpExt:DigitalSourceType"));
        if (!foundIn.equals("Description")) {
            b.extra("found_in", foundIn);
        }
        return b.build();
    }

    /** Reads {@code --name value words --flag …}; a value is every word up to the next option. */
    private static void options(Generation.Builder b, String params) {
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String tok : (params + " --").split("\\s+")) {
            if (tok.startsWith("--")) {
                if (name != null && !name.isEmpty()) {
                    option(b, name, value.toString().strip());
                }
                name = tok.substring(2).toLowerCase(Locale.ROOT);
                value.setLength(0);
            } else {
                value.append(' ').append(tok);
            }
        }
    }

    private static void option(Generation.Builder b, String name, String value) {
        String key = LONG_NAMES.getOrDefault(name, name);
        switch (key) {
            case "seed" -> b.seed(value);
            case "no" -> b.negative(value);
            case "v" -> {
                if (!value.isEmpty()) {
                    b.model("Midjourney v" + value);
                    b.extra(key, value);
                }
            }
            case "niji" -> {
                b.model(value.isEmpty() ? "Niji" : "Niji " + value);
                b.extra(key, value.isEmpty() ? "true" : value);
            }
            default -> b.extra(key, value.isEmpty() ? "true" : value);
        }
    }
}
