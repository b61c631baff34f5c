package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * InvokeAI, in the three shapes it has written over time, tried newest first: {@code invokeai_metadata} JSON
 * (3.x and later; a graph-only {@code invokeai_graph} is read through its metadata node), {@code sd-metadata} JSON
 * (2.x) and the legacy {@code Dream} command line ({@link InvokeAiDream}). InvokeAI names its sampler
 * "scheduler"; it is reported as the sampler. Stateless and thread-safe; never throws on bad input.
 */
final class InvokeAiParser implements GeneratorParser {
    private static final Set<String> METADATA_USED = Set.of("positive_prompt", "negative_prompt", "seed", "steps",
            "cfg_scale", "scheduler", "width", "height", "model", "loras", "positive_style_prompt",
            "negative_style_prompt");
    private static final Set<String> IMAGE_USED = Set.of("prompt", "sampler", "steps", "cfg_scale", "seed", "width",
            "height");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        JsonNode meta = Json.parseObject(raw.get("invokeai_metadata"));
        if (meta != null) {
            return Optional.of(fromMetadata(meta, "invokeai_metadata"));
        }
        JsonNode graph = Json.parseObject(raw.get("invokeai_graph"));
        if (graph != null) {
            return Optional.of(fromGraph(graph));
        }
        JsonNode sd = Json.parseObject(raw.get("sd-metadata"));
        if (sd != null && isInvokeSdMetadata(sd)) {
            return Optional.of(fromSdMetadata(sd));
        }
        return InvokeAiDream.parse(raw.get("Dream"));
    }

    private static Generation fromMetadata(JsonNode m, String foundIn) {
        Generation.Builder b = Generation.builder(Source.INVOKEAI)
                .prompt(JsonFields.text(m, "positive_prompt"))
                .negative(JsonFields.text(m, "negative_prompt"))
                .prompt(JsonFields.text(m, "positive_style_prompt"))
                .negative(JsonFields.text(m, "negative_style_prompt"))
                .steps(JsonFields.positive(m.get("steps")))
                .sampler(JsonFields.text(m, "scheduler"))
                .cfgScale(Values.toDouble(m.get("cfg_scale")))
                .seed(m.get("seed"))
                .size(JsonFields.positive(m.get("width")), JsonFields.positive(m.get("height")));
        JsonNode model = m.get("model");
        if (model != null && model.isObject()) {
            b.model(JsonFields.text(model, "model_name", "name"));
            b.modelHash(JsonFields.text(model, "hash"));
            b.extra("base_model", JsonFields.text(model, "base_model", "base"));
        } else {
            b.model(Values.text(model));
        }
        JsonNode loras = m.get("loras");
        if (loras != null && loras.isArray()) {
            for (JsonNode l : loras) {
                JsonNode ref = JsonFields.node(l, "lora", "model");
                String name = ref != null && ref.isObject() ? JsonFields.text(ref, "model_name", "name")
                        : Values.text(ref);
                b.lora(name, Values.toDouble(l.get("weight")));
            }
        }
        JsonFields.extras(b, m, METADATA_USED);
        if (!foundIn.equals("invokeai_metadata")) {
            b.extra("found_in", foundIn);
        }
        return b.build();
    }

    /** A graph without the metadata chunk: its core metadata node if it has one, else the source alone. */
    private static Generation fromGraph(JsonNode graph) {
        JsonNode nodes = graph.get("nodes");
        if (nodes != null && (nodes.isObject() || nodes.isArray())) {
            Iterator<JsonNode> it = nodes.elements();
            while (it.hasNext()) {
                JsonNode n = it.next();
                String type = JsonFields.text(n, "type");
                if ("core_metadata".equals(type) || "metadata_accumulator".equals(type)) {
                    return fromMetadata(n, "invokeai_graph");
                }
            }
        }
        return Generation.builder(Source.INVOKEAI).extra("found_in", "invokeai_graph").build();
    }

    private static boolean isInvokeSdMetadata(JsonNode sd) {
        String app = JsonFields.text(sd, "app_id");
        JsonNode image = sd.get("image");
        return (app == null || app.toLowerCase(java.util.Locale.ROOT).contains("invoke"))
                && image != null && image.isObject();
    }

    private static Generation fromSdMetadata(JsonNode sd) {
        JsonNode image = sd.get("image");
        Generation.Builder b = Generation.builder(Source.INVOKEAI);
        JsonNode prompt = image.get("prompt");
        if (prompt != null && prompt.isArray()) {
            for (JsonNode p : prompt) {
                addBracketed(b, p.isObject() ? JsonFields.text(p, "prompt") : Values.text(p));
            }
            if (prompt.size() > 1) {
                b.extra("prompt_weights", JsonFields.plain(prompt));
            }
        } else {
            addBracketed(b, Values.text(prompt));
        }
        b.steps(JsonFields.positive(image.get("steps")))
                .sampler(JsonFields.text(image, "sampler"))
                .cfgScale(Values.toDouble(image.get("cfg_scale")))
                .seed(image.get("seed"))
                .size(JsonFields.positive(image.get("width")), JsonFields.positive(image.get("height")))
                .model(JsonFields.text(sd, "model_weights"))
                .modelHash(JsonFields.text(sd, "model_hash"));
        JsonFields.extras(b, image, IMAGE_USED);
        b.extra("model_type", JsonFields.text(sd, "model"));
        b.extra("app_id", JsonFields.text(sd, "app_id"));
        b.extra("app_version", JsonFields.text(sd, "app_version"));
        b.extra("found_in", "sd-metadata");
        return b.build();
    }

    private static void addBracketed(Generation.Builder b, String text) {
        if (text == null) {
            return;
        }
        String[] split = InvokeAiDream.splitNegative(text);
        b.prompt(split[0]);
        b.negative(split[1]);
    }
}
