package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * TensorArt PNGs carry two records: the ComfyUI graph that ran ({@code prompt}) and the site's form in
 * {@code generation_data} (JSON: prompt, negativePrompt, steps, cfgScale, seed, ksamplerName, baseModel
 * {modelFileName, hash…}). They disagree: the graph's checkpoint is a storage file name where the form names the
 * model, and the form's seed is {@code -1} (random) where the graph holds the seed used. Both are reported: the
 * prompt the graph encoded first and the form's in {@code prompts}; the form's readable model name first and the
 * graph's file in {@code models}. Stateless and thread-safe; never throws on bad input.
 */
final class TensorArtParser implements GeneratorParser {
    private static final Set<String> USED = Set.of("prompt", "negativePrompt", "steps", "cfgScale", "seed",
            "ksamplerName", "sampler", "schedule", "width", "height", "baseModel");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        JsonNode data = Json.parseObject(raw.getIgnoreCase("generation_data"));
        if (data == null) {
            return Optional.empty();
        }
        Generation.Builder b = Generation.builder(Source.TENSORART);
        JsonNode base = JsonFields.get(data, "baseModel");
        if (base != null && base.isObject()) {
            b.model(JsonFields.text(base, "modelFileName", "label"));
            b.modelHash(JsonFields.text(base, "hash"));
            b.extra("base_model", JsonFields.text(base, "baseModel"));
        } else {
            b.model(Values.text(base));
        }
        ComfyUiParser.Found graph = ComfyUiParser.find(raw);
        if (graph != null) {
            ComfyUiParser.read(graph.graph(), b);
        }
        b.prompt(JsonFields.text(data, "prompt"))
                .negative(JsonFields.text(data, "negativePrompt"))
                .steps(JsonFields.positive(JsonFields.get(data, "steps")))
                .cfgScale(Values.toDouble(JsonFields.get(data, "cfgScale")))
                .sampler(JsonFields.text(data, "ksamplerName", "sampler"))
                .scheduler(JsonFields.text(data, "schedule"))
                .size(JsonFields.positive(JsonFields.get(data, "width")),
                        JsonFields.positive(JsonFields.get(data, "height")));
        BigInteger seed = Values.toBigInteger(JsonFields.get(data, "seed"));
        if (seed != null && seed.signum() >= 0) { // -1 asks for a random seed; the graph holds the one drawn
            b.seed(seed);
        }
        JsonFields.extras(b, data, USED);
        return Optional.of(b.build());
    }
}
