package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a non-interlaced PNG straight into a small {@link AreaGrid}, streaming: chunks are walked, IDAT data is fed
 * through one {@link Inflater} in 64 KB pieces, each scanline is unfiltered against the previous one, turned into
 * luminance and added to the grid. Only two scanlines and the grid live in memory.
 *
 * <p>Written by hand, not delegated to ImageIO, for speed: ImageIO builds the full-size raster (and a colour model
 * per pixel access) and takes about 5× the time of inflating the data, which is the floor for any PNG decoder; this
 * pass stays close to that floor. Every colour type and bit depth of the PNG specification is handled; Adam7
 * interlaced files return {@code null} so the caller can use ImageIO. CRCs are not checked (as ImageIO does not);
 * a colour-key tRNS for grey/RGB images is ignored (treated as opaque), a palette tRNS is applied. Not thread-safe;
 * one instance per file.
 */
final class PngGray {
    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int TRNS = 0x74524E53;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int PIECE = 64 * 1024;

    private final FileChannel ch;
    private final int size;
    private final ByteBuffer piece = ByteBuffer.allocate(PIECE);
    private long pos;

    private int width;
    private int height;
    private int bitDepth;
    private int colorType;
    private int bytesPerPixel;
    private byte[] plte;
    private byte[] trns;

    private Inflater inflater;
    private AreaGrid grid;
    private PngRows rows;
    private byte[] cur;
    private byte[] prev;
    private float[] lum;
    private int filled;
    private boolean stopped;

    private PngGray(FileChannel ch, int size) {
        this.ch = ch;
        this.size = size;
    }

    /**
     * The {@code size × size} grid of {@code file}, or {@code null} when it is interlaced.
     *
     * @throws IOException when the file cannot be read, is not a PNG, claims too many pixels, or holds fewer than
     *                     90% of its rows
     */
    static GrayImage decode(Path file, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            PngGray d = new PngGray(ch, size);
            try {
                return d.run();
            } finally {
                if (d.inflater != null) {
                    d.inflater.end();
                }
            }
        }
    }

    private GrayImage run() throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8);
        if (read(head, 0) < 8 || head.getLong(0) != SIGNATURE) {
            throw new IOException("not a PNG file");
        }
        pos = 8;
        boolean first = true;
        while (!stopped) {
            head.clear();
            if (read(head, pos) < 8) {
                break; // truncated or no IEND: judged by the rows decoded
            }
            long length = head.getInt(0) & 0xFFFFFFFFL;
            int type = head.getInt(4);
            long data = pos + 8;
            if (first && type != IHDR) {
                throw new IOException("PNG does not start with IHDR");
            }
            first = false;
            if (type == IHDR) {
                if (width == 0 && !header(small(data, length))) {
                    return null; // interlaced
                }
            } else if (type == PLTE && plte == null) {
                plte = small(data, Math.min(length, 768));
            } else if (type == TRNS && trns == null) {
                trns = small(data, Math.min(length, 256));
            } else if (type == IDAT) {
                idat(data, length);
            } else if (type == IEND) {
                break;
            }
            pos = data + length + 4;
        }
        return finish();
    }

    /** Reads IHDR; false when the image is interlaced. */
    private boolean header(byte[] d) throws IOException {
        if (d.length < 13) {
            throw new IOException("PNG IHDR too short");
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        long w = b.getInt(0) & 0xFFFFFFFFL;
        long h = b.getInt(4) & 0xFFFFFFFFL;
        bitDepth = d[8] & 0xFF;
        colorType = d[9] & 0xFF;
        int interlace = d[12] & 0xFF;
        int channels = PngRows.channels(colorType, bitDepth);
        if (channels == 0 || d[10] != 0 || d[11] != 0 || interlace > 1) {
            throw new IOException("PNG IHDR invalid: colour type " + colorType + ", bit depth " + bitDepth
                    + ", interlace " + interlace);
        }
        Limits.check("PNG", w, h);
        width = (int) w;
        height = (int) h;
        bytesPerPixel = Math.max(1, channels * bitDepth / 8);
        return interlace == 0;
    }

    private void idat(long data, long length) throws IOException {
        if (grid == null) {
            start();
        }
        long end = data + length;
        for (long p = data; p < end && !stopped; ) {
            piece.clear().limit((int) Math.min(PIECE, end - p));
            int n = read(piece, p);
            if (n <= 0) {
                stopped = true; // file ends inside IDAT
                return;
            }
            inflate(piece.array(), n);
            p += n;
        }
    }

    private void start() throws IOException {
        if (width == 0) {
            throw new IOException("PNG IDAT before IHDR");
        }
        if (colorType == 3 && plte == null) {
            throw new IOException("PNG palette image without PLTE");
        }
        int rowBytes = (int) (((long) width * PngRows.channels(colorType, bitDepth) * bitDepth + 7) / 8);
        cur = new byte[rowBytes + 1];
        prev = new byte[rowBytes + 1];
        lum = new float[width];
        rows = new PngRows(width, colorType, bitDepth, plte, trns);
        grid = new AreaGrid(width, height, size, size);
        inflater = new Inflater();
    }

    private void inflate(byte[] input, int n) {
        inflater.setInput(input, 0, n);
        while (grid.rowsAdded() < height) {
            int got;
            try {
                got = inflater.inflate(cur, filled, cur.length - filled);
            } catch (DataFormatException e) {
                stopped = true; // corrupt data ends the image like truncation does
                return;
            }
            if (got == 0) {
                if (inflater.finished() || inflater.needsDictionary()) {
                    stopped = true;
                }
                return;
            }
            filled += got;
            if (filled == cur.length) {
                filled = 0;
                if (!PngRows.unfilter(cur, prev, bytesPerPixel)) {
                    stopped = true;
                    return;
                }
                rows.toLuma(cur, lum);
                grid.addRow(lum);
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        }
        stopped = true; // every row decoded: the rest of the file is not needed
    }

    private GrayImage finish() throws IOException {
        if (grid == null) {
            throw new IOException(width == 0 ? "PNG without IHDR" : "PNG without image data");
        }
        int got = grid.rowsAdded();
        if ((long) got * 10 < (long) height * 9) {
            throw new IOException("truncated or corrupt PNG: " + got + " of " + height + " rows decoded");
        }
        return grid.result();
    }

    private byte[] small(long at, long length) throws IOException {
        if (length > 4096) {
            throw new IOException("PNG header chunk of " + length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        int n = read(b, at);
        if (n < length) {
            throw new IOException("truncated PNG header");
        }
        return b.array();
    }

    private int read(ByteBuffer b, long at) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
