package io.alicemultiverse.bench;

import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.hash.ImageHashes;

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
 * score WORKDIR                      pairwise precision/recall per transform at thresholds 0..20
 * groups WORKDIR GROUPS.txt          the same for another tool's groups (one group per line, paths by spaces)
 * </pre>
 * A pair is a true duplicate when both files come from the same original. Per transform T, the pairs scored are
 * those between a T copy and every original; precision = true pairs within the threshold / all pairs within it,
 * recall = T copies within the threshold of their own original / all T copies. "all" scores every pair of files.
 */
public final class SimilarAccuracy {
    static final String[] TRANSFORMS = {"resize50", "jpeg30", "webp-png", "crop5", "bright+10", "bright-10"};

    record Item(Path path, int origin, String transform, long phash) {
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
            BufferedImage img = ImageIO.read(src.toFile());
            if (img == null) {
                System.err.println("skipped (cannot decode): " + src);
                continue;
            }
            img = rgb(img);
            Path dir = work.resolve(String.format("%03d", origin));
            Files.createDirectories(dir);
            String name = src.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
            Path orig = dir.resolve("original." + ext);
            Files.copy(src, orig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            tsv.append(orig).append('\t').append(origin).append("\toriginal\n");
            Map<String, Path> out = new LinkedHashMap<>();
            out.put("resize50", png(scale(img, img.getWidth() / 2, img.getHeight() / 2), dir.resolve("resize50.png")));
            out.put("jpeg30", jpeg(img, 0.30f, dir.resolve("jpeg30.jpg")));
            out.put("webp-png", ext.equals("webp") ? png(img, dir.resolve("webp-png.png"))
                    : ffmpeg(orig, dir.resolve("webp-png.webp")));
            int cw = Math.round(img.getWidth() * 0.95f);
            int ch = Math.round(img.getHeight() * 0.95f);
            out.put("crop5", png(img.getSubimage((img.getWidth() - cw) / 2, (img.getHeight() - ch) / 2, cw, ch),
                    dir.resolve("crop5.png")));
            out.put("bright+10", png(brightness(img, 1.10), dir.resolve("bright+10.png")));
            out.put("bright-10", png(brightness(img, 0.90), dir.resolve("bright-10.png")));
            for (Map.Entry<String, Path> e : out.entrySet()) {
                tsv.append(e.getValue()).append('\t').append(origin).append('\t').append(e.getKey()).append('\n');
            }
            origin++;
        }
        Files.writeString(work.resolve("files.tsv"), tsv);
        System.err.println(origin + " originals, " + origin * (TRANSFORMS.length + 1) + " files in " + work);
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
            items.add(new Item(p, Integer.parseInt(f[1]), f[2], ImageHashes.of(p, FormatSniffer.sniff(p)).phash()));
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
        System.out.println("pHash (this project), " + count(items, "original") + " originals, " + items.size()
                + " files");
        System.out.println();
        System.out.print("| threshold |");
        for (String t : TRANSFORMS) {
            System.out.print(" " + t + " P / R |");
        }
        System.out.println(" all pairs P / R |");
        System.out.println("|---|" + "---|".repeat(TRANSFORMS.length + 1));
        for (int threshold = 0; threshold <= 20; threshold++) {
            int th = threshold;
            System.out.print("| " + threshold + " |");
            for (String t : TRANSFORMS) {
                System.out.print(" " + cell(items, t, (a, b) -> Long.bitCount(a.phash() ^ b.phash()) <= th) + " |");
            }
            System.out.println(" " + cell(items, null, (a, b) -> Long.bitCount(a.phash() ^ b.phash()) <= th) + " |");
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

    static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static BufferedImage brightness(BufferedImage img, double factor) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (int) Math.min(255, Math.round(((p >> 16) & 0xFF) * factor));
                int gr = (int) Math.min(255, Math.round(((p >> 8) & 0xFF) * factor));
                int b = (int) Math.min(255, Math.round((p & 0xFF) * factor));
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    static Path png(BufferedImage img, Path to) throws IOException {
        ImageIO.write(img, "png", to.toFile());
        return to;
    }

    static Path jpeg(BufferedImage img, float quality, Path to) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        Files.deleteIfExists(to);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(to.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return to;
    }

    static Path ffmpeg(Path from, Path to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", from.toString(), to.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed on " + from);
        }
        return to;
    }
}
