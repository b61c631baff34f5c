package io.alicemultiverse.similar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a file carries besides its pixels, to tell whether replacing it by a hard link to a pixel-identical keeper
 * loses anything: a PNG's chunks other than those that encode the pixels (generation text, EXIF, XMP, ICC profile,
 * gamma, C2PA…), a JPEG's application and comment segments, and a WebP's, GIF's or TIFF's own
 * ({@link ContainerPieces}). Each piece is kept whole (its type and bytes). Stateless.
 */
final class CarriedMetadata {
    /** PNG chunks that hold the pixels themselves (compared by decoding instead). */
    private static final Set<String> PNG_PIXEL_CHUNKS = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private CarriedMetadata() {
    }

    /**
     * Whether every piece of metadata {@code member} carries is also, byte for byte, in {@code keeper}; false when
     * either cannot be read or is of a format whose metadata this class does not read.
     */
    static boolean keeperHoldsAll(Path member, Path keeper, String format) {
        try {
            List<String> lost = new ArrayList<>(pieces(Files.readAllBytes(member), format));
            for (String piece : pieces(Files.readAllBytes(keeper), format)) {
                lost.remove(piece);
            }
            return lost.isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The metadata pieces of a file, each as its type and hex bytes. */
    static List<String> pieces(byte[] b, String format) throws IOException {
        return switch (format) {
            case "png" -> png(b);
            case "jpeg" -> jpeg(b);
            case "webp" -> ContainerPieces.webp(b);
            case "gif" -> ContainerPieces.gif(b);
            case "tiff" -> ContainerPieces.tiff(b);
            default -> throw new IOException("metadata of " + format + " files is not compared");
        };
    }

    private static List<String> png(byte[] b) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] sig = new byte[8];
        in.get(sig);
        if (!java.util.Arrays.equals(sig, PNG_SIGNATURE)) {
            throw new IOException("not a PNG");
        }
        List<String> out = new ArrayList<>();
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            if (length < 0 || length > in.remaining() - 4) {
                throw new IOException("chunk runs past the end");
            }
            byte[] data = new byte[length];
            in.get(data);
            in.getInt(); // CRC
            String name = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!PNG_PIXEL_CHUNKS.contains(name)) {
                out.add(name + ":" + HexFormat.of().formatHex(data));
            }
            if (name.equals("IEND")) {
                return out;
            }
        }
        throw new IOException("no IEND");
    }

    /** APPn and COM segments up to the start of the scan; the entropy-coded data after it holds pixels only. */
    private static List<String> jpeg(byte[] b) throws IOException {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            throw new IOException("not a JPEG");
        }
        List<String> out = new ArrayList<>();
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new IOException("bad marker");
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return out;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > b.length) {
                throw new IOException("segment runs past the end");
            }
            if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                out.add(Integer.toHexString(marker) + ":"
                        + HexFormat.of().formatHex(b, i + 4, i + 2 + length));
            }
            i += 2 + length;
        }
        throw new IOException("no scan");
    }
}
