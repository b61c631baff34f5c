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

    /** The MIME type a browser needs to show or play the format ({@code application/octet-stream} when unknown). */
    public String contentType() {
        return switch (this) {
            case PNG -> "image/png";
            case JPEG -> "image/jpeg";
            case WEBP -> "image/webp";
            case GIF -> "image/gif";
            case AVIF -> "image/avif";
            case HEIC -> "image/heic";
            case BMP -> "image/bmp";
            case TIFF -> "image/tiff";
            case JXL -> "image/jxl";
            case MP4 -> "video/mp4";
            case MOV -> "video/quicktime";
            case WEBM -> "video/webm";
            case MKV -> "video/x-matroska";
            case AVI -> "video/x-msvideo";
            case UNKNOWN -> "application/octet-stream";
        };
    }

    /** The format whose {@link #id()} is {@code id} (any case), {@link #UNKNOWN} for null or anything else. */
    public static MediaFormat ofId(String id) {
        if (id == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public boolean isVideo() {
        return type == MediaType.VIDEO;
    }

    public boolean isImage() {
        return type == MediaType.IMAGE;
    }
}
