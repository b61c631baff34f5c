package io.alicemultiverse.library;

import io.alicemultiverse.metadata.Inspection;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * What reading one file found: its content hash, metadata, creation date and perceptual hashes, or why it could
 * not be read ({@code error} set, the rest may be null). Immutable, apart from {@code content}, which nobody changes.
 *
 * @param colour  a flat picture's mean colour ({@code hash.ImageHashes#colour}), else null
 * @param content the file's bytes when the caller gave room to keep them (else null): exactly the bytes
 *                {@code contentHash} was computed from, so a copy written from them needs no second hash; valid
 *                while their {@link ContentSlab} is not reset
 */
record Analysis(Path file, long bytes, long mtime, String contentHash, Inspection inspection,
                       LocalDateTime createdAt, Long dhash, Long phash, Long zhash, Integer colour, String error,
                       ContentSlab.Content content) {

    public boolean ok() {
        return error == null;
    }
}
