package io.alicemultiverse.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented JSON shape of an {@link Inspection} (the {@code alice inspect --json} record), as ordered plain
 * maps shared by every surface. Keys are always present (null when unknown) except {@code raw}, which only
 * {@code withRaw} adds. Stateless.
 */
public final class InspectionJson {
    private InspectionJson() {
    }

    public static Map<String, Object> toMap(Inspection i, boolean withRaw) {
        Generation g = i.generation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", i.path());
        m.put("format", i.format().id());
        Map<String, Object> image = null;
        if (i.width() != null) {
            image = new LinkedHashMap<>();
            image.put("width", i.width());
            image.put("height", i.height());
        }
        m.put("image", image);
        m.put("media_type", i.format().type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("source", g.source().id());
        m.put("ai_generated", i.aiGenerated());
        m.put("prompt", g.prompt());
        m.put("negative", g.negative());
        m.put("prompts", g.prompts());
        m.put("negatives", g.negatives());
        m.put("steps", g.steps());
        m.put("sampler", g.sampler());
        m.put("scheduler", g.scheduler());
        m.put("cfg_scale", g.cfgScale());
        m.put("seeds", g.seeds());
        m.put("width", g.width());
        m.put("height", g.height());
        m.put("model", g.model());
        m.put("models", g.models());
        m.put("model_hash", g.modelHash());
        List<Map<String, Object>> loras = new ArrayList<>();
        for (Lora l : g.loras()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("name", l.name());
            lm.put("weight", l.weight());
            loras.add(lm);
        }
        m.put("loras", loras);
        Map<String, Object> extra = new LinkedHashMap<>(g.extra());
        if (i.c2pa() != null) {
            extra.put("c2pa", i.c2pa().toMap());
        }
        if (!i.video().isEmpty()) {
            extra.put("video", i.video());
        }
        m.put("extra", extra);
        if (withRaw) {
            m.put("raw", i.raw());
        }
        if (!i.warnings().isEmpty()) {
            m.put("warnings", i.warnings());
        }
        m.put("error", i.error());
        return m;
    }
}
