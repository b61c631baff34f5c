package io.alicemultiverse.catalog;

/** What the catalog remembers of an inbox file it has handled: enough to skip it when unchanged. */
public record InboxFile(String path, long bytes, long mtime, String contentHash) {
}
