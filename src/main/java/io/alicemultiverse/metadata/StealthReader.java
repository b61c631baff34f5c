package io.alicemultiverse.metadata;

import io.alicemultiverse.media.PngScanlines;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Stealth PNGinfo: A1111 metadata hidden in the least significant bits of the alpha channel (1 bit a pixel) or of
 * R, G, B (3 bits a pixel), read column by column (down each column, then the next), most significant bit first:
 * a 15-byte signature ({@code stealth_pnginfo}, {@code stealth_pngcomp}, {@code stealth_rgbinfo},
 * {@code stealth_rgbcomp}), a 32-bit big-endian payload length in bits, then the payload (gzip for {@code comp}).
 * The only reader that decodes pixels; callers run it only on PNGs with alpha or no other metadata. Stateless.
 */
final class StealthReader {
    private static final int SIGNATURE_BITS = 15 * 8;

    private StealthReader() {
    }

    static void read(Path file, RawMetadata.Builder out) {
        Integer w = out.width();
        Integer h = out.height();
        if (w == null || h == null) {
            return;
        }
        if ((long) w * h > Limits.MAX_STEALTH_PIXELS) {
            out.problem("stealth check skipped: " + w + "x" + h + " is too large to decode");
            return;
        }
        try {
            if (!mayHoldStealth(file)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            out.problem("stealth check: pixels cannot be decoded (" + MetadataReader.describe(e) + ")");
            return;
        }
        BufferedImage image;
        try {
            image = decode(file);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            out.problem("stealth check: pixels cannot be decoded (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (image == null) {
            return;
        }
        Raster alpha = image.getAlphaRaster();
        if (alpha != null && extract(new BitStream(image.getRaster(), true), "stealth_png", out)) {
            return;
        }
        extract(new BitStream(image.getRaster(), false), "stealth_rgb", out);
    }

    /**
     * Whether the first rows of column 0 start with a stealth signature, read by streaming only those rows (the
     * signature and length are the first 152 bits: 152 alpha or 51 RGB pixels down column 0). Most PNGs with an
     * alpha channel carry no stealth data, and this saves decoding all of their pixels. True when the probe cannot
     * decide (a short image, 16-bit or palette pixels): the full decode then looks.
     */
    static boolean mayHoldStealth(Path file) throws IOException {
        ColumnProbe probe = new ColumnProbe();
        int rows = PngScanlines.read(file, probe);
        if (rows < 0 || probe.undecided) {
            return true;
        }
        return probe.matches();
    }

    /** Collects column 0's channel values of the first {@code PROBE_ROWS} rows of an 8-bit RGB(A)/grey-alpha PNG. */
    private static final class ColumnProbe implements PngScanlines.Sink {
        private static final int PROBE_ROWS = SIGNATURE_BITS + 32;
        private boolean undecided;
        private int channels;
        private int colorType;
        private int[][] pixels;
        private int got;

        @Override
        public void header(PngScanlines.Header h) {
            colorType = h.colorType();
            channels = h.channels();
            if (h.bitDepth() != 8 || h.height() < PROBE_ROWS || (colorType != 2 && colorType != 4 && colorType != 6)) {
                undecided = true;
                return;
            }
            pixels = new int[PROBE_ROWS][channels];
        }

        @Override
        public boolean row(byte[] scanline, int y) {
            if (undecided) {
                return false;
            }
            for (int c = 0; c < channels; c++) {
                pixels[y][c] = scanline[1 + c] & 0xFF;
            }
            got = y + 1;
            return got < PROBE_ROWS;
        }

        boolean matches() {
            if (got < PROBE_ROWS) {
                return false;
            }
            if (colorType == 4 || colorType == 6) {
                byte[] sig = new byte[15];
                for (int i = 0; i < SIGNATURE_BITS; i++) {
                    sig[i / 8] |= (byte) ((pixels[i][channels - 1] & 1) << (7 - i % 8));
                }
                if (new String(sig, StandardCharsets.ISO_8859_1).startsWith("stealth_png")) {
                    return true;
                }
            }
            if (colorType == 2 || colorType == 6) {
                byte[] sig = new byte[15];
                for (int i = 0; i < SIGNATURE_BITS; i++) {
                    sig[i / 8] |= (byte) ((pixels[i / 3][i % 3] & 1) << (7 - i % 8));
                }
                return new String(sig, StandardCharsets.ISO_8859_1).startsWith("stealth_rgb");
            }
            return false;
        }
    }

    private static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean extract(BitStream bits, String prefix, RawMetadata.Builder out) {
        if (bits.capacity() < SIGNATURE_BITS + 32) {
            return false;
        }
        String signature = new String(bits.bytes(15), StandardCharsets.ISO_8859_1);
        if (!signature.equals(prefix + "info") && !signature.equals(prefix + "comp")) {
            return false;
        }
        long lengthBits = bits.bits(32);
        if (lengthBits <= 0 || lengthBits > bits.remaining() || lengthBits / 8 > Limits.MAX_TEXT_BYTES) {
            out.problem(signature + ": payload length " + lengthBits + " bits does not fit the image");
            return true;
        }
        byte[] payload = bits.bytes((int) (lengthBits / 8));
        if (signature.endsWith("comp")) {
            try {
                payload = TextDecoding.gunzip(payload, Limits.MAX_INFLATED_BYTES);
            } catch (IOException e) {
                out.problem(signature + ": payload is not valid gzip");
                return true;
            }
        }
        out.text(signature, TextDecoding.utf8OrLatin1(payload, 0, payload.length));
        return true;
    }

    /** The LSBs of one channel set, in column-major pixel order. */
    private static final class BitStream {
        private final Raster raster;
        private final boolean alpha;
        private final int width;
        private final int height;
        private final int bands;
        private final int shift;
        private final int perPixel;
        private long index;
        private final int[] pixel;

        BitStream(Raster raster, boolean alpha) {
            this.raster = raster;
            this.alpha = alpha;
            this.width = raster.getWidth();
            this.height = raster.getHeight();
            this.bands = raster.getNumBands();
            int sampleBits = raster.getSampleModel().getSampleSize(0);
            this.shift = Math.max(0, sampleBits - 8);
            this.perPixel = alpha ? 1 : Math.min(3, bands >= 3 ? 3 : 0);
            this.pixel = new int[bands];
        }

        long capacity() {
            return (long) width * height * perPixel;
        }

        long remaining() {
            return capacity() - index;
        }

        long bits(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | next();
            }
            return v;
        }

        byte[] bytes(int n) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(n);
            for (int i = 0; i < n; i++) {
                out.write((int) bits(8));
            }
            return out.toByteArray();
        }

        private int next() {
            long p = index / perPixel;
            int channel = (int) (index % perPixel);
            index++;
            int x = (int) (p / height);
            int y = (int) (p % height);
            if (x >= width) {
                return 0;
            }
            int band = alpha ? bands - 1 : channel;
            return (raster.getSample(x, y, band) >> shift) & 1;
        }
    }
}
