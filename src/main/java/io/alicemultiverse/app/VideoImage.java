package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * The start image of a video request, from what the user named: an http(s) URL (sent as is), a library asset by
 * content hash or a file (sent inline as a {@code data:} URL, which fal, Runway, Replicate, Luma and MiniMax accept),
 * with the content hash kept so the clip links back to the image. Stateless.
 *
 * @param url  what goes to the provider
 * @param hash the image's content hash, null for a remote URL
 */
public record VideoImage(String url, String hash) {
    /** Inline images above this size are refused (Runway's documented data-URI limit is 5 MB). */
    static final long MAX_INLINE = 5L << 20;

    static VideoImage resolve(String fileHashOrUrl, Path root, Catalog catalog) throws IOException {
        if (fileHashOrUrl == null) {
            return null;
        }
        String s = fileHashOrUrl.strip();
        if (s.startsWith("https://") || s.startsWith("http://")) {
            return new VideoImage(s, null);
        }
        Path file = Path.of(s);
        if (!Files.isRegularFile(file) && ContentHash.looksLikeHash(s.toLowerCase(Locale.ROOT))) {
            String rel = catalog.assetPaths().get(s.toLowerCase(Locale.ROOT));
            if (rel == null) {
                throw new IllegalArgumentException("no asset with content hash " + s + " in the library");
            }
            file = root.resolve(rel);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--image " + s + ": no such file, asset hash or URL");
        }
        long size = Files.size(file);
        if (size > MAX_INLINE) {
            throw new IllegalArgumentException("--image " + file + " is " + size + " bytes; inline images may be at "
                    + "most " + MAX_INLINE + " (give an https URL instead)");
        }
        MediaFormat format = FormatSniffer.sniff(file);
        if (!format.isImage()) {
            throw new IllegalArgumentException("--image " + file + " is not an image (" + format.id() + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        String mime = "image/" + (format.id().equals("jpeg") ? "jpeg" : format.id());
        return new VideoImage("data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes),
                ContentHash.of(bytes));
    }
}
