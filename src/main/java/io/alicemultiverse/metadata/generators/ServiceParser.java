package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.c2pa.C2paSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosted services (OpenAI, Adobe Firefly, Google, Midjourney, …) named by a C2PA claim generator or software
 * agent, or failing that by the EXIF {@code Software} / XMP {@code CreatorTool} / IPTC credit fields. These files
 * carry no generation record; a caption (XMP or IPTC description, EXIF ImageDescription) is read as the prompt, also
 * of a file whose C2PA or IPTC digital source type says a trained model made it but names no service. Stateless.
 */
final class ServiceParser implements GeneratorParser {
    private record Rule(Pattern pattern, Source source) {
    }

    private static final List<Rule> RULES = List.of(
            rule("openai|chatgpt|dall[-·. ]?e|gpt-?4o|gpt-image|\\bsora\\b", Source.OPENAI),
            rule("firefly", Source.FIREFLY),
            rule("google|gemini|imagen|\\bveo\\b|synthid", Source.GOOGLE),
            rule("midjourney", Source.MIDJOURNEY),
            rule("leonardo", Source.LEONARDO),
            rule("ideogram", Source.IDEOGRAM),
            rule("runway", Source.RUNWAY),
            rule("kling", Source.KLING),
            rule("\\bpika\\b|pika ?labs", Source.PIKA),
            rule("luma|dream machine", Source.LUMA),
            rule("black ?forest ?labs|\\bflux\\b", Source.FLUX));

    /** Fields that name the producing software outside C2PA. */
    private static final List<String> SOFTWARE_KEYS = List.of("Exif.Software", "Xmp.xmp:CreatorTool",
            "Xmp.photoshop:Credit", "Xmp.dc:creator", "Exif.Artist", "Software", "Iptc.OriginatingProgram",
            "Iptc.Credit");

    /** Captions, in order of trust, read as the prompt of a file that a service made and gave no record. */
    private static final List<String> DESCRIPTION_KEYS = List.of("Xmp.dc:description", "Iptc.Caption-Abstract",
            "Exif.ImageDescription", "Description");
    private static final int MAX_DESCRIPTION = 20_000;

    private static Rule rule(String regex, Source source) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), source);
    }

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        Generation.Builder b = service(raw);
        if (b == null && !declaredAi(raw)) {
            return Optional.empty();
        }
        if (b == null) {
            b = Generation.builder(Source.UNKNOWN);
        }
        // the service wrote no generation record; a caption it (or its user) wrote is the best prompt there is
        for (String key : DESCRIPTION_KEYS) {
            String v = raw.get(key);
            if (v != null && !v.isBlank() && v.length() <= MAX_DESCRIPTION) {
                b.prompt(v).extra("prompt_from", key);
                break;
            }
        }
        return b.hasPrompt() || b.source() != Source.UNKNOWN ? Optional.of(b.build()) : Optional.empty();
    }

    private static Generation.Builder service(RawMetadata raw) {
        C2paSummary c2pa = raw.c2pa();
        if (c2pa != null) {
            for (String name : c2pa.agentNames()) {
                Optional<Source> s = match(name);
                if (s.isPresent()) {
                    return Generation.builder(s.get()).extra("detected_by", "c2pa");
                }
            }
        }
        for (String key : SOFTWARE_KEYS) {
            String v = raw.get(key);
            if (v != null && v.length() < 200) {
                Optional<Source> s = match(v);
                if (s.isPresent()) {
                    return Generation.builder(s.get()).extra("detected_by", key).extra("software", v.strip());
                }
            }
        }
        return null;
    }

    /** Whether C2PA or the XMP IPTC digital source type says the picture was made by a trained model. */
    private static boolean declaredAi(RawMetadata raw) {
        if (raw.c2pa() != null && raw.c2pa().saysAiGenerated()) {
            return true;
        }
        String type = raw.get("Xmp.Iptc4xmpExt:DigitalSourceType");
        return type != null && type.toLowerCase(Locale.ROOT).contains("trainedalgorithmicmedia");
    }

    /** The service a producer name points to, if any. */
    static Optional<Source> match(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        List<Source> hits = new ArrayList<>();
        for (Rule r : RULES) {
            if (r.pattern().matcher(n).find()) {
                hits.add(r.source());
            }
        }
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }
}
