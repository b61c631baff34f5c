package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SwarmUI (StableSwarmUI): JSON with a {@code sui_image_params} object, in PNG {@code parameters} or in JPEG/WebP
 * EXIF {@code UserComment}. {@code sui_models} (name, param, hash) gives the model hash; {@code sui_extra_data}
 * and unmapped parameters go to {@code extra}. Stateless and thread-safe; never throws on bad input.
 */
final class SwarmUiParser implements GeneratorParser {
    private static final List<String> KEYS = List.of("parameters", "Exif.UserComment", "Xmp.exif:UserComment",
            "sidecar.txt");
    private static final Set<String> USED = Set.of("prompt", "negativeprompt", "seed", "steps", "cfgscale", "width",
            "height", "model", "sampler", "scheduler", "loras", "loraweights");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        for (String key : KEYS) {
            JsonNode json = Json.parseObject(raw.get(key));
            JsonNode params = json == null ? null : json.get("sui_image_params");
            if (params != null && params.isObject()) {
                return Optional.of(build(json, params, key));
            }
        }
        return Optional.empty();
    }

    private static Generation build(JsonNode json, JsonNode p, String foundIn) {
        Generation.Builder b = Generation.builder(Source.SWARMUI)
                .prompt(JsonFields.text(p, "prompt"))
                .negative(JsonFields.text(p, "negativeprompt"))
                .seed(p.get("seed"))
                .steps(JsonFields.positive(p.get("steps")))
                .cfgScale(Values.toDouble(p.get("cfgscale")))
                .size(JsonFields.positive(p.get("width")), JsonFields.positive(p.get("height")))
                .model(JsonFields.text(p, "model"))
                .sampler(JsonFields.text(p, "sampler"))
                .scheduler(JsonFields.text(p, "scheduler"));
        JsonNode loras = p.get("loras");
        JsonNode weights = p.get("loraweights");
        if (loras != null && loras.isArray()) {
            for (int i = 0; i < loras.size(); i++) {
                JsonNode w = weights != null && weights.isArray() ? weights.get(i) : null;
                b.lora(Values.text(loras.get(i)), Values.toDouble(w));
            }
        }
        JsonNode models = json.get("sui_models");
        if (models != null && models.isArray()) {
            for (JsonNode m : models) {
                if ("model".equals(JsonFields.text(m, "param"))) {
                    b.modelHash(JsonFields.text(m, "hash"));
                }
            }
            b.extra("sui_models", JsonFields.plain(models));
        }
        JsonFields.extras(b, p, USED);
        b.extra("sui_extra_data", JsonFields.plain(json.get("sui_extra_data")));
        if (!foundIn.equals("parameters")) {
            b.extra("found_in", foundIn);
        }
        return b.build();
    }
}
