package io.alicemultiverse.bench;

import io.alicemultiverse.hash.PerceptualHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.GrayImage;
import io.alicemultiverse.media.HashGrid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares candidate near-duplicate rules on the set {@code SimilarAccuracy make} writes, from the 32 × 32 grids
 * (decoded once, cached in {@code WORKDIR/grids.bin}, so a run after the first takes seconds): for each rule, the
 * loosest threshold that keeps all-pairs precision ≥ 0.99 and the recall of every transform there; the production
 * rule at several thresholds and zoom radii; each transform's distances to its own original. Features: pHash (p),
 * dHash (d), of a rank-equalized grid (pe), of a log-luminance grid (pz, dz), and the zoom hash (pc). Exploration
 * behind docs/benchmarks.md, not the published table.
 *
 * <pre>java -cp … io.alicemultiverse.bench.NearDupExplore WORKDIR</pre>
 */
public final class NearDupExplore {
    record Item(Path path, int origin, String transform, float[] grid, Map<String, Object> f) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<Item> items = items(work);
        System.out.println(count(items) + " originals kept, " + items.size() + " files");
        String[] keys = {"p", "d", "pe", "pz", "dz", "pc"};
        Pairs pairs = new Pairs(items, keys);
        for (String k : keys) {
            if (!k.equals("pc")) {
                sweep(pairs, k, (pr, i) -> pr.bits(k, i));
            }
        }
        sweep(pairs, "p+d", (pr, i) -> pr.bits("p", i) + pr.bits("d", i));
        sweep(pairs, "pz+dz", (pr, i) -> pr.bits("pz", i) + pr.bits("dz", i));
        sweep(pairs, "pz+d", (pr, i) -> pr.bits("pz", i) + pr.bits("d", i));
        sweep(pairs, "min(p, p~zoom)", (pr, i) -> Math.min(pr.bits("p", i), pr.zoom[i]));
        sweep(pairs, "min(p, p~zoom)+d", (pr, i) -> Math.min(pr.bits("p", i), pr.zoom[i]) + pr.bits("d", i));
        for (int margin = 0; margin <= 3; margin++) {
            int mm = margin;
            for (int r = 8; r <= 11; r++) {
                int rr = r;
                // the production rule at maxDistance r, zoom candidates searched only within r - margin
                String verdict = evaluate(pairs, i -> {
                    int p = pairs.bits("p", i);
                    int z = pairs.zoom[i];
                    int m = z <= rr - mm ? Math.min(p, z) : p;
                    return m <= rr && m + pairs.bits("d", i) <= rr + 14;
                });
                System.out.printf("rule at %d, zoom within %d: %s%n", r, r - margin, verdict);
            }
        }
        for (int r = 6; r <= 10; r++) {
            int rr = r;
            sweep(pairs, "min(p, p~zoom) ≤ " + r + " && +d ≤ cut", (pr, i) -> {
                int m = Math.min(pr.bits("p", i), pr.zoom[i]);
                return m <= rr ? m + pr.bits("d", i) : 999;
            });
        }
        for (int r = 9; r <= 16; r++) {
            int rr = r;
            for (String base : new String[]{"p", "pz"}) {
                String dk = base.equals("p") ? "d" : "dz";
                sweep(pairs, base + " ≤ " + r + " && " + base + "+" + dk + " ≤ cut",
                        (pr, i) -> pr.bits(base, i) <= rr ? pr.bits(base, i) + pr.bits(dk, i) : 999);
            }
        }
        distances(items, "p");
        distances(items, "pz");
        contrast(items);
    }

    /**
     * The originals with the least contrast, lowest first: the spread of their grid and of the 64 coefficients pHash
     * thresholds (in grey levels), and each copy's pHash distance to its original.
     */
    static void contrast(List<Item> items) {
        System.out.println("\nlowest-contrast originals: grid sd, band amplitude; then pHash distance of each copy");
        Map<Integer, List<Item>> byOrigin = new LinkedHashMap<>();
        items.forEach(i -> byOrigin.computeIfAbsent(i.origin(), k -> new ArrayList<>()).add(i));
        List<List<Item>> groups = new ArrayList<>(byOrigin.values());
        groups.sort(java.util.Comparator.comparingDouble(g -> band(g.get(0).grid())));
        for (List<Item> g : groups.subList(0, Math.min(20, groups.size()))) {
            Item o = g.get(0);
            StringBuilder sb = new StringBuilder();
            for (Item c : g.subList(1, g.size())) {
                sb.append(String.format(" %s %d (%.2f)", c.transform(), bits(c, o, "p"), band(c.grid())));
            }
            System.out.printf("  sd %6.2f band %6.3f %s |%s%n", sd(o.grid()), band(o.grid()),
                    o.path().getParent().getFileName(), sb);
        }
    }

    static double sd(float[] g) {
        double s = 0;
        double s2 = 0;
        for (float v : g) {
            s += v;
            s2 += v * v;
        }
        double m = s / g.length;
        return Math.sqrt(Math.max(0, s2 / g.length - m * m));
    }

    /** Root mean square of the 64 DCT coefficients pHash uses, as a cosine amplitude in grey levels. */
    static double band(float[] g) {
        int n = 32;
        double s2 = 0;
        for (int v = 1; v <= 8; v++) {
            for (int u = 1; u <= 8; u++) {
                double c = 0;
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        c += g[y * n + x] * Math.cos((2 * x + 1) * u * Math.PI / (2 * n))
                                * Math.cos((2 * y + 1) * v * Math.PI / (2 * n));
                    }
                }
                s2 += c * c;
            }
        }
        return Math.sqrt(s2 / 64) / (n * n / 4.0);
    }

    interface Dist {
        int of(Pairs p, int i);
    }

    /** Every pair of items once: the Hamming distances of each feature, truth and transform. */
    static final class Pairs {
        final Map<String, byte[]> bits = new LinkedHashMap<>();
        final boolean[] truth;
        final byte[] transform; // index in TRANSFORMS when one side is an original and the other a copy, else -1
        final byte[] zoom;
        final int n;

        Pairs(List<Item> items, String[] keys) {
            int m = items.size();
            n = m * (m - 1) / 2;
            truth = new boolean[n];
            transform = new byte[n];
            zoom = new byte[n];
            for (String k : keys) {
                bits.put(k, new byte[n]);
            }
            List<String> tl = Arrays.asList(SimilarAccuracy.TRANSFORMS);
            int x = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++, x++) {
                    Item a = items.get(i);
                    Item b = items.get(j);
                    truth[x] = a.origin() == b.origin();
                    transform[x] = (byte) (a.transform().equals("original") ? tl.indexOf(b.transform())
                            : b.transform().equals("original") ? tl.indexOf(a.transform()) : -1);
                    for (String k : keys) {
                        bits.get(k)[x] = (byte) NearDupExplore.bits(a, b, k);
                    }
                    zoom[x] = (byte) Math.min(Long.bitCount((Long) a.f().get("pc") ^ (Long) b.f().get("p")),
                            Long.bitCount((Long) a.f().get("p") ^ (Long) b.f().get("pc")));
                }
            }
        }

        int bits(String key, int i) {
            return bits.get(key)[i];
        }
    }

    interface PairTest {
        boolean test(int i);
    }

    /** All-pairs and per-transform precision / recall of one fixed rule. */
    static String evaluate(Pairs pr, PairTest near) {
        String[] ts = SimilarAccuracy.TRANSFORMS;
        long tp = 0;
        long fp = 0;
        long pos = 0;
        long[] ttp = new long[ts.length];
        long[] tpos = new long[ts.length];
        for (int i = 0; i < pr.n; i++) {
            boolean said = near.test(i);
            pos += pr.truth[i] ? 1 : 0;
            tp += pr.truth[i] && said ? 1 : 0;
            fp += !pr.truth[i] && said ? 1 : 0;
            int t = pr.transform[i];
            if (t >= 0) {
                tpos[t] += pr.truth[i] ? 1 : 0;
                ttp[t] += pr.truth[i] && said ? 1 : 0;
            }
        }
        StringBuilder sb = new StringBuilder(String.format("P %.4f R %.3f |", (double) tp / (tp + fp),
                (double) tp / pos));
        for (int t = 0; t < ts.length; t++) {
            sb.append(String.format(" %s %.3f", ts[t], (double) ttp[t] / tpos[t]));
        }
        return sb.toString();
    }

    /** The loosest integer cut keeping all-pairs and every transform's precision ≥ 0.99, and recalls there. */
    static void sweep(Pairs pr, String name, Dist dist) {
        String[] ts = SimilarAccuracy.TRANSFORMS;
        int[] d = new int[pr.n];
        for (int i = 0; i < pr.n; i++) {
            d[i] = dist.of(pr, i);
        }
        String best = null;
        for (int cut = 0; cut <= 80; cut++) {
            long tp = 0;
            long fp = 0;
            long pos = 0;
            long[] ttp = new long[ts.length];
            long[] tpos = new long[ts.length];
            long[] tfp = new long[ts.length];
            for (int i = 0; i < pr.n; i++) {
                boolean truth = pr.truth[i];
                boolean said = d[i] <= cut;
                pos += truth ? 1 : 0;
                tp += truth && said ? 1 : 0;
                fp += !truth && said ? 1 : 0;
                int t = pr.transform[i];
                if (t >= 0) {
                    tpos[t] += truth ? 1 : 0;
                    ttp[t] += truth && said ? 1 : 0;
                    tfp[t] += !truth && said ? 1 : 0;
                }
            }
            double prec = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            boolean ok = prec >= 0.99;
            StringBuilder sb = new StringBuilder(String.format("P %.4f R %.3f |", prec, (double) tp / pos));
            double minR = 1;
            for (int t = 0; t < ts.length; t++) {
                double r = (double) ttp[t] / tpos[t];
                double p = ttp[t] + tfp[t] == 0 ? 1 : (double) ttp[t] / (ttp[t] + tfp[t]);
                minR = Math.min(minR, r);
                sb.append(String.format(" %s %.3f", ts[t], r));
                if (p < 0.99) {
                    sb.append(String.format("(P %.3f)", p));
                }
            }
            if (ok) {
                best = String.format("≤ %d: min R %.3f | ", cut, minR) + sb;
            }
        }
        System.out.printf("%-28s %s%n", name, best);
    }

    static int bits(Item a, Item b, String key) {
        return Long.bitCount((Long) a.f().get(key) ^ (Long) b.f().get(key));
    }

    /** For each transform, how many copies at each pHash distance from their original; and the nearest wrong one. */
    static void distances(List<Item> items, String key) {
        System.out.println("\n" + key + ": distance of each copy to its own original (histogram), nearest other");
        Map<Integer, Item> originals = new LinkedHashMap<>();
        for (Item i : items) {
            if (i.transform().equals("original")) {
                originals.put(i.origin(), i);
            }
        }
        for (String t : SimilarAccuracy.TRANSFORMS) {
            int[] hist = new int[65];
            int nearestWrong = 64;
            for (Item i : items) {
                if (!i.transform().equals(t)) {
                    continue;
                }
                int d0 = bits(i, originals.get(i.origin()), key);
                hist[d0]++;
                if (d0 > 10) {
                    System.out.println("    far: " + d0 + " " + i.path());
                }
                for (Item o : originals.values()) {
                    if (o.origin() != i.origin()) {
                        nearestWrong = Math.min(nearestWrong, bits(i, o, key));
                    }
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d <= 64; d++) {
                if (hist[d] > 0) {
                    sb.append(d).append(':').append(hist[d]).append(' ');
                }
            }
            System.out.printf("  %-10s %s| nearest other original %d%n", t, sb, nearestWrong);
        }
        int[] hist = new int[65];
        List<Item> o = new ArrayList<>(originals.values());
        for (int i = 0; i < o.size(); i++) {
            for (int j = i + 1; j < o.size(); j++) {
                hist[bits(o.get(i), o.get(j), key)]++;
            }
        }
        System.out.println("  originals pairwise, lowest: " + lowest(hist, 12));
    }

    private static String lowest(int[] hist, int n) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int d = 0; d <= 64 && shown < n; d++) {
            if (hist[d] > 0) {
                sb.append(d).append(':').append(hist[d]).append(' ');
                shown++;
            }
        }
        return sb.toString();
    }

    static long count(List<Item> items) {
        return items.stream().filter(i -> i.transform().equals("original")).count();
    }

    static List<Item> items(Path work) throws IOException {
        Map<String, float[]> cache = readCache(work.resolve("grids.bin"));
        List<Item> items = new ArrayList<>();
        boolean changed = false;
        for (String line : Files.readAllLines(work.resolve("files.tsv"))) {
            String[] f = line.split("\t");
            float[] g = cache.get(f[0]);
            if (g == null) {
                Path p = Path.of(f[0]);
                g = HashGrid.grayscale(p, FormatSniffer.sniff(p), HashGrid.HASH_SIZE).toArray();
                cache.put(f[0], g);
                changed = true;
            }
            items.add(new Item(Path.of(f[0]), Integer.parseInt(f[1]), f[2], g, features(g)));
        }
        if (changed) {
            writeCache(work.resolve("grids.bin"), cache);
        }
        Set<Integer> excluded = new HashSet<>();
        List<Item> kept = new ArrayList<>();
        for (Item i : items) {
            if (i.transform().equals("original")) {
                if (kept.stream().anyMatch(k -> bits(k, i, "p") <= SimilarAccuracy.SAME_PICTURE)) {
                    excluded.add(i.origin());
                } else {
                    kept.add(i);
                }
            }
        }
        return items.stream().filter(i -> !excluded.contains(i.origin())).toList();
    }

    static Map<String, Object> features(float[] g) {
        Map<String, Object> f = new LinkedHashMap<>();
        GrayImage img = GrayImage.of(32, 32, g);
        f.put("p", PerceptualHash.pHash(img));
        f.put("d", PerceptualHash.dHash(img));
        GrayImage eq = GrayImage.of(32, 32, equalize(g));
        f.put("pe", PerceptualHash.pHash(eq));
        f.put("de", PerceptualHash.dHash(eq));
        f.put("pz", PerceptualHash.pHash(GrayImage.of(32, 32, logish(g))));
        f.put("dz", PerceptualHash.dHash(GrayImage.of(32, 32, logish(g))));
        f.put("pc", PerceptualHash.pHash(GrayImage.of(32, 32, zoom(g, 0.95))));
        return f;
    }

    /** Each value replaced by its rank (ties share their mean rank), scaled to 0..255. */
    static float[] equalize(float[] g) {
        int n = g.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Float.compare(g[x], g[y]));
        float[] out = new float[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && g[idx[j + 1]] == g[idx[i]]) {
                j++;
            }
            float rank = (i + j) / 2f;
            for (int k = i; k <= j; k++) {
                out[idx[k]] = rank * 255f / (n - 1);
            }
            i = j + 1;
        }
        return out;
    }

    /** The centre {@code keep} of a 32 × 32 grid, resampled bilinearly back to 32 × 32. */
    static float[] zoom(float[] g, double keep) {
        int n = 32;
        float[] out = new float[n * n];
        double off = n * (1 - keep) / 2;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double sx = off + (x + 0.5) * keep - 0.5;
                double sy = off + (y + 0.5) * keep - 0.5;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int x1 = Math.min(n - 1, x0 + 1);
                int y1 = Math.min(n - 1, y0 + 1);
                x0 = Math.max(0, x0);
                y0 = Math.max(0, y0);
                out[y * n + x] = (float) ((1 - fy) * ((1 - fx) * g[y0 * n + x0] + fx * g[y0 * n + x1])
                        + fy * ((1 - fx) * g[y1 * n + x0] + fx * g[y1 * n + x1]));
            }
        }
        return out;
    }

    static float[] logish(float[] g) {
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = (float) Math.log(g[i] + 16);
        }
        return out;
    }

    static Map<String, float[]> readCache(Path file) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String k = in.readUTF();
                float[] g = new float[in.readInt()];
                for (int j = 0; j < g.length; j++) {
                    g[j] = in.readFloat();
                }
                out.put(k, g);
            }
        }
        return out;
    }

    static void writeCache(Path file, Map<String, float[]> cache) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(cache.size());
            for (Map.Entry<String, float[]> e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        }
    }
}
