package io.alicemultiverse.testsupport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The crash loop's inbox: photo-like pictures in project folders and loose, with work for every file operation —
 * singletons, exact duplicates (the same pixels in other PNG bytes, no metadata of their own: {@code dedup --apply hardlink}
 * links them),
 * near duplicates (a PNG and its JPEG: {@code dedup --apply trash} trashes one), and byte-identical twins in two
 * folders (organize parks the second as a duplicate when moving). A second, smaller set ({@code late/}) is dropped
 * into the inbox while {@code organize --watch} runs. Deterministic for a seed; the manifest maps every file's
 * inbox-relative path (late files: where they will land) to its SHA-256.
 */
public final class CrashCorpus {
    /** Folder of the files that arrive while the watch runs, beside the inbox. */
    public static final String LATE = "late";

    private final Path inbox;
    private final Path late;
    private final Map<String, String> manifest;

    private CrashCorpus(Path inbox, Path late, Map<String, String> manifest) {
        this.inbox = inbox;
        this.late = late;
        this.manifest = manifest;
    }

    /** Writes {@code groups} groups (about 1.75 files each) plus a quarter as many late ones under {@code dir}. */
    public static CrashCorpus make(Path dir, long seed, int groups) throws IOException {
        Path inbox = dir.resolve("inbox");
        Path late = dir.resolve(LATE);
        Map<String, String> manifest = new TreeMap<>();
        for (int i = 0; i < groups; i++) {
            write(inbox, i, seed, "", manifest);
        }
        for (int i = 0; i < Math.max(2, groups / 4); i++) {
            write(late, groups + i, seed, "arrived/", manifest);
        }
        return new CrashCorpus(inbox, late, manifest);
    }

    private static void write(Path root, int i, long seed, String prefix, Map<String, String> manifest)
            throws IOException {
        BufferedImage img = Pictures.photo(seed * 100_003 + i, 96, 96, 6);
        byte[] png = png(img);
        if (i % 2 == 0) { // generation metadata on half of them, so sources and projects vary
            png = withText(png, "parameters", "a lighthouse at dusk, study " + i
                    + "\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, Seed: " + (seed + i) + ", Model: crash_v1");
        }
        String folder = prefix + (i % 5 == 0 ? "" : "project-" + (i % 3) + "/");
        String stem = folder + "pic-" + i;
        put(root, stem + ".png", png, i, manifest, prefix);
        switch (i % 4) {
            case 1 -> put(root, stem + "-copy.png", splitIdat(png), i, manifest, prefix);
            case 2 -> put(root, stem + ".jpg", jpeg(img), i, manifest, prefix);
            case 3 -> put(root, prefix + "twins/pic-" + i + ".png", png, i, manifest, prefix);
            default -> { }
        }
    }

    private static void put(Path root, String rel, byte[] bytes, int i, Map<String, String> manifest, String prefix)
            throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        // a fixed, distinct modification time: the layout's date falls back to it, and copies keep it
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + i * 3_600_000L));
        manifest.put(rel, TempLibrary.sha256(p));
    }

    /** A copy of this corpus at {@code dir} ({@code dir/inbox}, {@code dir/late}), times kept. */
    public CrashCorpus copyTo(Path dir) throws IOException {
        copyTree(inbox, dir.resolve("inbox"));
        copyTree(late, dir.resolve(LATE));
        return new CrashCorpus(dir.resolve("inbox"), dir.resolve(LATE), manifest);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Moves the late files into the inbox (one rename of their folder, as a download finishing would). */
    public void deliverLate() throws IOException {
        try (Stream<Path> s = Files.list(late)) {
            for (Path p : s.toList()) {
                Files.move(p, inbox.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    public Path inbox() {
        return inbox;
    }

    public Path late() {
        return late;
    }

    /** Inbox-relative path → SHA-256 of every input, late ones included. */
    public Map<String, String> manifest() {
        return manifest;
    }

    public static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same PNG with its (single) IDAT chunk cut in two: same pixels and metadata, other bytes — a copy that
     * {@code dedup --apply hardlink} links (one with a text chunk of its own it trashes instead).
     */
    public static byte[] splitIdat(byte[] png) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(png);
        int at = 8;
        while (true) {
            int length = in.getInt(at);
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                int half = length / 2;
                return PngBuilder.concat(java.util.Arrays.copyOfRange(png, 0, at),
                        PngBuilder.encode("IDAT", java.util.Arrays.copyOfRange(png, at + 8, at + 8 + half)),
                        PngBuilder.encode("IDAT", java.util.Arrays.copyOfRange(png, at + 8 + half, at + 8 + length)),
                        java.util.Arrays.copyOfRange(png, at + 12 + length, png.length));
            }
            at += 12 + length;
        }
    }

    /** The same PNG with a tEXt chunk before IEND: same pixels, other bytes. */
    public static byte[] withText(byte[] png, String key, String value) {
        byte[] chunk = PngBuilder.encode("tEXt", PngBuilder.concat(key.getBytes(StandardCharsets.ISO_8859_1),
                new byte[]{0}, value.getBytes(StandardCharsets.ISO_8859_1)));
        int iend = png.length - 12;
        byte[] out = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, out, 0, iend);
        System.arraycopy(chunk, 0, out, iend, chunk.length);
        System.arraycopy(png, iend, out, iend + chunk.length, 12);
        return out;
    }
}
