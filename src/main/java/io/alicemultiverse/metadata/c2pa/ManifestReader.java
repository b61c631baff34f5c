package io.alicemultiverse.metadata.c2pa;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what one C2PA manifest superbox says: from its claim ({@code c2pa.claim} or {@code c2pa.claim.v2}) the
 * claim generator, generator names and title; from its assertion store ({@code c2pa.assertions}) every
 * {@code c2pa.actions} / {@code c2pa.actions.v2} assertion, including numbered instances like
 * {@code c2pa.actions__1}. Signatures are not checked. Stateless and thread-safe; never throws; what it cannot read
 * becomes a problem.
 */
final class ManifestReader {
    private static final Pattern INSTANCE_SUFFIX = Pattern.compile("__\\d+$");

    /** One manifest's facts; lists keep first-seen order without repeats. */
    record Manifest(String label, String claimGenerator, Set<String> generatorNames, String title,
                    Set<String> actions, Set<String> softwareAgents, Set<String> digitalSourceTypes) {
    }

    private ManifestReader() {
    }

    /** True when this child of a manifest store is a manifest (by description type or label). */
    static boolean isManifest(JumbfBoxes.Superbox box) {
        String type = box.type();
        String label = box.label();
        return "c2ma".equals(type) || "c2um".equals(type)
                || (label != null && label.startsWith("urn:"));
    }

    static Manifest read(JumbfBoxes.Superbox manifest, List<String> problems) {
        String where = "manifest " + (manifest.label() == null ? "(unlabelled)" : manifest.label());
        Set<String> names = new LinkedHashSet<>();
        String claimGenerator = null;
        String title = null;
        JumbfBoxes.Superbox claimBox = claim(manifest);
        if (claimBox == null) {
            problems.add(where + ": no claim");
        } else {
            JsonNode claim = BoxDecoder.decode(claimBox, where + " " + claimBox.label(), problems);
            if (claim != null && claim.isObject()) {
                claimGenerator = ActionsReader.text(claim.get("claim_generator"));
                title = ActionsReader.text(claim.get("dc:title"));
                addGeneratorNames(claim.get("claim_generator_info"), names);
            } else if (claim != null) {
                problems.add(where + ": claim is not a map");
            }
        }
        Set<String> actions = new LinkedHashSet<>();
        Set<String> agents = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        readAssertions(manifest, where, new ActionsReader(actions, agents, sources), problems);
        return new Manifest(manifest.label(), claimGenerator, names, title, actions, agents, sources);
    }

    private static JumbfBoxes.Superbox claim(JumbfBoxes.Superbox manifest) {
        for (JumbfBoxes.Superbox child : manifest.children()) {
            String label = child.label();
            if ("c2pa.claim".equals(label) || "c2pa.claim.v2".equals(label)) {
                return child;
            }
        }
        for (JumbfBoxes.Superbox child : manifest.children()) {
            if ("c2cl".equals(child.type())) {
                return child;
            }
        }
        return null;
    }

    /** {@code claim_generator_info}: a list of maps in 1.x, one map in 2.x; each map's {@code name}. */
    private static void addGeneratorNames(JsonNode info, Set<String> names) {
        if (info == null) {
            return;
        }
        if (info.isArray()) {
            for (JsonNode item : info) {
                addGeneratorNames(item, names);
            }
            return;
        }
        String name = info.isObject() ? ActionsReader.text(info.get("name")) : ActionsReader.text(info);
        if (name != null) {
            names.add(name);
        }
    }

    private static void readAssertions(JumbfBoxes.Superbox manifest, String where, ActionsReader reader,
                                       List<String> problems) {
        JumbfBoxes.Superbox store = manifest.child("c2pa.assertions");
        if (store == null) {
            problems.add(where + ": no assertion store");
            return;
        }
        for (JumbfBoxes.Superbox assertion : store.children()) {
            String label = assertion.label() == null ? "" : INSTANCE_SUFFIX.matcher(assertion.label()).replaceFirst("");
            if ("c2pa.actions".equals(label) || "c2pa.actions.v2".equals(label)) {
                reader.read(BoxDecoder.decode(assertion, where + " " + assertion.label(), problems));
            }
        }
    }
}
