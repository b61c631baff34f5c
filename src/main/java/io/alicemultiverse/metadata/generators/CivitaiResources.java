package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Civitai names models by AIR URN ({@code urn:air:sdxl:checkpoint:civitai:827184@2514310}: model 827184, version
 * 2514310) and lists the resources of a generation as {@code [{type, modelVersionId, modelName, modelVersionName}]}.
 * This resolves a checkpoint to the readable name the file gives for it, when it gives one, and lists the LoRAs.
 * Stateless.
 */
final class CivitaiResources {
    /** Resource types that are LoRAs (as Civitai spells them, lower-cased). */
    private static final Set<String> LORA_TYPES = Set.of("lora", "locon", "lycoris", "dora");
    private static final Pattern AIR = Pattern.compile("^urn:air:[^:]+:([^:]+):civitai:(\\d+)@(\\d+)$");

    private CivitaiResources() {
    }

    /** Whether {@code name} is an AIR URN. */
    static boolean isAir(String name) {
        return name != null && name.startsWith("urn:air:");
    }

    /**
     * The readable name of the checkpoint in {@code resources}: the entry whose version id matches the AIR URN
     * {@code air} (any checkpoint entry when {@code air} is null), as "modelName modelVersionName"; null when the
     * file names none.
     */
    static String checkpointName(JsonNode resources, String air) {
        if (resources == null || !resources.isArray()) {
            return null;
        }
        String version = null;
        if (air != null) {
            Matcher m = AIR.matcher(air.strip());
            if (!m.matches()) {
                return null;
            }
            version = m.group(3);
        }
        for (JsonNode r : resources) {
            String id = Values.text(JsonFields.get(r, "modelVersionId"));
            String type = JsonFields.text(r, "type");
            boolean match = version != null ? version.equals(id)
                    : type != null && type.toLowerCase(Locale.ROOT).equals("checkpoint");
            String name = JsonFields.text(r, "modelName", "name");
            if (match && name != null) {
                String v = JsonFields.text(r, "modelVersionName", "versionName");
                return v == null ? name : name + " " + v;
            }
        }
        return null;
    }

    /**
     * The LoRAs in {@code resources} ({@code type: "lora"} and kin), each as {@code {name, weight}}: the name as
     * "modelName" (the readable name Civitai gives), the weight from {@code weight} or {@code strength}, else null.
     */
    static List<String[]> loras(JsonNode resources) {
        List<String[]> out = new ArrayList<>();
        if (resources == null || !resources.isArray()) {
            return out;
        }
        for (JsonNode r : resources) {
            String type = JsonFields.text(r, "type");
            String name = JsonFields.text(r, "modelName", "name");
            if (type != null && LORA_TYPES.contains(type.toLowerCase(Locale.ROOT)) && name != null) {
                out.add(new String[]{name, JsonFields.text(r, "weight", "strength")});
            }
        }
        return out;
    }
}
