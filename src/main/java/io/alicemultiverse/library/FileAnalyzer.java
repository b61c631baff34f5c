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
        return analyze(file, false);
    }

    /**
     * Like {@link #analyze(Path)}; with {@code keepContent} the file is read into memory once, hashed from there, and
     * its bytes are returned in {@link Analysis#content()} (for files that fit in an array).
     */
    public Analysis analyze(Path file, boolean keepContent) {
        long bytes = 0;
        long mtime = 0;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            bytes = attrs.size();
            mtime = attrs.lastModifiedTime().toMillis();
            if (bytes == 0) {
                return failed(file, bytes, mtime, "zero-byte file");
            }
            Inspection inspection = Inspector.inspect(file, file.toString());
            if (inspection.error() != null) {
                return failed(file, bytes, mtime, inspection.error());
            }
            byte[] content = keepContent && bytes < Integer.MAX_VALUE - 16 ? Files.readAllBytes(file) : null;
            if (content != null) {
                bytes = content.length; // what was read and hashed, even if the file changed since the stat
            }
            String hash = content != null ? ContentHash.of(content) : ContentHash.of(file);
            long hashStart = System.nanoTime();
            ImageHashes ph = hasher.hash(file, inspection.format(), content);
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
