package io.alicemultiverse.library;

import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.PreviewImages;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gallery thumbnails, generated once per content hash and kept under {@code <library>/.alice/thumbs/}. A thumbnail
 * belongs to content, not to a path, so it never goes stale; it goes when its content leaves the catalog (trashed,
 * deleted, undone), so a picture of a file the user removed is not kept. Thread-safe (concurrent misses just both
 * write the same bytes through an atomic rename).
 */
public final class ThumbnailCache {
    public static final int SIZE = 384;
    private final Path dir;

    public ThumbnailCache(Path library) {
        this.dir = library.resolve(".alice").resolve("thumbs");
    }

    private Path fileOf(String contentHash) {
        return dir.resolve(contentHash.substring(0, 2)).resolve(contentHash + ".jpg");
    }

    /** The cached file, if present. */
    public Path cached(String contentHash) {
        Path p = fileOf(contentHash);
        return Files.isRegularFile(p) ? p : null;
    }

    /** Removes the thumbnails of {@code contentHashes} (those that have one). */
    public void remove(Collection<String> contentHashes) throws IOException {
        for (String h : contentHashes) {
            if (h != null && h.length() >= 2) {
                Files.deleteIfExists(fileOf(h));
            }
        }
    }

    /** Removes every thumbnail whose content is not in {@code catalogued} (after an undo or a repair). */
    public void keepOnly(Set<String> catalogued) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            stale = files.filter(f -> f.getFileName().toString().endsWith(".jpg"))
                    .filter(f -> !catalogued.contains(f.getFileName().toString().replace(".jpg", ""))).toList();
        }
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
    }

    /** Makes (or finds) the thumbnail of {@code file}, whose content hash is {@code contentHash}. */
    public Path get(String contentHash, Path file) throws IOException {
        Path p = fileOf(contentHash);
        if (Files.isRegularFile(p)) {
            return p;
        }
        byte[] jpeg = PreviewImages.jpeg(file, FormatSniffer.sniff(file), SIZE);
        io.alicemultiverse.media.Folders.create(p.getParent());
        Path tmp = Files.createTempFile(p.getParent(), contentHash, ".tmp");
        try {
            Files.write(tmp, jpeg);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return p;
    }
}
