package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fooocus and its forks. Fooocus writes its parameters in one of two schemes, named beside them: PNG
 * {@code fooocus_scheme} with {@code parameters}, or in JPEG/WebP EXIF {@code MakerNote} with {@code UserComment}
 * (EXIF {@code Software} "Fooocus …"). Scheme {@code fooocus} is JSON; {@code a1111} is A1111 infotext (read with
 * {@link A1111Parser#build}) whose {@code Raw prompt} is the user's prompt. Older files have no scheme: JSON
 * {@code parameters} with Fooocus keys, or infotext with {@code Version: Fooocus…}. Fooocus-MRE writes JSON to
 * PNG {@code Comment}. RuinedFooocus spells its keys its own way ({@code Prompt}, {@code Negative},
 * {@code sampler_name}) and names itself in {@code software}; it is reported as Fooocus, the tool it forks. Stateless and thread-safe; never throws on bad input.
 */
final class FooocusParser implements GeneratorParser {
    private static final Pattern RESOLUTION = Pattern.compile("(\\d+)\\s*[,x×]\\s*(\\d+)");
    private static final Set<String> USED = Set.of("prompt", "negative_prompt", "full_prompt", "full_negative_prompt",
            "steps", "sampler", "scheduler", "seed", "guidance_scale", "cfg", "resolution", "width", "height",
            "base_model", "base_model_name", "base_model_hash", "loras", "negative", "sampler_name");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        String software = raw.get("Exif.Software");
        boolean exif = software != null && software.strip().toLowerCase(Locale.ROOT).startsWith("fooocus");
        String scheme = exif ? raw.get("Exif.MakerNote") : raw.get("fooocus_scheme");
        String params = exif ? raw.get("Exif.UserComment") : raw.get("parameters");
        String key = exif ? "Exif.UserComment" : "parameters";
        if (params != null && !params.isBlank()) {
            JsonNode json = Json.parseObject(params);
            boolean named = scheme != null && !scheme.isBlank() || exif;
            if (json != null && (named || looksLikeFooocus(json))) {
                return Optional.of(fromJson(json, key));
            }
            if (json == null && (named || params.contains("Version: Fooocus"))) {
                Optional<Generation> g = fromInfotext(params, raw, key);
                if (g.isPresent()) {
                    return g;
                }
            }
        }
        JsonNode mre = Json.parseObject(raw.get("Comment"));
        if (mre != null && looksLikeFooocus(mre)) {
            return Optional.of(fromJson(mre, "Comment"));
        }
        if (exif) {
            // the EXIF Software tag names Fooocus even when the parameters were stripped
            return Optional.of(Generation.builder(Source.FOOOCUS).extra("found_in", "Exif.Software").build());
        }
        return Optional.empty();
    }

    private static boolean looksLikeFooocus(JsonNode j) {
        String software = JsonFields.text(j, "software", "version");
        if (software != null && software.toLowerCase(Locale.ROOT).contains("fooocus")) {
            return true;
        }
        return (j.has("base_model") || j.has("base_model_name"))
                && JsonFields.count(j, "performance", "sharpness", "adm_guidance", "refiner_model") >= 1;
    }

    private static Generation fromJson(JsonNode j, String foundIn) {
        Generation.Builder b = Generation.builder(Source.FOOOCUS)
                .prompt(JsonFields.text(j, "prompt"))
                .negative(JsonFields.text(j, "negative_prompt", "negative"));
        for (String p : strings(j.get("full_prompt"))) {
            b.prompt(p);
        }
        List<String> fullNegative = strings(j.get("full_negative_prompt"));
        if (b.build().negative() != null) {
            fullNegative.forEach(b::negative);
        } else {
            // the user gave no negative; the style negatives are kept, but not as the user's prompt
            b.extra("full_negative_prompt", fullNegative.isEmpty() ? null : fullNegative);
        }
        b.steps(JsonFields.positive(j.get("steps")))
                .sampler(JsonFields.text(j, "sampler", "sampler_name"))
                .scheduler(JsonFields.text(j, "scheduler"))
                .cfgScale(Values.toDouble(JsonFields.node(j, "guidance_scale", "cfg")))
                .seed(j.get("seed"))
                .model(JsonFields.text(j, "base_model", "base_model_name"))
                .modelHash(JsonFields.text(j, "base_model_hash"));
        String refiner = JsonFields.text(j, "refiner_model", "refiner_model_name");
        if (refiner != null && !refiner.equalsIgnoreCase("None")) {
            b.model(refiner);
        }
        String resolution = JsonFields.text(j, "resolution");
        Matcher m = resolution == null ? null : RESOLUTION.matcher(resolution);
        if (m != null && m.find()) {
            b.size(JsonFields.positive(m.group(1)), JsonFields.positive(m.group(2)));
        }
        b.size(JsonFields.positive(j.get("width")), JsonFields.positive(j.get("height")));
        loras(b, j);
        JsonFields.extras(b, j, USED);
        if (!foundIn.equals("parameters")) {
            b.extra("found_in", foundIn);
        }
        return b.build();
    }

    /** LoRAs as {@code [[name, weight, hash?]]}, {@code ["name : weight"]} or Fooocus-MRE {@code l1/w1…l5/w5}. */
    private static void loras(Generation.Builder b, JsonNode j) {
        JsonNode loras = j.get("loras");
        if (loras != null && loras.isArray()) {
            for (JsonNode l : loras) {
                if (l.isArray() && l.size() >= 1) {
                    b.lora(Values.text(l.get(0)), Values.toDouble(l.get(1)));
                } else if (l.isTextual()) {
                    String s = l.textValue();
                    int colon = s.lastIndexOf(" : ");
                    b.lora(colon < 0 ? s : s.substring(0, colon),
                            colon < 0 ? null : Values.toDouble(s.substring(colon + 3)));
                }
            }
        }
        for (int i = 1; i <= 5; i++) {
            String name = JsonFields.text(j, "l" + i);
            if (name != null && !name.equalsIgnoreCase("None")) {
                b.lora(name, Values.toDouble(j.get("w" + i)));
            }
        }
    }

    private static Optional<Generation> fromInfotext(String text, RawMetadata raw, String key) {
        A1111Text.Parts parts = A1111Text.parse(text);
        if (parts.params().isEmpty()) {
            return Optional.empty();
        }
        Generation g = A1111Parser.build(parts, raw, key);
        // Fooocus' infotext carries the expanded prompt; its "Raw prompt" is what the user typed
        String rawPrompt = parts.params().get("Raw prompt");
        String rawNegative = parts.params().get("Raw negative prompt");
        return Optional.of(new Generation(Source.FOOOCUS, first(rawPrompt, g.prompt()),
                first(rawNegative, g.negative()), withFirst(rawPrompt, g.prompts()),
                withFirst(rawNegative, g.negatives()), g.steps(), g.sampler(),
                first(parts.params().get("Scheduler"), g.scheduler()), g.cfgScale(), g.seeds(), g.width(),
                g.height(), g.model(), g.models(), g.modelHash(), g.loras(), g.extra()));
    }

    private static String first(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred.strip() : fallback;
    }

    private static List<String> withFirst(String head, List<String> rest) {
        List<String> out = new ArrayList<>();
        if (head != null && !head.isBlank()) {
            out.add(head.strip());
        }
        rest.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode s : n) {
                String t = Values.text(s);
                if (t != null && !t.isBlank()) {
                    out.add(t);
                }
            }
        } else if (n != null && n.isTextual() && !n.textValue().isBlank()) {
            out.add(n.textValue());
        }
        return out;
    }
}
