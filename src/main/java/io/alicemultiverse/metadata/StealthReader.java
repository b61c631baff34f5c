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
        ColumnProbe probe = new ColumnProbe();
        try {
            if (!probe.run(file)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            out.problem("stealth check: pixels cannot be decoded (" + MetadataReader.describe(e) + ")");
            return;
        }
        Planes planes;
        try {
            planes = Planes.of(file, probe);
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
        return new ColumnProbe().run(file);
    }

    /**
     * Which planes, and how many of their leading columns, the full decode must collect: a whole plane is
     * {@code Integer.MAX_VALUE} columns, a plane not needed 0.
     */
    record Needs(int alphaColumns, int rgbColumns) {
        static final Needs ALL = new Needs(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Collects column 0's channel values of the first {@code PROBE_ROWS} rows of an 8-bit RGB(A)/grey-alpha PNG,
     * and stops as soon as neither plane's bits so far can start a signature (for most images within the first
     * 8 rows, so that a PNG without stealth data costs the inflate of a few rows).
     */
    private static final class ColumnProbe implements PngScanlines.Sink {
        private static final int PROBE_ROWS = SIGNATURE_BITS + 32;
        private static final byte[] ALPHA_PREFIX = "stealth_png".getBytes(StandardCharsets.ISO_8859_1);
        private static final byte[] RGB_PREFIX = "stealth_rgb".getBytes(StandardCharsets.ISO_8859_1);
        private boolean undecided;
        private int channels;
        private int colorType;
        private int[][] pixels;
        private int got;
        private boolean alphaAlive;
        private boolean rgbAlive;

        /** Whether the file may hold stealth data (true when the probe cannot decide, see {@link #mayHoldStealth}). */
        boolean run(Path file) throws IOException {
            int rows = PngScanlines.read(file, this);
            if (rows < 0) {
                undecided = true;
            }
            return undecided || matches();
        }

        @Override
        public void header(PngScanlines.Header h) {
            colorType = h.colorType();
            channels = h.channels();
            if (h.bitDepth() != 8 || h.height() < PROBE_ROWS || (colorType != 2 && colorType != 4 && colorType != 6)) {
                undecided = true;
                return;
            }
            pixels = new int[PROBE_ROWS][channels];
            alphaAlive = colorType == 4 || colorType == 6;
            rgbAlive = colorType == 2 || colorType == 6;
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
            // a bit that differs from the signature prefix settles that plane: matches() would say no for it
            if (alphaAlive && y < ALPHA_PREFIX.length * 8 && (pixels[y][channels - 1] & 1) != bit(ALPHA_PREFIX, y)) {
                alphaAlive = false;
            }
            for (int c = 0; rgbAlive && c < 3 && 3 * y + c < RGB_PREFIX.length * 8; c++) {
                if ((pixels[y][c] & 1) != bit(RGB_PREFIX, 3 * y + c)) {
                    rgbAlive = false;
                }
            }
            return (alphaAlive || rgbAlive) && got < PROBE_ROWS;
        }

        private static int bit(byte[] bytes, int i) {
            return (bytes[i / 8] >> (7 - i % 8)) & 1;
        }

        boolean matches() {
            if (got < PROBE_ROWS) {
                return false;
            }
            if (colorType == 4 || colorType == 6) {
                if (alphaHeader().signature.startsWith("stealth_png")) {
                    return true;
                }
            }
            if (colorType == 2 || colorType == 6) {
                return rgbHeader().signature.startsWith("stealth_rgb");
            }
            return false;
        }

        /** The signature and payload length in bits of the alpha plane: its first 152 bits, down column 0. */
        private PlaneHeader alphaHeader() {
            return header(i -> pixels[i][channels - 1] & 1);
        }

        /** The same for the R, G, B plane: 3 bits a pixel, down column 0. */
        private PlaneHeader rgbHeader() {
            return header(i -> pixels[i / 3][i % 3] & 1);
        }

        private static PlaneHeader header(java.util.function.IntUnaryOperator bitAt) {
            byte[] sig = new byte[15];
            for (int i = 0; i < SIGNATURE_BITS; i++) {
                sig[i / 8] |= (byte) (bitAt.applyAsInt(i) << (7 - i % 8));
            }
            long length = 0;
            for (int i = SIGNATURE_BITS; i < PROBE_ROWS; i++) {
                length = (length << 1) | bitAt.applyAsInt(i);
            }
            return new PlaneHeader(new String(sig, StandardCharsets.ISO_8859_1), length);
        }

        /**
         * What {@link #extract} will read, known from column 0 once the probe matched: the alpha plane alone when
         * it holds a stealth signature (extract stops there), else the RGB plane alone; of it, only the columns
         * that the signature, the length and the payload occupy. Everything when the probe could not decide.
         */
        Needs needs(int width, int height) {
            if (undecided) {
                return Needs.ALL;
            }
            if (colorType == 4 || colorType == 6) {
                PlaneHeader a = alphaHeader();
                if (a.signature.equals("stealth_pnginfo") || a.signature.equals("stealth_pngcomp")) {
                    return new Needs(columns(a.bitsRead((long) width * height), 1, height), 0);
                }
            }
            if (colorType == 2 || colorType == 6) {
                return new Needs(0, columns(rgbHeader().bitsRead((long) width * height * 3), 3, height));
            }
            return new Needs(0, 0);
        }

        /** Columns holding the first {@code bits} bits of a plane with {@code perPixel} bits a pixel. */
        private static int columns(long bits, int perPixel, int height) {
            long pixelsNeeded = (bits + perPixel - 1) / perPixel;
            return (int) Math.min(Integer.MAX_VALUE, (pixelsNeeded + height - 1) / height);
        }
    }

    /** A plane's signature and declared payload length in bits (an unsigned 32-bit field). */
    private record PlaneHeader(String signature, long lengthBits) {
        /** How many bits {@link #extract} reads from a plane of {@code capacity} bits with this header. */
        long bitsRead(long capacity) {
            long start = SIGNATURE_BITS + 32;
            if (lengthBits <= 0 || lengthBits > capacity - start || lengthBits / 8 > Limits.MAX_TEXT_BYTES) {
                return start;
            }
            return start + lengthBits / 8 * 8;
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
        static Planes of(Path file, ColumnProbe probe) throws IOException {
            PlaneSink sink = new PlaneSink(probe);
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
            private final ColumnProbe probe;
            private int height;
            private int step;
            private int sampleBytes;
            private int colours;
            private int alphaColumns;
            private int rgbColumns;

            PlaneSink(ColumnProbe probe) {
                this.probe = probe;
            }

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
                Needs needs = probe.needs(h.width(), h.height());
                boolean alpha = ct != 2 && needs.alphaColumns() > 0;
                boolean rgb = ct != 4 && needs.rgbColumns() > 0;
                planes = new Planes((long) h.width() * h.height(), alpha, rgb);
                alphaColumns = alpha ? needs.alphaColumns() : 0;
                rgbColumns = rgb ? needs.rgbColumns() : 0;
            }

            @Override
            public boolean row(byte[] scanline, int y) {
                if (planes == null) {
                    return false;
                }
                int width = (scanline.length - 1) / step;
                // only the leading columns extract() will read (all of them when the probe could not tell)
                for (int x = 0, i = 1, end = Math.min(width, alphaColumns); x < end; x++, i += step) {
                    if ((scanline[i + colours * sampleBytes] & 1) != 0) {
                        planes.alpha.set(x * height + y);
                    }
                }
                for (int x = 0, i = 1, end = Math.min(width, rgbColumns); x < end; x++, i += step) {
                    int p = x * height + y;
                    for (int c = 0; c < 3; c++) {
                        if ((scanline[i + c * sampleBytes] & 1) != 0) {
                            planes.rgb.set(3 * p + c);
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
