package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a non-interlaced PNG straight into a small {@link AreaGrid}, streaming: the file is read ahead 64 KB at a
 * time, chunks are walked, IDAT data is fed through one {@link Inflater}, each scanline is unfiltered against the
 * previous one, turned into luminance and added to the grid. Only the read-ahead, two scanlines and the grid live in
 * memory, whatever the image size.
 *
 * <p>Written by hand, not delegated to ImageIO, because ImageIO builds the full-size raster (3 bytes a pixel for RGB,
 * so 300 MB at the 100-megapixel limit) and then needs a second full pass to reduce it. Inflating is the floor for any
 * PNG decoder; on a noisy, adaptively filtered 1024² RGB PNG this pass measured about 1.5× that floor and ImageIO's
 * decode alone about 1.9× (see {@code HashBenchmark}). Every colour type and bit depth of the PNG specification is
 * handled; Adam7 interlaced files return {@code null} so the caller can use ImageIO. CRCs are not checked (ImageIO does
 * not either); a colour-key tRNS for grey/RGB images is ignored (treated as opaque), a palette tRNS is applied. Not
 * thread-safe; one instance per file.
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
    /** Read-ahead over the file: chunk headers, small chunks and IDAT data all come from here, in file order. */
    private final ByteBuffer buffer = ByteBuffer.allocate(PIECE).limit(0);
    /** File offset of the byte after the buffered ones. */
    private long filePos;

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
        byte[] head = new byte[8];
        if (take(head, 8) < 8 || ByteBuffer.wrap(head).getLong() != SIGNATURE) {
            throw new IOException("not a PNG file");
        }
        boolean first = true;
        while (!stopped) {
            if (take(head, 8) < 8) {
                break; // truncated or no IEND: judged by the rows decoded
            }
            long length = ByteBuffer.wrap(head).getInt(0) & 0xFFFFFFFFL;
            int type = ByteBuffer.wrap(head).getInt(4);
            if (first && type != IHDR) {
                throw new IOException("PNG does not start with IHDR");
            }
            first = false;
            if (type == IHDR) {
                if (width == 0 && !header(small(length))) {
                    return null; // interlaced
                }
            } else if (type == PLTE && plte == null) {
                plte = small(length);
            } else if (type == TRNS && trns == null) {
                trns = small(length);
            } else if (type == IDAT) {
                idat(length);
            } else if (type == IEND) {
                break;
            } else {
                skip(length);
            }
            skip(4); // CRC
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

    private void idat(long length) throws IOException {
        if (grid == null) {
            start();
        }
        for (long left = length; left > 0 && !stopped; ) {
            if (!buffer.hasRemaining() && !fill()) {
                stopped = true; // file ends inside IDAT
                return;
            }
            int n = (int) Math.min(left, buffer.remaining());
            inflate(buffer.array(), buffer.position(), n);
            buffer.position(buffer.position() + n);
            left -= n;
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

    private void inflate(byte[] input, int offset, int n) {
        inflater.setInput(input, offset, n);
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

    /** A small chunk's data (PLTE, tRNS, IHDR: at most 768 bytes by the specification; larger is corrupt). */
    private byte[] small(long length) throws IOException {
        if (length > 4096) {
            throw new IOException("PNG header chunk of " + length + " bytes");
        }
        byte[] d = new byte[(int) length];
        if (take(d, d.length) < d.length) {
            throw new IOException("truncated PNG header");
        }
        return d;
    }

    /** Copies the next {@code n} bytes of the file into {@code dst}; fewer at the end of the file. */
    private int take(byte[] dst, int n) throws IOException {
        int got = 0;
        while (got < n && (buffer.hasRemaining() || fill())) {
            int k = Math.min(n - got, buffer.remaining());
            buffer.get(dst, got, k);
            got += k;
        }
        return got;
    }

    private void skip(long n) {
        if (n <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) n);
        } else {
            filePos += n - buffer.remaining();
            buffer.position(buffer.limit());
        }
    }

    /** Refills the read-ahead; false at the end of the file. */
    private boolean fill() throws IOException {
        buffer.clear();
        int n = ch.read(buffer, filePos);
        buffer.flip();
        if (n <= 0) {
            return false;
        }
        filePos += n;
        return true;
    }
}
