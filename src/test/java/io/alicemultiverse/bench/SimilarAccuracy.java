package io.alicemultiverse.bench;

import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.similar.SimilarFinder;
import io.alicemultiverse.testsupport.Transforms;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of pHash distance as a near-duplicate test on real pictures, run by {@code bench/similar-accuracy.sh}.
 *
 * <pre>
 * make  ORIGINALS.txt WORKDIR        transformed copies of every original + WORKDIR/files.tsv (path, origin, transform)
 * score WORKDIR                      pairwise precision/recall per transform at thresholds 4..16, for pHash alone
 *                                    and for the rule similar/dedup use
 * groups WORKDIR GROUPS.txt          the same for another tool's groups (one group per line, paths by spaces)
 * </pre>
 * A pair is a true duplicate when both files come from the same original. Per transform T, the pairs scored are
 * those between a T copy and every original; precision = true pairs within the threshold / all pairs within it,
 * recall = T copies within the threshold of their own original / all T copies. "all" scores every pair of files.
 */
public final class SimilarAccuracy {
    static final String[] TRANSFORMS = {"resize50", "jpeg75", "jpeg30", "webp70", "bright+10", "bright-10",
        "gamma0.8", "gamma1.25", "blur1", "crop5"};

    record Item(Path path, int origin, String transform, long phash, SimilarFinder.Query query) {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "make" -> make(Path.of(args[1]), Path.of(args[2]));
            case "score" -> score(Path.of(args[1]));
            case "groups" -> groups(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("make | score | groups");
        }
    }

