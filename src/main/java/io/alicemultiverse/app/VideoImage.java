package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The start image of a video request, from what the user named: an http(s) URL (sent as is), a library asset (content
 * hash, unique prefix or library path, as every command names assets) or a file (sent inline as a {@code data:} URL,
 * which fal, Runway, Replicate, Luma and MiniMax accept), with the content hash kept so the clip links back to the
 * image. Stateless.
 *
 * @param url  what goes to the provider
 * @param hash the image's content hash, null for a remote URL
 */
public record VideoImage(String url, String hash) {
    /** Inline images above this size are refused (Runway's documented data-URI limit is 5 MB). */
    static final long MAX_INLINE = 5L << 20;

    /**
     * The start image {@code ref} names: an http(s) URL; a file, when {@code files} allows (the CLI's, not a remote
     * client's); else a library asset by {@link AssetRefs}' one rule (content hash, unique prefix of 8+ hex digits,
     * library path).
     *
     * @throws IllegalArgumentException naming {@code ref} when it names nothing (or several assets), or the image
     *                                  cannot be sent
     */
    static VideoImage resolve(String ref, Path root, Catalog catalog, boolean files) throws IOException {
        if (ref == null) {
            return null;
        }
        String s = ref.strip();
        if (s.startsWith("https://") || s.startsWith("http://")) {
            return new VideoImage(s, null);
        }
        Path file = files ? asFile(s) : null;
        if (file == null || !Files.isRegularFile(file)) {
            java.util.Optional<String> hash = new AssetRefs(catalog, root).find(s); // ambiguous: throws, naming them
            if (hash.isEmpty()) {
                throw new IllegalArgumentException("start image '" + s + "': no such " + (files ? "file, " : "")
                        + "library asset (" + AssetRefs.FORMS + ") or https URL");
            }
            file = root.resolve(catalog.reads().pathOf(hash.get()).orElseThrow());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("start image '" + s + "': the library file " + file
                        + " is missing (see alice check)");
            }
        }
        long size = Files.size(file);
        if (size > MAX_INLINE) {
            throw new IllegalArgumentException("start image " + file + " is " + size + " bytes; inline images may be at "
                    + "most " + MAX_INLINE + " (give an https URL instead)");
        }
        MediaFormat format = FormatSniffer.sniff(file);
        if (!format.isImage()) {
            throw new IllegalArgumentException("start image " + file + " is not an image (" + format.id() + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        String mime = "image/" + (format.id().equals("jpeg") ? "jpeg" : format.id());
        return new VideoImage("data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes),
                ContentHash.of(bytes));
    }

    private static Path asFile(String s) {
        try {
            return Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
