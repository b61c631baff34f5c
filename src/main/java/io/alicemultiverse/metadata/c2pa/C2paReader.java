package io.alicemultiverse.metadata.c2pa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a C2PA manifest store (a JUMBF superbox labelled {@code c2pa}) into a {@link C2paSummary}.
 *
 * <p>The store's child superboxes are manifests; the last one is the active manifest. The summary's claim
 * generator, generator names, title and actions come from the active manifest; its software agents and digital
 * source types come first from the active manifest, then from the other (ingredient) manifests in store order,
 * without repeats. Signatures and hashes are not validated.
 *
 * <p>Stateless and thread-safe. Never throws on bad input: what cannot be read is listed in
 * {@link C2paSummary#problems()} and the rest is still returned.
 */
public final class C2paReader {
    private static final int MAX_PROBLEMS = 20;

    private C2paReader() {
    }

    /**
     * Reads a manifest store.
     *
     * @param jumbf the JUMBF bytes of the store: a PNG {@code caBX} chunk's data, a WebP {@code C2PA} chunk's data,
     *              the output of {@link JpegApp11#assemble}, or a {@code .c2pa} sidecar
     * @return the summary, possibly with problems and nothing else; null only when {@code jumbf} is null or empty
     */
    public static C2paSummary read(byte[] jumbf) {
        if (jumbf == null || jumbf.length == 0) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        try {
            return summarize(jumbf, problems);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add("C2PA: unreadable (" + e.getClass().getSimpleName() + ")");
            return summary(null, List.of(), 0, problems);
        }
    }

    /**
     * Reads the data of a PNG {@code caBX} chunk (or a WebP {@code C2PA} chunk), which is the manifest store itself.
     * Same contract as {@link #read(byte[])}.
     */
    public static C2paSummary readPngCabx(byte[] chunkData) {
        return read(chunkData);
    }

    private static C2paSummary summarize(byte[] jumbf, List<String> problems) {
        JumbfBoxes.Superbox store = findStore(JumbfBoxes.superboxes(jumbf, problems), problems);
        if (store == null) {
            return summary(null, List.of(), 0, problems);
        }
        List<JumbfBoxes.Superbox> manifestBoxes = new ArrayList<>();
        for (JumbfBoxes.Superbox child : store.children()) {
            if (ManifestReader.isManifest(child)) {
                manifestBoxes.add(child);
            }
        }
        if (manifestBoxes.isEmpty()) {
            problems.add("C2PA: the manifest store holds no manifest");
            return summary(null, List.of(), 0, problems);
        }
        List<ManifestReader.Manifest> manifests = new ArrayList<>();
        for (JumbfBoxes.Superbox box : manifestBoxes) {
            manifests.add(ManifestReader.read(box, problems));
        }
        ManifestReader.Manifest active = manifests.get(manifests.size() - 1);
        return summary(active, manifests, manifests.size(), problems);
    }

    private static JumbfBoxes.Superbox findStore(List<JumbfBoxes.Superbox> top, List<String> problems) {
        for (JumbfBoxes.Superbox box : top) {
            if ("c2pa".equals(box.label()) || "c2pa".equals(box.type())) {
                return box;
            }
        }
        if (top.isEmpty()) {
            problems.add("C2PA: no JUMBF superbox");
            return null;
        }
        problems.add("C2PA: no superbox labelled 'c2pa'; reading the first superbox ("
                + top.get(0).label() + ") as the manifest store");
        return top.get(0);
    }

    /** Active manifest's facts, then agents and source types of the others, in store order. */
    private static C2paSummary summary(ManifestReader.Manifest active, List<ManifestReader.Manifest> all,
                                       int count, List<String> problems) {
        Set<String> agents = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        if (active != null) {
            agents.addAll(active.softwareAgents());
            sources.addAll(active.digitalSourceTypes());
        }
        for (ManifestReader.Manifest m : all) {
            agents.addAll(m.softwareAgents());
            sources.addAll(m.digitalSourceTypes());
        }
        List<String> kept = new ArrayList<>(new LinkedHashSet<>(problems));
        if (kept.size() > MAX_PROBLEMS) {
            int more = kept.size() - MAX_PROBLEMS;
            kept = new ArrayList<>(kept.subList(0, MAX_PROBLEMS));
            kept.add("… and " + more + " more problems");
        }
        return new C2paSummary(
                active == null ? null : active.claimGenerator(),
                active == null ? List.of() : List.copyOf(active.generatorNames()),
                List.copyOf(agents),
                List.copyOf(sources),
                active == null ? List.of() : List.copyOf(active.actions()),
                active == null ? null : active.title(),
                count,
                kept);
    }
}
