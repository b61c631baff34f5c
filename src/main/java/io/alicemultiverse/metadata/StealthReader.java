package io.alicemultiverse.metadata;

import io.alicemultiverse.media.ImageIoReaders;
import io.alicemultiverse.media.PngScanlines;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
        Planes planes;
        try {
            planes = Planes.of(file);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            out.problem("stealth check: pixels cannot be decoded (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (planes == null) {
            return;
        }
        if (planes.alpha != null && extract(new BitStream(planes.alpha, planes.pixels), "stealth_png", out)) {
            return;
        }
        if (planes.rgb != null) {
            extract(new BitStream(planes.rgb, planes.pixels * 3), "stealth_rgb", out);
        }
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

    /**
     * The least significant bits of alpha and of R, G, B in the order stealth data is written: pixel {@code (x, y)}
     * is number {@code x·height + y} (column by column). For 16-bit samples the bit is the high byte's lowest, as an
     * 8-bit-scaled reader sees it.
     */
    private static final class Planes {
        final long pixels;
        final java.util.BitSet alpha;
        final java.util.BitSet rgb;

        Planes(long pixels, boolean alpha, boolean rgb) {
            this.pixels = pixels;
            this.alpha = alpha ? new java.util.BitSet((int) pixels) : null;
            this.rgb = rgb ? new java.util.BitSet((int) pixels * 3) : null;
        }

        /** The planes of a PNG with alpha or colour, or null when it has neither (grey, palette). */
        static Planes of(Path file) throws IOException {
            PlaneSink sink = new PlaneSink();
            int rows = PngScanlines.readAll(file, sink);
            if (rows >= 0) {
                return sink.planes;
            }
            return fromRaster(file); // Adam7 interlaced: ImageIO decodes it whole
        }

        /**
         * Rows straight from the PNG decoder (libdeflate when installed), never a full-size image: what a stealth
         * check costs is then about an inflate. Samples a pixel and their width decide where each bit sits.
         */
        private static final class PlaneSink implements PngScanlines.Sink {
            Planes planes;
            private int height;
            private int step;
            private int sampleBytes;
            private int colours;

            @Override
            public void header(PngScanlines.Header h) {
                int ct = h.colorType();
                if ((ct != 2 && ct != 4 && ct != 6) || h.bitDepth() < 8) {
                    return; // grey and palette images hold no stealth channels (as ImageIO presents them)
                }
                height = h.height();
                sampleBytes = h.bitDepth() / 8;
                step = h.channels() * sampleBytes;
                colours = ct == 4 ? 1 : 3;
                planes = new Planes((long) h.width() * h.height(), ct != 2, ct != 4);
            }

            @Override
            public boolean row(byte[] scanline, int y) {
                if (planes == null) {
                    return false;
                }
                int width = (scanline.length - 1) / step;
                for (int x = 0, i = 1; x < width; x++, i += step) {
                    int p = x * height + y;
                    if (planes.alpha != null && (scanline[i + colours * sampleBytes] & 1) != 0) {
                        planes.alpha.set(p);
                    }
                    if (planes.rgb != null) {
                        for (int c = 0; c < 3; c++) {
                            if ((scanline[i + c * sampleBytes] & 1) != 0) {
                                planes.rgb.set(3 * p + c);
                            }
                        }
                    }
                }
                return true;
            }
        }

        private static Planes fromRaster(Path file) throws IOException {
            BufferedImage image = ImageIoReaders.withFirst(file, reader -> reader.read(0));
            if (image == null) {
                return null;
            }
            Raster raster = image.getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
            Planes planes = new Planes((long) w * h, image.getAlphaRaster() != null, bands >= 3);
            int[] px = new int[bands];
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    raster.getPixel(x, y, px);
                    int p = x * h + y;
                    if (planes.alpha != null && ((px[bands - 1] >> shift) & 1) != 0) {
                        planes.alpha.set(p);
                    }
                    for (int c = 0; planes.rgb != null && c < 3; c++) {
                        if (((px[c] >> shift) & 1) != 0) {
                            planes.rgb.set(3 * p + c);
                        }
                    }
                }
            }
            return planes;
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

    /** Bits read in order from a plane. */
    private static final class BitStream {
        private final java.util.BitSet plane;
        private final long capacity;
        private long index;

        BitStream(java.util.BitSet plane, long capacity) {
            this.plane = plane;
            this.capacity = capacity;
        }

        long capacity() {
            return capacity;
        }

        long remaining() {
            return capacity - index;
        }

        long bits(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | (index < capacity && plane.get((int) index) ? 1 : 0);
                index++;
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
    }
}
