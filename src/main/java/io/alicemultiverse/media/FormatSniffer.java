package io.alicemultiverse.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names a file's container format from its magic bytes, never from its extension. Stateless and thread-safe.
 */
public final class FormatSniffer {
    /** How many leading bytes {@link #sniff(byte[], int)} needs to decide. */
    public static final int HEAD_LENGTH = 64;

    private FormatSniffer() {
    }

    /** Reads the first bytes of {@code file} and sniffs them. */
    public static MediaFormat sniff(Path file) throws IOException {
        byte[] head = new byte[HEAD_LENGTH];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return sniff(head, n);
    }

    /** Sniffs the first {@code length} bytes of {@code head}; {@link MediaFormat#UNKNOWN} when nothing matches. */
    public static MediaFormat sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return MediaFormat.PNG;
        }
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return MediaFormat.JPEG;
        }
        if (startsWith(head, length, 0, 'R', 'I', 'F', 'F')) {
            if (startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
                return MediaFormat.WEBP;
            }
            if (startsWith(head, length, 8, 'A', 'V', 'I', ' ')) {
                return MediaFormat.AVI;
            }
            return MediaFormat.UNKNOWN;
        }
        if (startsWith(head, length, 0, 'G', 'I', 'F', '8')) {
            return MediaFormat.GIF;
        }
        if (startsWith(head, length, 0, 'B', 'M')) {
            return MediaFormat.BMP;
        }
        if (startsWith(head, length, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, length, 0, 'M', 'M', 0x00, 0x2A)) {
            return MediaFormat.TIFF;
        }
        if (startsWith(head, length, 0, 0xFF, 0x0A)
                || startsWith(head, length, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return MediaFormat.JXL;
        }
        if (startsWith(head, length, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return isWebm(head, length) ? MediaFormat.WEBM : MediaFormat.MKV;
        }
        if (startsWith(head, length, 4, 'f', 't', 'y', 'p')) {
            return isoBrand(head, length);
        }
        if (startsWith(head, length, 4, 'm', 'o', 'o', 'v') || startsWith(head, length, 4, 'm', 'd', 'a', 't')
                || startsWith(head, length, 4, 'w', 'i', 'd', 'e')) {
            return MediaFormat.MOV;
        }
        return MediaFormat.UNKNOWN;
    }

    private static MediaFormat isoBrand(byte[] head, int length) {
        if (length < 12) {
            return MediaFormat.UNKNOWN;
        }
        String major = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        switch (major) {
            case "avif": case "avis":
                return MediaFormat.AVIF;
            case "heic": case "heix": case "heim": case "heis": case "hevc": case "hevx": case "mif1": case "msf1":
                return compatibleBrand(head, length, "avif") ? MediaFormat.AVIF : MediaFormat.HEIC;
            case "qt  ":
                return MediaFormat.MOV;
            default:
                return MediaFormat.MP4;
        }
    }

    private static boolean compatibleBrand(byte[] head, int length, String brand) {
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(boxSize, length);
        for (int i = 16; i + 4 <= end; i += 4) {
            if (new String(head, i, 4, StandardCharsets.ISO_8859_1).equals(brand)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWebm(byte[] head, int length) {
        byte[] webm = "webm".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + webm.length <= length; i++) {
            for (int j = 0; j < webm.length; j++) {
                if (head[i + j] != webm[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... magic) {
        if (length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
