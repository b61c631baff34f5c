package io.alicemultiverse.library;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The manifest of one trash run, {@code <library>/.alice/trash/<run>/manifest.json}: what was moved there, from
 * where, why, and the catalog facts a re-analysis of the file cannot give back (original path, project, the run
 * that organized it), so {@link Undo} restores the asset row as it was. Written (and fsynced) before the first
 * file moves. Stateless.
 */
public final class TrashManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One trashed file. Paths: {@code path} relative to the library, {@code trashedTo} absolute. */
    public record Item(String path, String contentHash, String trashedTo, String keeper, int group, String kind,
                       int distance, String originalPath, String project, String organizedBy) {
    }

    /** The whole manifest. */
    public record Manifest(String run, String action, String keepRule, List<Item> items) {
    }

    private TrashManifest() {
    }

    public static Path dir(Path library, String run) {
        return library.resolve(".alice").resolve("trash").resolve(run);
    }

    public static void write(Path library, Manifest manifest) throws IOException {
        Path dir = dir(library, manifest.run());
        io.alicemultiverse.media.Folders.create(dir);
        Path file = dir.resolve("manifest.json");
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        // written in place, 0600 from creation as all of .alice/: a temporary file beside it would be left in the
        // trash by a kill (the journal, not this file, is what recovery trusts; a torn manifest reads as none)
        java.util.Set<StandardOpenOption> options = java.util.Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        boolean posix = Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null;
        try (FileChannel ch = posix ? FileChannel.open(file, options, java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, options)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        io.alicemultiverse.catalog.PrivateFiles.restrict(file);
        SafeFiles.fsyncDirectory(dir);
    }

    /** The manifest of {@code run}, empty when it has none or it cannot be read. */
    public static Optional<Manifest> read(Path library, String run) {
        Path file = dir(library, run).resolve("manifest.json");
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), new TypeReference<>() {
            })) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The manifest entry of a file trashed to {@code trashedTo} (a path under {@code .alice/trash/<run>/}). Matched
     * by its path inside the library: the manifest's absolute {@code trashedTo} names the library where it was
     * written, which may since have moved or be mounted elsewhere on this machine.
     */
    static Optional<Item> item(Path library, String trashedTo) {
        Path rel = library.relativize(Path.of(trashedTo));
        if (rel.getNameCount() < 4 || !rel.getName(0).toString().equals(".alice")
                || !rel.getName(1).toString().equals("trash")) {
            return Optional.empty();
        }
        return read(library, rel.getName(2).toString()).flatMap(m -> m.items().stream()
                .filter(i -> i.trashedTo() != null && Path.of(i.trashedTo()).endsWith(rel)).findFirst());
    }
}
