package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A temporary inbox and library for end-to-end tests, with helpers to write files and fingerprint trees. */
public final class TempLibrary {
    private final Path root;

    public TempLibrary(Path root) {
        this.root = root;
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path library() {
        return root.resolve("library");
    }

    /** Writes a file under the inbox ({@code relative} may include a project folder). */
    public Path inboxFile(String relative, byte[] content) throws IOException {
        Path p = inbox().resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    /** A small valid PNG whose A1111 parameters make its content unique per {@code seed}. */
    public static byte[] png(int seed) {
        return PngBuilder.rgb(8, 8).text("parameters",
                "a red fox " + seed + ", snow\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, Seed: " + seed
                        + ", Model: fox_v1").build();
    }

    /** A small PNG with A1111 parameters carrying {@code prompt}, {@code model} and {@code seed}. */
    public static byte[] png(String prompt, String model, int seed) {
        return PngBuilder.rgb(8, 8).text("parameters", prompt + "\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, Seed: "
                + seed + ", Model: " + model).build();
    }

    /** Relative path → SHA-256 of every regular file under {@code dir}, skipping the {@code .alice} folder. */
    public static Map<String, String> fingerprint(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(".alice")) {
                    out.put(rel, sha256(p));
                }
            }
        }
        return out;
    }

    public static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
