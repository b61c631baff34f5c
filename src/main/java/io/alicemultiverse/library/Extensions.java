package io.alicemultiverse.library;

import io.alicemultiverse.media.MediaFiles;
import io.alicemultiverse.media.MediaFormat;

import java.nio.file.Path;

/** The extension a file gets in the library: its real format's, whatever the name said. */
final class Extensions {
    private Extensions() {
    }

    static String of(Path file, MediaFormat format) {
        return switch (format) {
            case JPEG -> ".jpg";
            case PNG -> ".png";
            case WEBP -> ".webp";
            case GIF -> ".gif";
            case AVIF -> ".avif";
            case HEIC -> ".heic";
            case BMP -> ".bmp";
            case TIFF -> ".tif";
            case JXL -> ".jxl";
            case MP4 -> ".mp4";
            case MOV -> ".mov";
            case WEBM -> ".webm";
            case MKV -> ".mkv";
            case AVI -> ".avi";
            default -> {
                String ext = MediaFiles.extension(file);
                yield ext.isEmpty() ? "" : "." + ext;
            }
        };
    }
}
