package io.alicemultiverse.metadata;

import io.alicemultiverse.media.ImageIoReaders;
import io.alicemultiverse.media.PngScanlines;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    private static final int SIGNATURE_BITS = StealthProbe.SIGNATURE_BITS;
    /**
     * Rows the streaming probe reads while a signature is still possible before handing over to the one full decode
     * (libdeflate, about twice as fast as the streaming zlib): a file with stealth data is then inflated once, not
     * its first 152 rows twice. No image without a signature survives 16 rows of matching bits except by a 1 in
     * 65,536 chance, and the decode then stops at the first bit that does not match.
     */
    private static final int STREAMED_ROWS = 16;

    private StealthReader() {
    }

    static void read(Path file, RawMetadata.Builder out) {
        read(file, null, out);
    }

    /** {@link #read(Path, RawMetadata.Builder)} from the file's bytes when {@code content} is not null. */
    static void read(Path file, ByteBuffer content, RawMetadata.Builder out) {
        Integer w = out.width();
        Integer h = out.height();
        if (w == null || h == null) {
            return;
        }
        if ((long) w * h > Limits.MAX_STEALTH_PIXELS) {
            out.problem("stealth check skipped: " + w + "x" + h + " is too large to decode");
            return;
        }
        StealthProbe probe = new StealthProbe(STREAMED_ROWS);
        if (!probe(probe, file, content, out)) {
            return;
        }
        Planes planes;
        try {
            planes = Planes.of(file, content, probe);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // reported as before the single pass: only when column 0 holds a signature, which a full probe decides
            // if the decode failed before it could
            if (probe.undecided() || probe.rows() >= StealthProbe.PROBE_ROWS
                    || probe(new StealthProbe(StealthProbe.PROBE_ROWS), file, content, out)) {
                out.problem("stealth check: pixels cannot be decoded (" + e.getClass().getSimpleName() + ")");
            }
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
        return new StealthProbe(StealthProbe.PROBE_ROWS).run(file);
    }

    /** Runs {@code probe}; a file it cannot read gets a problem and false. */
    private static boolean probe(StealthProbe probe, Path file, ByteBuffer content, RawMetadata.Builder out) {
        try {
            return probe.run(file, content);
        } catch (IOException | RuntimeException e) {
            out.problem("stealth check: pixels cannot be decoded (" + MetadataReader.describe(e) + ")");
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
        static Planes of(Path file, ByteBuffer content, StealthProbe probe) throws IOException {
            PlaneSink sink = new PlaneSink(probe);
            int rows = content == null ? PngScanlines.readAll(file, sink) : PngScanlines.readAll(content, sink);
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
            private final StealthProbe probe;
            /** Rows kept until column 0 is settled (the probe decided by the streamed rows is not). */
            private byte[][] early;
            private int width;
            private int height;
            private int ct;
            private int step;
            private int sampleBytes;
            private int colours;
            private int alphaColumns;
            private int rgbColumns;

            PlaneSink(StealthProbe probe) {
                this.probe = probe;
            }

            @Override
            public void header(PngScanlines.Header h) {
                int ct = h.colorType();
                if ((ct != 2 && ct != 4 && ct != 6) || h.bitDepth() < 8) {
                    return; // grey and palette images hold no stealth channels (as ImageIO presents them)
                }
                width = h.width();
                height = h.height();
                sampleBytes = h.bitDepth() / 8;
                step = h.channels() * sampleBytes;
                colours = ct == 4 ? 1 : 3;
                this.ct = ct;
                if (probe.undecided() || probe.rows() >= StealthProbe.PROBE_ROWS) {
                    settle();
                } else {
                    early = new byte[StealthProbe.PROBE_ROWS][];
                }
            }

            /** Column 0 is known: the planes and columns to collect. */
            private void settle() {
                StealthProbe.Needs needs = probe.needs(width, height);
                boolean alpha = ct != 2 && needs.alphaColumns() > 0;
                boolean rgb = ct != 4 && needs.rgbColumns() > 0;
                planes = new Planes((long) width * height, alpha, rgb);
                alphaColumns = alpha ? needs.alphaColumns() : 0;
                rgbColumns = rgb ? needs.rgbColumns() : 0;
            }

            @Override
            public boolean row(byte[] scanline, int y) {
                if (early != null) {
                    if (y >= probe.rows()) {
                        probe.collect(scanline, y);
                    }
                    early[y] = scanline.clone();
                    if (!probe.alive() || (probe.rows() == StealthProbe.PROBE_ROWS && !probe.matches())) {
                        return false; // no signature: as if the probe had said so (no planes)
                    }
                    if (probe.rows() < StealthProbe.PROBE_ROWS) {
                        return true;
                    }
                    settle();
                    for (int r = 0; r <= y; r++) {
                        fill(early[r], r);
                    }
                    early = null;
                    return true;
                }
                if (planes == null) {
                    return false;
                }
                fill(scanline, y);
                return true;
            }

            private void fill(byte[] scanline, int y) {
                int rowWidth = (scanline.length - 1) / step;
                // only the leading columns extract() will read (all of them when the probe could not tell)
                for (int x = 0, i = 1, end = Math.min(rowWidth, alphaColumns); x < end; x++, i += step) {
                    if ((scanline[i + colours * sampleBytes] & 1) != 0) {
                        planes.alpha.set(x * height + y);
                    }
                }
                for (int x = 0, i = 1, end = Math.min(rowWidth, rgbColumns); x < end; x++, i += step) {
                    int p = x * height + y;
                    for (int c = 0; c < 3; c++) {
                        if ((scanline[i + c * sampleBytes] & 1) != 0) {
                            planes.rgb.set(3 * p + c);
                        }
                    }
                }
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
