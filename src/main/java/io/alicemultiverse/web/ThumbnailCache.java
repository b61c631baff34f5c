package io.alicemultiverse.web;

import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.PreviewImages;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Gallery thumbnails, generated once per content hash and kept under {@code <library>/.alice/thumbs/}. A thumbnail
 * belongs to content, not to a path, so it never goes stale. Thread-safe (concurrent misses just both write the
 * same bytes through an atomic rename).
 */
final class ThumbnailCache {
    static final int SIZE = 384;
    private final Path dir;

    ThumbnailCache(Path library) {
        this.dir = library.resolve(".alice").resolve("thumbs");
    }

    /** The cached file, if present. */
    Path cached(String contentHash) {
        Path p = dir.resolve(contentHash.substring(0, 2)).resolve(contentHash + ".jpg");
        return Files.isRegularFile(p) ? p : null;
    }

    /** Makes (or finds) the thumbnail of {@code file}, whose content hash is {@code contentHash}. */
    Path get(String contentHash, Path file) throws IOException {
        Path p = dir.resolve(contentHash.substring(0, 2)).resolve(contentHash + ".jpg");
        if (Files.isRegularFile(p)) {
            return p;
        }
        byte[] jpeg = PreviewImages.jpeg(file, FormatSniffer.sniff(file), SIZE);
        Files.createDirectories(p.getParent());
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
