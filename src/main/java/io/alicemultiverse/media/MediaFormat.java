package io.alicemultiverse.media;

import java.util.Locale;

/**
 * A container format recognised from a file's first bytes. Immutable.
 */
public enum MediaFormat {
    PNG(MediaType.IMAGE), JPEG(MediaType.IMAGE), WEBP(MediaType.IMAGE), GIF(MediaType.IMAGE),
    AVIF(MediaType.IMAGE), HEIC(MediaType.IMAGE), BMP(MediaType.IMAGE), TIFF(MediaType.IMAGE),
    JXL(MediaType.IMAGE),
    MP4(MediaType.VIDEO), MOV(MediaType.VIDEO), WEBM(MediaType.VIDEO), MKV(MediaType.VIDEO), AVI(MediaType.VIDEO),
    UNKNOWN(MediaType.OTHER);

    /** What kind of media a format holds. */
    public enum MediaType { IMAGE, VIDEO, OTHER }

    private final MediaType type;

    MediaFormat(MediaType type) {
        this.type = type;
    }

    public MediaType type() {
        return type;
    }

    /** The lower-case name used in output and in the catalog, e.g. {@code png}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isVideo() {
        return type == MediaType.VIDEO;
    }

    public boolean isImage() {
        return type == MediaType.IMAGE;
    }
}
