package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Values;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Civitai names models by AIR URN ({@code urn:air:sdxl:checkpoint:civitai:827184@2514310}: model 827184, version
 * 2514310) and lists the resources of a generation as {@code [{type, modelVersionId, modelName, modelVersionName}]}.
 * This resolves a checkpoint to the readable name the file gives for it, when it gives one. Stateless.
 */
final class CivitaiResources {
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
}
