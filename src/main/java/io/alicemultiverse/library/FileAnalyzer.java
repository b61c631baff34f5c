package io.alicemultiverse.library;

import io.alicemultiverse.hash.PixelHasher;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.metadata.Inspection;
import io.alicemultiverse.metadata.Inspector;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;

/**
 * Reads one file for the library: SHA-256, generation metadata, creation date, perceptual hashes. Never throws;
 * a file that cannot be read gives an {@link Analysis} with {@code error}. Thread-safe.
 */
public final class FileAnalyzer {
    private final PixelHasher hasher;
    private final ZoneId zone;

    public FileAnalyzer(PixelHasher hasher, ZoneId zone) {
        this.hasher = hasher;
        this.zone = zone;
    }

    public Analysis analyze(Path file) {
        return analyze(file, null);
    }

    /**
     * Like {@link #analyze(Path)}; given {@code room}, the file is read into it once, hashed from there, and its
     * bytes are returned in {@link Analysis#content()} (unless the file no longer fits: then it is hashed from disk).
     */
    Analysis analyze(Path file, ContentSlab.Slice room) {
        long bytes = 0;
        long mtime = 0;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            bytes = attrs.size();
            mtime = attrs.lastModifiedTime().toMillis();
            if (bytes == 0) {
                return failed(file, bytes, mtime, "zero-byte file");
            }
            // read once: the metadata, the hash and the copy all come from the same bytes
            ContentSlab.Content content = room == null ? null : room.read(file);
            if (content != null) {
                bytes = content.length(); // what was read and hashed, even if the file changed since the stat
            }
            Inspection inspection = Inspector.inspect(file, file.toString(), content == null ? null : content.buffer());
            if (inspection.error() != null) {
                return failed(file, bytes, mtime, inspection.error());
            }
            String hash = content != null ? content.sha256() : ContentHash.of(file);
            long hashStart = System.nanoTime();
            ImageHashes ph = hasher.hash(file, inspection.format(),
                    content == null || hasher == PixelHasher.NONE ? null : content.toArray());
            OrganizeMetrics.hashed(java.time.Duration.ofNanos(System.nanoTime() - hashStart));
            return new Analysis(file, bytes, mtime, hash, inspection, CreationDate.of(inspection, mtime, zone),
                    ph == null ? null : ph.dhash(), ph == null ? null : ph.phash(), ph == null ? null : ph.zhash(),
                    ph == null ? null : ph.colour(), null, content);
        } catch (NoSuchFileException e) {
            return failed(file, bytes, mtime, "no such file");
        } catch (AccessDeniedException e) {
            return failed(file, bytes, mtime, "permission denied");
        } catch (IOException | RuntimeException e) {
            return failed(file, bytes, mtime, "cannot be read: " + e.getMessage());
        }
    }

    private static Analysis failed(Path file, long bytes, long mtime, String error) {
        return new Analysis(file, bytes, mtime, null, null, null, null, null, null, null, error, null);
    }
}
