package io.alicemultiverse.library;

import io.alicemultiverse.metadata.Inspection;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * What reading one file found: its content hash, metadata, creation date and perceptual hashes, or why it could
 * not be read ({@code error} set, the rest may be null). Immutable.
 */
public record Analysis(Path file, long bytes, long mtime, String contentHash, Inspection inspection,
                       LocalDateTime createdAt, Long dhash, Long phash, String error) {

    public boolean ok() {
        return error == null;
    }
}
