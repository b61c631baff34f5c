package io.alicemultiverse.media;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} over a file's bytes already in memory, so the container readers and
 * {@link PngScanlines} (which take a {@code FileChannel} for positional reads) read the very bytes organize hashed
 * and will copy, without opening and reading the file a second time. Written here because the JDK has none and the in-memory channels libraries offer
 * (e.g. commons-compress's {@code SeekableInMemoryByteChannel}) are not {@code FileChannel}s: they lack the
 * positional {@link #read(ByteBuffer, long)} every reader uses. Not thread-safe (one reader at a time, as a file
 * channel's position is shared anyway).
 */
public final class BytesChannel extends FileChannel {
    private final ByteBuffer bytes;
    private long position;

    /** A channel over {@code bytes}' remaining bytes; {@code bytes} itself is never moved. */
    public BytesChannel(ByteBuffer bytes) {
        this.bytes = bytes.slice();
    }

    @Override
    public int read(ByteBuffer dst, long at) throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
        if (at < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (at >= bytes.limit()) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.limit() - at);
        dst.put(bytes.duplicate().position((int) at).limit((int) at + n));
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws ClosedChannelException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return bytes.limit();
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws java.io.IOException {
        if (at >= bytes.limit()) {
            return 0;
        }
        int n = (int) Math.min(count, bytes.limit() - at);
        return target.write(bytes.duplicate().position((int) at).limit((int) at + n));
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing to write
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("an in-memory channel cannot be mapped");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("an in-memory channel cannot be locked");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("an in-memory channel cannot be locked");
    }

    @Override
    protected void implCloseChannel() {
        // nothing to release
    }
}
