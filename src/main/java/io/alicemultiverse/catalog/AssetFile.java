package io.alicemultiverse.catalog;

/** Where an asset lives and what its file looked like when catalogued. {@code path} is library-relative. */
public record AssetFile(String contentHash, String path, long bytes, long mtime, String project, String source) {
}
