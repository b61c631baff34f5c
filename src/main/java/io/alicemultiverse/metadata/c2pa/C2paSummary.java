package io.alicemultiverse.metadata.c2pa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a C2PA manifest store says about the file's origin, from its active (last) manifest and its ingredients.
 * Immutable. Lists are empty, strings null, when absent. Signatures are not validated.
 *
 * @param claimGenerator      the claim's {@code claim_generator} string (C2PA 1.x), e.g. {@code "ChatGPT"}
 * @param generatorNames      names from {@code claim_generator_info} (C2PA 1.x/2.x)
 * @param softwareAgents      every {@code softwareAgent} in {@code c2pa.actions} assertions (string or {@code name})
 * @param digitalSourceTypes  every IPTC digital source type URI found in actions
 * @param actions             the action names, e.g. {@code c2pa.created}
 * @param title               the claim's {@code dc:title}, if any
 * @param manifests           how many manifests the store holds
 * @param problems            what could not be read
 */
public record C2paSummary(
        String claimGenerator,
        List<String> generatorNames,
        List<String> softwareAgents,
        List<String> digitalSourceTypes,
        List<String> actions,
        String title,
        int manifests,
        List<String> problems) {

    public C2paSummary {
        generatorNames = List.copyOf(generatorNames);
        softwareAgents = List.copyOf(softwareAgents);
        digitalSourceTypes = List.copyOf(digitalSourceTypes);
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
    }

    /** True when a digital source type says the media was made by a trained algorithm (generative AI). */
    public boolean saysAiGenerated() {
        return digitalSourceTypes.stream().anyMatch(t -> t.endsWith("trainedAlgorithmicMedia")
                || t.endsWith("compositeWithTrainedAlgorithmicMedia"));
    }

    /** Every name that may identify the generator: claim generator, generator names, software agents. */
    public List<String> agentNames() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        if (claimGenerator != null) {
            all.add(claimGenerator);
        }
        all.addAll(generatorNames);
        all.addAll(softwareAgents);
        return all;
    }

    /** The summary as plain maps and lists, for the {@code extra.c2pa} output field. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (claimGenerator != null) {
            m.put("claim_generator", claimGenerator);
        }
        if (!generatorNames.isEmpty()) {
            m.put("claim_generator_info", generatorNames);
        }
        if (!softwareAgents.isEmpty()) {
            m.put("software_agents", softwareAgents);
        }
        if (!digitalSourceTypes.isEmpty()) {
            m.put("digital_source_types", digitalSourceTypes);
        }
        if (!actions.isEmpty()) {
            m.put("actions", actions);
        }
        if (title != null) {
            m.put("title", title);
        }
        m.put("manifests", manifests);
        if (!problems.isEmpty()) {
            m.put("problems", problems);
        }
        return m;
    }
}
