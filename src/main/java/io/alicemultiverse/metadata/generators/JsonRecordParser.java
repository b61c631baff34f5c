package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last embedded-metadata resort: a JSON object in any text entry that no generator's parser claimed but that
 * reads as a generation record by its shape, a text prompt beside at least one sampling setting (seed, steps,
 * CFG, sampler or a negative prompt), with names matched tolerating case and separators ({@code Prompt},
 * {@code positive_prompt}, {@code cfgScale}, {@code num_inference_steps}…). The source is the service the file's
 * C2PA or software fields name, else unknown; the record still makes the file AI-generated. Stateless and
 * thread-safe; never throws on bad input.
 */
final class JsonRecordParser implements GeneratorParser {
    private static final String[] PROMPT = {"prompt", "positive_prompt", "positive", "text_prompt"};
    private static final String[] NEGATIVE = {"negative_prompt", "negative", "uc"};
    private static final String[] STEPS = {"steps", "num_inference_steps", "sampling_steps"};
    private static final String[] CFG = {"cfg_scale", "cfg", "guidance_scale", "scale", "guidance"};
    private static final String[] SAMPLER = {"sampler", "sampler_name", "sampling_method"};
    private static final String[] MODEL = {"model", "model_name", "checkpoint", "base_model"};
    private static final Set<String> USED = Set.of("prompt", "positive_prompt", "positive", "text_prompt",
            "negative_prompt", "negative", "uc", "steps", "num_inference_steps", "sampling_steps", "cfg_scale", "cfg",
            "guidance_scale", "scale", "guidance", "sampler", "sampler_name", "sampling_method", "seed", "width",
            "height", "model", "model_name", "checkpoint", "base_model", "scheduler");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        for (Map.Entry<String, String> e : raw.text().entrySet()) {
            String v = e.getValue();
            if (v.length() < 10 || v.length() > 1_000_000 || !v.stripLeading().startsWith("{")) {
                continue;
            }
            JsonNode j = Json.parseObject(v);
            if (j != null && isRecord(j)) {
                return Optional.of(build(j, e.getKey(), raw));
            }
        }
        return Optional.empty();
    }

    private static boolean isRecord(JsonNode j) {
        JsonNode prompt = JsonFields.node(j, PROMPT);
        return prompt != null && prompt.isTextual() && !prompt.textValue().isBlank()
                && (JsonFields.node(j, "seed") != null || JsonFields.node(j, STEPS) != null
                || JsonFields.node(j, CFG) != null || JsonFields.node(j, SAMPLER) != null
                || JsonFields.node(j, NEGATIVE) != null);
    }

    private static Generation build(JsonNode j, String foundIn, RawMetadata raw) {
        Source source = new ServiceParser().parse(raw).map(Generation::source).orElse(Source.UNKNOWN);
        Generation.Builder b = Generation.builder(source)
                .prompt(JsonFields.text(j, PROMPT))
                .negative(JsonFields.text(j, NEGATIVE))
                .steps(JsonFields.positive(JsonFields.node(j, STEPS)))
                .cfgScale(Values.toDouble(JsonFields.node(j, CFG)))
                .sampler(JsonFields.text(j, SAMPLER))
                .scheduler(JsonFields.text(j, "scheduler"))
                .seed(JsonFields.node(j, "seed"))
                .size(JsonFields.positive(JsonFields.node(j, "width")), JsonFields.positive(JsonFields.node(j, "height")))
                .model(JsonFields.text(j, MODEL));
        JsonFields.extras(b, j, USED);
        b.extra("found_in", foundIn);
        return b.build();
    }
}
