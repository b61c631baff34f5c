package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.SidecarFacts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the XMP packet of one asset's sidecar with Adobe's XMP Toolkit: {@code dc:subject} (every tag),
 * {@code lr:hierarchicalSubject} ({@code user|tag}, {@code understanding|category|tag}, {@code prompt|tag}),
 * {@code dc:description} (unless a caption of someone else's is there), the rating and labels ({@link SidecarLabels}),
 * {@code Iptc4xmpExt:DigitalSourceType} for AI-made files and the generation record in the {@code alice} namespace.
 * Ratings, labels and keyword paths among the user tags ({@link SidecarTags}) go to their own properties, never to
 * {@code dc:subject}. An existing sidecar is the starting point: what other tools wrote stays, subjects are merged,
 * and a tag of ours the asset no longer has is taken out.
 * Stateless and thread-safe.
 */
final class SidecarWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PropertyOptions BAG = new PropertyOptions().setArray(true);
    /** The top levels of the hierarchies we write ({@code lr:hierarchicalSubject}): one per tag origin. */
    private static final Set<String> OURS = Set.of("user", "prompt", "understanding");

    static {
        Namespaces.ensure();
    }

    private SidecarWriter() {
    }

    /** {@code existing} parsed and serialized as {@link #write} serializes, to tell whether a write changes it. */
    static byte[] normalised(byte[] existing) throws XMPException {
        return XMPMetaFactory.serializeToBuffer(XMPMetaFactory.parseFromBuffer(existing),
                new SerializeOptions().setOmitPacketWrapper(true));
    }

    /** The sidecar's bytes for {@code facts}, starting from {@code existing} (null when there is none). */
    static byte[] write(SidecarFacts facts, byte[] existing) throws XMPException {
        XMPMeta meta = existing == null ? XMPMetaFactory.create() : XMPMetaFactory.parseFromBuffer(existing);
        Set<String> subjects = new LinkedHashSet<>(items(meta, XMPConst.NS_DC, "subject"));
        Set<String> hierarchy = new LinkedHashSet<>(items(meta, Namespaces.LIGHTROOM, "hierarchicalSubject"));
        Set<String> current = new LinkedHashSet<>();
        Set<String> leaves = new HashSet<>();
        List<AssetRecord.Tag> keywords = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (AssetRecord.Tag t : facts.tags()) {
            if ("user".equals(t.origin()) && SidecarTags.special(t.tag())) {
                continue; // a rating or label goes back to its own property, never among the keywords
            }
            if ("user".equals(t.origin()) && SidecarTags.path(t.tag())) {
                paths.add(t.tag());
                leaves.add(SidecarTags.leaf(t.tag()).toLowerCase(Locale.ROOT));
                continue;
            }
            keywords.add(t);
            String leaf = t.tag().replace('|', '/');
            current.add("understanding".equals(t.origin()) && t.category() != null
                    ? "understanding|" + t.category().replace('|', '/') + "|" + leaf : t.origin() + "|" + leaf);
            leaves.add(t.tag().toLowerCase(Locale.ROOT));
        }
        forgetRemoved(subjects, hierarchy, current, leaves);
        // labels, picks and keyword paths alice held at its last write and no longer holds leave the sidecar too
        List<String> now = synced(facts);
        List<String> gone = items(meta, Namespaces.ALICE, "synced").stream().filter(t -> !now.contains(t)).toList();
        if (!gone.isEmpty()) {
            SidecarLabels.forget(meta, gone);
            hierarchy.removeIf(h -> !ours(h) && gone.contains(SidecarTags.pathTag(h, '|')));
        }
        // a keyword already there in another case or spacing ("Paris", which xmp read made the tag "paris") is not
        // added again: photo managers would show both
        Set<String> seen = new HashSet<>();
        for (String s : subjects) {
            seen.add(SidecarReader.keyword(s));
        }
        for (AssetRecord.Tag t : keywords) {
            if (seen.add(SidecarReader.keyword(t.tag()))) {
                subjects.add(t.tag());
            }
        }
        hierarchy.addAll(current);
        addPaths(meta, hierarchy, paths);
        // properties set in place before the bags, which are re-appended: a rewrite keeps the order, so an unchanged
        // sidecar serializes to the same bytes
        if (facts.description() != null && !facts.description().isBlank() && descriptionIsOurs(meta)) {
            meta.setLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT, facts.description());
        }
        replaceBag(meta, XMPConst.NS_DC, "subject", subjects);
        replaceBag(meta, Namespaces.LIGHTROOM, "hierarchicalSubject", hierarchy);
        SidecarLabels.rating(meta, facts);
        SidecarLabels.labels(meta, SidecarTags.values(facts.tags(), SidecarTags.LABEL),
                SidecarTags.values(facts.tags(), SidecarTags.PICK));
        if (Boolean.TRUE.equals(facts.aiGenerated())) {
            meta.setProperty(Namespaces.IPTC_EXT, "DigitalSourceType", Namespaces.TRAINED_ALGORITHMIC_MEDIA);
        }
        generation(meta, facts);
        remember(meta, now);
        return XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setOmitPacketWrapper(true));
    }

    /** The asset's label, pick and keyword path tags, as {@code alice:synced} lists them. */
    private static List<String> synced(SidecarFacts facts) {
        List<String> out = new ArrayList<>();
        SidecarTags.values(facts.tags(), SidecarTags.LABEL).forEach(l -> out.add(SidecarTags.LABEL + l));
        SidecarTags.values(facts.tags(), SidecarTags.PICK).forEach(p -> out.add(SidecarTags.PICK + p));
        SidecarTags.paths(facts.tags()).forEach(p -> {
            String tag = SidecarTags.pathTag(p, '|');
            if (tag != null && !out.contains(tag)) {
                out.add(tag);
            }
        });
        return out;
    }

    /**
     * Records in {@code alice:synced} which of the asset's labels, picks and keyword paths the sidecar now holds:
     * the base against which the next write tells a tag removed in alice (held then, not now: taken out of the
     * sidecar) from one another tool added (not held then: kept), and the next read a tag removed in alice since
     * (not brought back). Left as it is when the same, so an unchanged sidecar keeps its bytes.
     */
    private static void remember(XMPMeta meta, List<String> now) throws XMPException {
        Sidecar s = SidecarReader.of(meta);
        List<String> held = now.stream().filter(s::holds).toList();
        if (!new HashSet<>(held).equals(new HashSet<>(s.synced()))) {
            replaceBag(meta, Namespaces.ALICE, "synced", new LinkedHashSet<>(held));
        }
    }

    /**
     * Keyword paths the asset has as tags ({@code places|europe|paris}) go to {@code lr:hierarchicalSubject} unless
     * the sidecar holds them already, in any case, there or in digiKam's tag list: what the other tool wrote stays
     * as it wrote it.
     */
    private static void addPaths(XMPMeta meta, Set<String> hierarchy, List<String> paths) throws XMPException {
        if (paths.isEmpty()) {
            return;
        }
        Set<String> there = new HashSet<>();
        for (String h : hierarchy) {
            there.add(SidecarTags.pathTag(h, '|'));
        }
        for (String t : items(meta, Namespaces.DIGIKAM, "TagsList")) {
            there.add(SidecarTags.pathTag(t, '/'));
        }
        for (String p : paths) {
            if (there.add(SidecarTags.pathTag(p, '|'))) {
                hierarchy.add(p);
            }
        }
    }

    /** Whether a hierarchy entry is under one of the branches we write ({@code user|}, {@code prompt|}, …). */
    static boolean ours(String entry) {
        int bar = entry.indexOf('|');
        return bar > 0 && OURS.contains(entry.substring(0, bar));
    }

    /**
     * Whether {@code dc:description} may take the latest understanding description: it has none, or the one there
     * is what we wrote last time ({@code alice:description}, which always holds ours). A caption someone wrote or
     * edited in another tool is never replaced.
     */
    private static boolean descriptionIsOurs(XMPMeta meta) throws XMPException {
        var shown = meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT);
        if (shown == null || shown.getValue() == null || shown.getValue().isBlank()) {
            return true;
        }
        var ours = meta.getProperty(Namespaces.ALICE, "description");
        return ours != null && shown.getValue().equals(ours.getValue());
    }

    /**
     * Takes out of the bags the tags an earlier write of ours put there (an entry under one of our hierarchies,
     * {@code user|}, {@code prompt|}, {@code understanding|}) that the asset no longer has: a tag removed here must
     * leave the sidecar too, or the next {@code xmp read} would bring it back. Its plain subject and any other
     * tool's hierarchy entry ending in it go as well, unless the asset still has a tag of that name. Subjects only
     * other tools wrote are never touched.
     */
    private static void forgetRemoved(Set<String> subjects, Set<String> hierarchy, Set<String> current,
                                      Set<String> leaves) {
        Set<String> removed = new HashSet<>();
        for (java.util.Iterator<String> it = hierarchy.iterator(); it.hasNext(); ) {
            String h = it.next();
            if (ours(h) && !current.contains(h)) {
                it.remove();
                String leaf = h.substring(h.lastIndexOf('|') + 1).toLowerCase(Locale.ROOT);
                if (!leaves.contains(leaf)) {
                    removed.add(leaf);
                }
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        subjects.removeIf(x -> removed.contains(x.toLowerCase(Locale.ROOT).replace('|', '/')));
        hierarchy.removeIf(h -> removed.contains(h.substring(h.lastIndexOf('|') + 1).toLowerCase(Locale.ROOT)));
    }

    /** The generation record: {@code alice:contentHash, source, prompt, negative, model, seed, sampler, steps, cfg}. */
    private static void generation(XMPMeta meta, SidecarFacts f) throws XMPException {
        String ns = Namespaces.ALICE;
        set(meta, ns, "contentHash", f.contentHash());
        set(meta, ns, "source", f.source());
        set(meta, ns, "prompt", f.prompt());
        set(meta, ns, "negative", f.negative());
        set(meta, ns, "model", f.model());
        set(meta, ns, "description", f.description());
        set(meta, ns, "seed", f.seeds().isEmpty() ? null : String.join(", ", f.seeds()));
        if (f.params() != null) {
            try {
                JsonNode p = JSON.readTree(f.params());
                set(meta, ns, "sampler", text(p.get("sampler")));
                set(meta, ns, "scheduler", text(p.get("scheduler")));
                set(meta, ns, "steps", text(p.get("steps")));
                set(meta, ns, "cfg", text(p.get("cfg_scale")));
            } catch (IOException e) {
                // unreadable parameters: the sidecar still carries everything else
            }
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void set(XMPMeta meta, String ns, String name, String value) throws XMPException {
        if (value == null || value.isBlank()) {
            meta.deleteProperty(ns, name);
        } else {
            meta.setProperty(ns, name, value);
        }
    }

    private static void replaceBag(XMPMeta meta, String ns, String name, Set<String> values) throws XMPException {
        meta.deleteProperty(ns, name);
        for (String v : values) {
            meta.appendArrayItem(ns, name, BAG, v, null);
        }
    }

    /** The items of an array property, in order (none when absent). */
    static java.util.List<String> items(XMPMeta meta, String ns, String name) throws XMPException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!meta.doesPropertyExist(ns, name)) {
            return out;
        }
        int n = meta.countArrayItems(ns, name);
        for (int i = 1; i <= n; i++) {
            var item = meta.getArrayItem(ns, name, i);
            if (item != null && item.getValue() != null) {
                out.add(item.getValue());
            }
        }
        return out;
    }
}
