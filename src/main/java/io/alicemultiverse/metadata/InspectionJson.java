package io.alicemultiverse.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented JSON shape of an {@link Inspection}, the one record behind {@code alice inspect --json}, the MCP
 * tool {@code inspect_file} and an asset's stored parameters. Keys are always present (null when unknown) except
 * {@code raw}, which only {@code withRaw} adds, and {@code warnings}, only when there are some.
 */
public record InspectionJson(
        String path,
        @JsonPropertyDescription("Container format, e.g. png, jpeg, webp, mp4") String format,
        @JsonPropertyDescription("Pixel size of the file itself") Size image,
        @JsonProperty("media_type") @JsonPropertyDescription("image or video") String mediaType,
        @JsonPropertyDescription("Generator id, e.g. comfyui, a1111, midjourney; unknown when none is recognised")
        String source,
        @JsonProperty("ai_generated") Boolean aiGenerated,
        String prompt,
        String negative,
        @JsonPropertyDescription("Every prompt when the workflow has several") List<String> prompts,
        List<String> negatives,
        Integer steps,
        String sampler,
        String scheduler,
        @JsonProperty("cfg_scale") Double cfgScale,
        List<BigInteger> seeds,
        @JsonPropertyDescription("Generation width asked for") Integer width,
        Integer height,
        String model,
        List<String> models,
        @JsonProperty("model_hash") String modelHash,
        List<LoraJson> loras,
        @JsonPropertyDescription("Everything else the generator recorded, plus c2pa and video details")
        Map<String, Object> extra,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonPropertyDescription("The metadata chunks as read")
        Map<String, String> raw,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        @JsonPropertyDescription("Why the file could not be read, or null") String error) {

    /** Width and height in pixels. */
    public record Size(Integer width, Integer height) {
    }

    /** A LoRA (or LyCORIS, hypernetwork) and its weight. */
    public record LoraJson(String name, Double weight) {
    }

    public static InspectionJson of(Inspection i, boolean withRaw) {
        Generation g = i.generation();
        Map<String, Object> extra = new LinkedHashMap<>(g.extra());
        if (i.c2pa() != null) {
            extra.put("c2pa", i.c2pa().toMap());
        }
        if (!i.video().isEmpty()) {
            extra.put("video", i.video());
        }
        return new InspectionJson(i.path(), i.format().id(),
                i.width() == null ? null : new Size(i.width(), i.height()),
                i.format().type().name().toLowerCase(java.util.Locale.ROOT), g.source().id(), i.aiGenerated(),
                g.prompt(), g.negative(), g.prompts(), g.negatives(), g.steps(), g.sampler(), g.scheduler(),
                g.cfgScale(), g.seeds(), g.width(), g.height(), g.model(), g.models(), g.modelHash(),
                g.loras().stream().map(l -> new LoraJson(l.name(), l.weight())).toList(), extra,
                withRaw ? i.raw() : null, i.warnings(), i.error());
    }
}