    static void make(Path list, Path work) throws Exception {
        Files.createDirectories(work);
        StringBuilder tsv = new StringBuilder();
        int origin = 0;
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank()) {
                continue;
            }
            Path src = Path.of(line.trim());
            Path dir = work.resolve(String.format("%03d", origin));
            String name = src.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
            Path orig = dir.resolve("original." + ext);
            Map<String, Path> out = new LinkedHashMap<>();
            if (Files.isRegularFile(dir.resolve(DONE))) { // made by an earlier run: keep
                for (String t : TRANSFORMS) {
                    try (var files = Files.list(dir)) {
                        out.put(t, files.filter(f -> f.getFileName().toString().startsWith(t + ".")).findFirst()
                                .orElseThrow());
                    }
                }
            } else {
                BufferedImage img = read(src);
                if (img == null) {
                    System.err.println("skipped (cannot decode): " + src);
                    continue;
                }
                Files.createDirectories(dir);
                Files.copy(src, orig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                make(rgb(img), orig, dir, out);
                Files.writeString(dir.resolve(DONE), "");
            }
            tsv.append(orig).append('\t').append(origin).append("\toriginal\n");
            for (Map.Entry<String, Path> e : out.entrySet()) {
                tsv.append(e.getValue()).append('\t').append(origin).append('\t').append(e.getKey()).append('\n');
            }
            origin++;
        }
        Files.writeString(work.resolve("files.tsv"), tsv);
        System.err.println(origin + " originals, " + origin * (TRANSFORMS.length + 1) + " files in " + work);
    }

    /** Written into an original's folder once all its copies are made, so a rerun keeps them. */
    private static final String DONE = ".done";

    /**
     * The original's pixels. WebP goes through ffmpeg (libwebp): TwelveMonkeys 3.14's reader tints many lossy WebP
     * files green, which would make every copy of such an original a different picture.
     */
    static BufferedImage read(Path src) throws IOException, InterruptedException {
        if (!src.getFileName().toString().toLowerCase().endsWith(".webp")) {
            return ImageIO.read(src.toFile());
        }
        Path tmp = Files.createTempFile("original", ".png");
        try {
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", src.toString(), tmp.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IOException("ffmpeg failed on " + src);
            }
            return ImageIO.read(tmp.toFile());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The transformed copies of one original ({@code img}, its pixels over white) into {@code dir}. */
    static void make(BufferedImage img, Path orig, Path dir, Map<String, Path> out) throws Exception {
        out.put("resize50", Transforms.png(Transforms.scale(img, img.getWidth() / 2, img.getHeight() / 2),
                dir.resolve("resize50.png")));
        out.put("jpeg75", Transforms.jpeg(img, 0.75f, dir.resolve("jpeg75.jpg")));
        out.put("jpeg30", Transforms.jpeg(img, 0.30f, dir.resolve("jpeg30.jpg")));
        out.put("webp70", webp(orig, 70, dir.resolve("webp70.webp")));
        out.put("bright+10", Transforms.png(Transforms.brightness(img, 1.10), dir.resolve("bright+10.png")));
        out.put("bright-10", Transforms.png(Transforms.brightness(img, 0.90), dir.resolve("bright-10.png")));
        out.put("gamma0.8", Transforms.png(Transforms.gamma(img, 0.8), dir.resolve("gamma0.8.png")));
        out.put("gamma1.25", Transforms.png(Transforms.gamma(img, 1.25), dir.resolve("gamma1.25.png")));
        out.put("blur1", Transforms.png(Transforms.blur(img, 1.0), dir.resolve("blur1.png")));
        out.put("crop5", Transforms.png(Transforms.crop(img, 0.95), dir.resolve("crop5.png")));
    }

    /** Originals within this many pHash bits of an earlier one are the same picture (another size, a variant). */
    static final int SAME_PICTURE = 12;

    /**
     * Every file of the set, without the origins whose original is (nearly) the same picture as an earlier one —
     * the wallpaper packages ship some pictures twice (two resolutions, light/dark variants, recoloured patterns),
     * which would otherwise count as false positives.
     */
    static List<Item> items(Path work) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("files.tsv"))) {
            String[] f = line.split("\t");
            Path p = Path.of(f[0]);
            ImageHashes h = ImageHashes.of(p, FormatSniffer.sniff(p));
            items.add(new Item(p, Integer.parseInt(f[1]), f[2], h.phash(), SimilarFinder.Query.of(h, false)));
        }
        List<Item> kept = new ArrayList<>();
        java.util.Set<Integer> excluded = new java.util.HashSet<>();
        for (Item i : items) {
            if (i.transform().equals("original")) {
                boolean same = kept.stream().anyMatch(k -> Long.bitCount(k.phash() ^ i.phash()) <= SAME_PICTURE);
                if (same) {
                    excluded.add(i.origin());
                    System.err.println("excluded (same picture as an earlier original): " + i.path());
                } else {
                    kept.add(i);
                }
            }
        }
        return items.stream().filter(i -> !excluded.contains(i.origin())).toList();
    }

    static void score(Path work) throws IOException {
        List<Item> items = items(work);
        System.out.println(count(items, "original") + " originals, " + items.size() + " files");
        table(items, "pHash distance alone", (a, b, th) -> Long.bitCount(a.phash() ^ b.phash()) <= th);
        table(items, "the rule `similar` and `dedup` use (pHash or zoom hash, plus dHash; SimilarFinder.near)",
                (a, b, th) -> SimilarFinder.near(a.query(), b.query(), th));
    }

    interface NearAt {
        boolean test(Item a, Item b, int threshold);
    }

    private static void table(List<Item> items, String title, NearAt near) {
        System.out.println();
        System.out.println(title + ":");
        System.out.println();
        System.out.print("| threshold |");
        for (String t : TRANSFORMS) {
            System.out.print(" " + t + " P / R |");
        }
        System.out.println(" all pairs P / R |");
        System.out.println("|---|" + "---|".repeat(TRANSFORMS.length + 1));
        for (int threshold = 4; threshold <= 16; threshold++) {
            int th = threshold;
            System.out.print("| " + threshold + " |");
            for (String t : TRANSFORMS) {
                System.out.print(" " + cell(items, t, (a, b) -> near.test(a, b, th)) + " |");
            }
            System.out.println(" " + cell(items, null, (a, b) -> near.test(a, b, th)) + " |");
        }
    }

    static void groups(Path work, Path groupsFile) throws IOException {
        List<Item> items = items(work);
        Map<Path, Integer> group = new LinkedHashMap<>();
        int g = 0;
        for (String line : Files.readAllLines(groupsFile)) {
            if (line.isBlank()) {
                continue;
            }
            g++;
            for (String p : line.trim().split("\\s+")) {
                group.put(Path.of(p).toAbsolutePath().normalize(), g);
            }
        }
        System.out.print("| findimagedupes |");
        for (String t : TRANSFORMS) {
            System.out.print(" " + cell(items, t, (a, b) -> same(group, a, b)) + " |");
        }
        System.out.println(" " + cell(items, null, (a, b) -> same(group, a, b)) + " |");
    }

    private static boolean same(Map<Path, Integer> group, Item a, Item b) {
        Integer ga = group.get(a.path().toAbsolutePath().normalize());
        return ga != null && ga.equals(group.get(b.path().toAbsolutePath().normalize()));
    }

    interface Near {
        boolean test(Item a, Item b);
    }

    /** "P / R" for pairs (copy of transform t, any original), or for all pairs when t is null. */
    static String cell(List<Item> items, String t, Near near) {
        long tp = 0;
        long fp = 0;
        long positives = 0;
        for (int i = 0; i < items.size(); i++) {
            Item a = items.get(i);
            if (t != null && !a.transform().equals(t)) {
                continue;
            }
            for (int j = t == null ? i + 1 : 0; j < items.size(); j++) {
                Item b = items.get(j);
                if (t != null && !b.transform().equals("original")) {
                    continue;
                }
                boolean truth = a.origin() == b.origin();
                boolean said = near.test(a, b);
                positives += truth ? 1 : 0;
                tp += truth && said ? 1 : 0;
                fp += !truth && said ? 1 : 0;
            }
        }
        String p = tp + fp == 0 ? "—" : String.format("%.4f", (double) tp / (tp + fp));
        return p + " / " + String.format("%.3f", positives == 0 ? 0.0 : (double) tp / positives);
    }

    private static long count(List<Item> items, String transform) {
        return items.stream().filter(i -> i.transform().equals(transform)).count();
    }

    private static BufferedImage rgb(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Lossy WebP at {@code quality} through ffmpeg's libwebp (the encoder {@code cwebp} uses). */
    static Path webp(Path from, int quality, Path to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", from.toString(), "-c:v", "libwebp",
                "-quality", Integer.toString(quality), to.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed on " + from);
        }
        return to;
    }

}
