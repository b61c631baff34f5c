package io.alicemultiverse.metadata;

import io.alicemultiverse.media.PngScanlines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads column 0 of a PNG's first {@value #PROBE_ROWS} rows, where a stealth signature and payload length sit (152
 * alpha bits, or 51 pixels of R, G, B bits), for an 8-bit RGB(A)/grey-alpha image; it stops as soon as neither
 * plane's bits so far can start a signature (for most images within the first 8 rows, so a PNG without stealth
 * data costs the inflate of a few rows). Streamed through {@link #run}, it stops early at {@code stopAfter} rows
 * while a signature is still possible, and {@link StealthReader}'s single decode goes on feeding it rows through
 * {@link #collect}. Not thread-safe; one per file.
 */
final class StealthProbe implements PngScanlines.Sink {
    static final int SIGNATURE_BITS = 15 * 8;
    static final int PROBE_ROWS = SIGNATURE_BITS + 32;
    private static final byte[] ALPHA_PREFIX = "stealth_png".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] RGB_PREFIX = "stealth_rgb".getBytes(StandardCharsets.ISO_8859_1);
    /**
     * Which planes, and how many of their leading columns, the full decode must collect: a whole plane is
     * {@code Integer.MAX_VALUE} columns, a plane not needed 0.
     */
    record Needs(int alphaColumns, int rgbColumns) {
        static final Needs ALL = new Needs(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private final int stopAfter;
    private boolean undecided;
    private int channels;
    private int colorType;
    private int[][] pixels;
    private int got;
    private boolean alphaAlive;
    private boolean rgbAlive;

    /** A probe that streams at most {@code stopAfter} rows while a signature is still possible. */
    StealthProbe(int stopAfter) {
        this.stopAfter = Math.min(stopAfter, PROBE_ROWS);
    }

    /**
     * Streams the file's first rows: whether it may hold stealth data. True when the probe cannot decide (a short
     * image, 16-bit or palette pixels, interlaced), when column 0 matched a signature prefix, and when it stopped at
     * {@code stopAfter} rows with a signature still possible.
     */
    boolean run(Path file) throws IOException {
        return run(file, null);
    }

    /** {@link #run(Path)} from the file's bytes when {@code content} is not null. */
    boolean run(Path file, java.nio.ByteBuffer content) throws IOException {
        int rows = content == null ? PngScanlines.read(file, this) : PngScanlines.read(content, this);
        if (rows < 0) {
            undecided = true;
        }
        return undecided || (alive() && got >= stopAfter && got < PROBE_ROWS) || matches();
    }

    /** Whether the probe could not read column 0 (the full decode must look at every pixel). */
    boolean undecided() {
        return undecided;
    }

    /** Rows of column 0 seen so far. */
    int rows() {
        return got;
    }

    /** Whether some plane's bits so far still start its signature. */
    boolean alive() {
        return alphaAlive || rgbAlive;
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
        return collect(scanline, y) && got < stopAfter;
    }

    /**
     * Records row {@code y} (rows come in order from the one after {@link #rows()}); false once column 0 is settled:
     * no signature possible, or all {@value #PROBE_ROWS} rows seen.
     */
    boolean collect(byte[] scanline, int y) {
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
        return alive() && got < PROBE_ROWS;
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
     * What {@link StealthReader} extracts, known from column 0 once the probe matched: the alpha plane alone when
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


    /** A plane's signature and declared payload length in bits (an unsigned 32-bit field). */
    private record PlaneHeader(String signature, long lengthBits) {
        /** How many bits {@link StealthReader} reads from a plane of {@code capacity} bits with this header. */
        long bitsRead(long capacity) {
            long start = SIGNATURE_BITS + 32;
            if (lengthBits <= 0 || lengthBits > capacity - start || lengthBits / 8 > Limits.MAX_TEXT_BYTES) {
                return start;
            }
            return start + lengthBits / 8 * 8;
        }
    }
}
