package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * NovelAI: PNG {@code Software} = "NovelAI", {@code Description} = prompt, {@code Comment} = JSON parameters
 * ({@code uc} is the negative, {@code scale} the CFG; V4 keeps prompts in {@code v4_prompt}), {@code Source} =
 * model name and 8-hex-digit hash. The same keys may come as one JSON object in a stealth (alpha LSB) payload, or
 * as EXIF Software/UserComment/ImageDescription; V4.5 WebPs wrap the PNG keys into one JSON UserComment, which the
 * container reader unwraps into the same entries. Stateless and thread-safe; never throws on bad input.
 */
final class NovelAiParser implements GeneratorParser {
    private static final List<String> STEALTH_KEYS = List.of("stealth_pngcomp", "stealth_pnginfo",
            "stealth_rgbcomp", "stealth_rgbinfo");
    private static final Pattern HASH = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Set<String> COMMENT_USED = Set.of("prompt", "uc", "steps", "sampler", "seed", "scale",
            "width", "height", "noise_schedule", "v4_prompt", "v4_negative_prompt");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        if (isNovelAi(raw.get("Software"))) {
            return Optional.of(build(raw.get("Description"), raw.get("Comment"), raw.get("Source"), raw.get("Title"),
                    null));
        }
        for (String key : STEALTH_KEYS) {
            JsonNode payload = Json.parseObject(raw.get(key));
            if (payload != null && isNovelAi(JsonFields.text(payload, "Software"))) {
                JsonNode comment = payload.get("Comment");
                String commentText = comment == null ? null : comment.isTextual() ? comment.textValue()
                        : comment.isObject() ? comment.toString() : null;
                return Optional.of(build(JsonFields.text(payload, "Description"), commentText,
                        JsonFields.text(payload, "Source"), JsonFields.text(payload, "Title"), key));
            }
        }
        if (isNovelAi(raw.get("Exif.Software"))) {
            return Optional.of(build(raw.get("Exif.ImageDescription"), raw.get("Exif.UserComment"),
                    null, null, "exif"));
        }
        return Optional.empty();
    }

    private static boolean isNovelAi(String software) {
        // "NovelAI" in PNGs; V4.5 WebPs write the model into EXIF Software: "NovelAI Diffusion V4.5 C02D4F98"
        return software != null && software.strip().toLowerCase(java.util.Locale.ROOT).startsWith("novelai");
    }

    private static Generation build(String description, String commentText, String source, String title,
                                    String foundIn) {
        Generation.Builder b = Generation.builder(Source.NOVELAI).prompt(description);
        JsonNode c = Json.parseObject(commentText);
        if (c != null) {
            b.prompt(caption(c.get("v4_prompt")));
            b.prompt(JsonFields.text(c, "prompt"));
            b.negative(caption(c.get("v4_negative_prompt")));
            b.negative(JsonFields.text(c, "uc"));
            characterCaptions(b, c.get("v4_prompt"), false);
            characterCaptions(b, c.get("v4_negative_prompt"), true);
            b.steps(JsonFields.positive(c.get("steps")))
                    .sampler(JsonFields.text(c, "sampler"))
                    .scheduler(JsonFields.text(c, "noise_schedule"))
                    .cfgScale(Values.toDouble(c.get("scale")))
                    .seed(c.get("seed"))
                    .size(JsonFields.positive(c.get("width")), JsonFields.positive(c.get("height")));
            JsonFields.extras(b, c, COMMENT_USED);
        } else if (commentText != null && !commentText.isBlank()) {
            b.extra("Comment", commentText.strip());
        }
        model(b, source);
        b.extra("Title", title);
        b.extra("found_in", foundIn);
        return b.build();
    }

    /** {@code v4_prompt.caption.base_caption}, or null. */
    private static String caption(JsonNode v4) {
        JsonNode caption = JsonFields.node(v4, "caption");
        return JsonFields.text(caption, "base_caption");
    }

    /** V4 per-character captions ({@code caption.char_captions[].char_caption}) are further prompts. */
    private static void characterCaptions(Generation.Builder b, JsonNode v4, boolean negative) {
        JsonNode chars = JsonFields.node(JsonFields.node(v4, "caption"), "char_captions");
        if (chars == null || !chars.isArray()) {
            return;
        }
        for (JsonNode ch : chars) {
            String text = JsonFields.text(ch, "char_caption");
            if (negative) {
                b.negative(text);
            } else {
                b.prompt(text);
            }
        }
    }

    /** "Stable Diffusion 1D44365E" → model "Stable Diffusion", hash "1D44365E"; no hash → whole text as model. */
    private static void model(Generation.Builder b, String source) {
        if (source == null || source.isBlank()) {
            return;
        }
        String s = source.strip();
        int space = s.lastIndexOf(' ');
        if (space > 0 && HASH.matcher(s.substring(space + 1)).matches()) {
            b.model(s.substring(0, space)).modelHash(s.substring(space + 1));
        } else {
            b.model(s);
        }
    }
}
