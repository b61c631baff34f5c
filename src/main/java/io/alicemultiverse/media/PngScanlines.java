package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

// Over 400 lines: one PNG decoder pass (chunk walk, inflate, unfilter for every colour type and depth) that is
// hot enough that splitting it into calls per row would cost measurable time (HashBenchmark).
/**
 * Streams the unfiltered scanlines of a non-interlaced PNG to a {@link Sink}: the file is read ahead 64 KB at a
 * time, chunks are walked, IDAT data is fed through one {@link Inflater}, and each scanline is unfiltered against
 * the previous one. Only the read-ahead and two scanlines live in memory, whatever the image size, and a sink can
 * stop early (the stealth PNGinfo probe needs only the first rows).
 *
 * <p>Written by hand, not delegated to ImageIO, because ImageIO builds the full-size raster (3 bytes a pixel for RGB,
 * so 300 MB at the 100-megapixel limit) and then needs a second full pass to reduce it. Inflating is the floor for any
 * PNG decoder; on a noisy, adaptively filtered 1024² RGB PNG this pass measured about 1.5× that floor and ImageIO's
 * decode alone about 1.9× (see {@code HashBenchmark}). Every colour type and bit depth of the PNG specification is
 * handled; Adam7 interlaced files return {@code null} so the caller can use ImageIO. CRCs are not checked (ImageIO does
 * not either); a colour-key tRNS for grey/RGB images is ignored (treated as opaque), a palette tRNS is applied. Not
 * thread-safe; one instance per file.
 */
public final class PngScanlines {
    /** Receives the image header once, then scanlines. Not called concurrently. */
    public interface Sink {
        /** Called before the first row; throw {@link IOException} to refuse the image. */
        default void header(Header header) throws IOException {
        }

        /**
         * One unfiltered scanline: {@code scanline[0]} is the (spent) filter byte, the row's bytes follow.
         * Return false to stop reading.
         */
        boolean row(byte[] scanline, int y);
    }

    /** The IHDR fields, with the palette and transparency chunks seen before the image data. */
    public record Header(int width, int height, int bitDepth, int colorType, byte[] plte, byte[] trns) {
        /** Samples per pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA, 1 palette index). */
        public int channels() {
            return PngRows.channels(colorType, bitDepth);
        }
    }

    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int TRNS = 0x74524E53;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int PIECE = 64 * 1024;
    /** Largest inflated image (all scanlines with their filter bytes) decoded in one piece: 4096² RGBA. */
    static final int WHOLE_LIMIT = 64 << 20;
    /** Direct buffers kept per thread for whole mode up to this size each; larger ones are dropped after use. */
    private static final int KEEP_LIMIT = 16 << 20;
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    /** The PNG: a file, or its bytes already in memory ({@link BytesChannel}). */
    private final FileChannel ch;
    private final Sink sink;
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
    private byte[] cur;
    private byte[] prev;
    private int filled;
    private int rowsRead;
    private boolean started;
    private boolean stopped;

    /** Whole mode: image data is gathered and inflated in one libdeflate call (see {@link #readAll}). */
    private boolean whole;
    /** Whole mode: the image data gathered so far (a per-thread direct buffer). */
    private ByteBuffer gathered;

    private PngScanlines(FileChannel ch, Sink sink, boolean whole) {
        this.ch = ch;
        this.sink = sink;
        this.whole = whole;
    }

    /**
     * Streams {@code file}'s scanlines to {@code sink}.
     *
     * @return how many rows were delivered, or -1 when the image is interlaced (nothing delivered)
     * @throws IOException when the file cannot be read, is not a PNG, or claims too many pixels
     */
    public static int read(Path file, Sink sink) throws IOException {
        return read(file, sink, false);
    }

    /**
     * Like {@link #read}, for sinks that want every row: when libdeflate is installed ({@link Libdeflate}) and the
     * image's data inflates to at most {@value #WHOLE_LIMIT} bytes, the compressed data is gathered and inflated in
     * one call, about twice as fast as zlib; otherwise, and for data libdeflate refuses (truncated or corrupt, where
     * zlib still yields the rows before the damage), it streams as {@link #read} does. The rows are the same either
     * way.
     */
    public static int readAll(Path file, Sink sink) throws IOException {
        return read(file, sink, Libdeflate.available());
    }

    /** {@link #readAll(Path, Sink)} for a file whose bytes were already read. */
    public static int readAll(byte[] png, Sink sink) throws IOException {
        return readAll(ByteBuffer.wrap(png), sink);
    }

    /** {@link #readAll(Path, Sink)} for a file whose bytes were already read: {@code png}'s remaining bytes. */
    public static int readAll(ByteBuffer png, Sink sink) throws IOException {
        return read(new BytesChannel(png), sink, Libdeflate.available());
    }

    /** {@link #read(Path, Sink)} for a file whose bytes were already read: {@code png}'s remaining bytes. */
    public static int read(ByteBuffer png, Sink sink) throws IOException {
        return read(new BytesChannel(png), sink, false);
    }

