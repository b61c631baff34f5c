package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.Optional;

/**
 * Stability Matrix's Inference tab: PNG {@code smproj} (its project) and {@code parameters-json} beside a ComfyUI
 * graph ({@code prompt}) and A1111 infotext ({@code parameters}). The records disagree: Stability Matrix strips
 * {@code #} comments from the prompt before encoding it, so the graph's prompt lacks what the user wrote after a
 * {@code #}. Both are reported: the prompt actually encoded (the graph's) first, the written one in
 * {@code prompts}; settings from the graph, then the records. Stateless and thread-safe; never throws on bad input.
 */
final class StabilityMatrixParser implements GeneratorParser {
    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        JsonNode params = Json.parseObject(raw.get("parameters-json"));
        if (params == null && !raw.has("smproj")) {
            return Optional.empty();
        }
        Generation.Builder b = Generation.builder(Source.STABILITYMATRIX);
        ComfyUiParser.Found graph = ComfyUiParser.find(raw);
        if (graph != null) {
            ComfyUiParser.read(graph.graph(), b);
        }
        if (params != null) {
            b.prompt(JsonFields.text(params, "PositivePrompt"))
                    .negative(JsonFields.text(params, "NegativePrompt"))
                    .steps(JsonFields.positive(JsonFields.get(params, "Steps")))
                    .sampler(JsonFields.text(params, "Sampler"))
                    .cfgScale(Values.toDouble(JsonFields.get(params, "CfgScale")))
                    .seed(JsonFields.get(params, "Seed"))
                    .size(JsonFields.positive(JsonFields.get(params, "Width")),
                            JsonFields.positive(JsonFields.get(params, "Height")))
                    .model(JsonFields.text(params, "ModelName"))
                    .modelHash(JsonFields.text(params, "ModelHash"));
        }
        String text = raw.get("parameters");
        if (text != null && !text.isBlank() && !text.stripLeading().startsWith("{")) {
            Generation infotext = A1111Parser.build(A1111Text.parse(text), raw, "parameters");
            b.merge(infotext);
        }
        return Optional.of(b.build());
    }
}
