package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hugging Face Spaces (Gradio apps around diffusers): PNG {@code parameters} holding JSON instead of A1111 text,
 * with diffusers' argument names ({@code prompt}, {@code negative_prompt}, {@code num_inference_steps},
 * {@code guidance_scale}, {@code seed}) and usually {@code resolution: "1024 x 1024"} and {@code Model}.
 * Recognised by a prompt with either a {@code resolution} or both diffusers step and guidance arguments.
 * Stateless and thread-safe; never throws on bad input.
 */
final class HuggingFaceSpaceParser implements GeneratorParser {
    private static final List<String> KEYS = List.of("parameters", "Exif.UserComment", "Comment");
    private static final Pattern RESOLUTION = Pattern.compile("(\\d+)\\s*[x×*,]\\s*(\\d+)");
    private static final Set<String> USED = Set.of("prompt", "negative_prompt", "resolution", "width", "height",
            "num_inference_steps", "steps", "guidance_scale", "cfg_scale", "seed", "sampler", "scheduler", "model",
            "model_hash");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        for (String key : KEYS) {
            JsonNode j = Json.parseObject(raw.get(key));
            if (j != null && JsonFields.get(j, "prompt") != null && JsonFields.get(j, "prompt").isTextual()
                    && (JsonFields.get(j, "resolution") != null
                    || JsonFields.count(j, "num_inference_steps", "guidance_scale") == 2)) {
                return Optional.of(build(j, key));
            }
        }
        return Optional.empty();
    }

    private static Generation build(JsonNode j, String foundIn) {
        Generation.Builder b = Generation.builder(Source.HUGGINGFACE)
                .prompt(JsonFields.text(j, "prompt"))
                .negative(JsonFields.text(j, "negative_prompt"))
                .steps(JsonFields.positive(JsonFields.node(j, "num_inference_steps", "steps")))
                .cfgScale(Values.toDouble(JsonFields.node(j, "guidance_scale", "cfg_scale")))
                .seed(JsonFields.get(j, "seed"))
                .sampler(JsonFields.text(j, "sampler"))
                .scheduler(JsonFields.text(j, "scheduler"))
                .model(JsonFields.text(j, "Model", "model"))
                .modelHash(JsonFields.text(j, "Model hash", "model_hash"));
        String resolution = JsonFields.text(j, "resolution");
        Matcher m = resolution == null ? null : RESOLUTION.matcher(resolution);
        if (m != null && m.find()) {
            b.size(JsonFields.positive(m.group(1)), JsonFields.positive(m.group(2)));
        }
        b.size(JsonFields.positive(JsonFields.get(j, "width")), JsonFields.positive(JsonFields.get(j, "height")));
        JsonFields.extras(b, j, USED);
        if (!foundIn.equals("parameters")) {
            b.extra("found_in", foundIn);
        }
        return b.build();
    }
}