    private static int read(Path file, Sink sink, boolean whole) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, sink, whole);
        }
    }

    private static int read(FileChannel source, Sink sink, boolean whole) throws IOException {
        PngScanlines d = new PngScanlines(source, sink, whole);
        try {
            return d.run();
        } finally {
            if (d.inflater != null) {
                d.inflater.end();
            }
        }
    }

    private int run() throws IOException {
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
                    return -1; // interlaced
                }
            } else if (type == PLTE && plte == null) {
                plte = small(length);
            } else if (type == TRNS && trns == null) {
                trns = small(length);
            } else if (type == IDAT) {
                idat(length);
            } else if (gathered != null) {
                inflateGathered(); // the image data ended; every row is out, so the loop stops after this chunk
                skip(length);
            } else if (type == IEND) {
                break;
            } else {
                skip(length);
            }
            skip(4); // CRC
        }
        if (gathered != null) {
            inflateGathered(); // the file ended inside or right after the image data
        }
        if (!started) {
            throw new IOException(width == 0 ? "PNG without IHDR" : "PNG without image data");
        }
        return rowsRead;
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
        if (!started) {
            start();
        }
        if (whole) {
            gather(length);
            return;
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
        sink.header(new Header(width, height, bitDepth, colorType, plte, trns));
        cur = new byte[rowBytes + 1];
        prev = new byte[rowBytes + 1];
        inflater = new Inflater();
        started = true;
    }

    private void inflate(byte[] input, int offset, int n) {
        inflater.setInput(input, offset, n);
        while (rowsRead < height) {
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
                if (!deliverRow()) {
                    stopped = true;
                    return;
                }
            }
        }
        stopped = true; // every row decoded: the rest of the file is not needed
    }

    /**
     * Whole mode: appends one IDAT chunk's data to {@link #gathered}, from the read-ahead and then straight from the
     * file. The first call sizes the buffer by what is left of the file, which bounds all the image data.
     */
    private void gather(long length) throws IOException {
        if (gathered == null) {
            long left = ch.size() - filePos + buffer.remaining();
            if (left > WHOLE_LIMIT || (long) cur.length * height > WHOLE_LIMIT) {
                whole = false; // too large to hold: stream this chunk and the rest
                idat(length);
                return;
            }
            gathered = threadBuffer(0, (int) left);
        }
        long room = gathered.remaining();
        int n = (int) Math.min(length, room);
        int fromBuffer = Math.min(n, buffer.remaining());
        gathered.put(gathered.position(), buffer, buffer.position(), fromBuffer);
        gathered.position(gathered.position() + fromBuffer);
        buffer.position(buffer.position() + fromBuffer);
        int rest = n - fromBuffer;
        if (rest > 0) {
            int end = gathered.position() + rest;
            ByteBuffer view = gathered.duplicate().limit(end);
            while (view.hasRemaining()) {
                int got = ch.read(view, filePos);
                if (got <= 0) {
                    break; // the file ends inside IDAT
                }
                filePos += got;
            }
            gathered.position(view.position());
        }
        skip(length - n); // only when the file changed size under us
    }

    /**
     * Whole mode: inflates everything gathered in one libdeflate call and hands out the rows. Data libdeflate
     * refuses (truncated, corrupt, too long) goes through the streaming inflater instead, which delivers the rows
     * before the damage as {@link #read} always has.
     */
    private void inflateGathered() {
        ByteBuffer in = gathered;
        gathered = null;
        whole = false;
        int rowLength = cur.length;
        long outLength = (long) rowLength * height;
        if (outLength <= WHOLE_LIMIT) {
            ByteBuffer out = threadBuffer(1, (int) outLength);
            if (Libdeflate.zlibDecompress(in, in.position(), out, (int) outLength)) {
                for (int y = 0; y < height; y++) {
                    out.get(y * rowLength, cur, 0, rowLength);
                    if (!deliverRow()) {
                        break;
                    }
                }
                stopped = true;
                return;
            }
        }
        byte[] piece = new byte[PIECE];
        for (int at = 0, end = in.position(); at < end && !stopped; at += PIECE) {
            int n = Math.min(PIECE, end - at);
            in.get(at, piece, 0, n);
            inflate(piece, 0, n);
        }
    }

    /** This thread's direct buffer number {@code slot}, cleared, with room for {@code size} bytes. */
    private static ByteBuffer threadBuffer(int slot, int size) {
        ByteBuffer[] kept = BUFFERS.get();
        ByteBuffer b = kept[slot];
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(Math.max(size, 1 << 20));
            kept[slot] = b.capacity() <= KEEP_LIMIT ? b : null;
        }
        return b.clear().limit(size);
    }

    /**
     * Unfilters the filled scanline {@link #cur} against {@link #prev} and hands it to the sink; false when reading
     * must stop (an unknown filter type, or the sink has seen enough).
     */
    private boolean deliverRow() {
        if (!PngRows.unfilter(cur, prev, bytesPerPixel)) {
            return false;
        }
        boolean more = sink.row(cur, rowsRead++);
        byte[] t = prev;
        prev = cur;
        cur = t;
        return more;
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
