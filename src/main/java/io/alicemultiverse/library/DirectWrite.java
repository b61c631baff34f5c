package io.alicemultiverse.library;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a new file from bytes in memory with {@code O_DIRECT} where the filesystem takes it, else through the page
 * cache as usual.
 *
 * <p>Why: organizing copies gigabytes the process will not read again. Through the page cache every byte is copied
 * once more by the kernel into freshly allocated cache pages, and on virtual machines whose host takes back freed
 * guest memory (free page reporting) first touching those pages is most of the system time of a copy-mode run. With
 * {@code O_DIRECT} the device reads the bytes straight from an aligned buffer; an fsync still follows (metadata and
 * the device cache). The last partial block is written padded and the file truncated to its length.
 *
 * <p>Filesystems that refuse {@code O_DIRECT} (tmpfs before Linux 6.6, some network filesystems), platforms without
 * it, files over {@link #LIMIT} and {@code -Dalice.odirect=false} use the buffered path; a directory that refused
 * once is remembered. Thread-safe: each thread has its own aligned buffer.
 */
final class DirectWrite {
    /** Alignment of buffer, offsets and lengths: a multiple of every usual logical block size. */
    static final int ALIGN = 4096;
    /** Larger files are written buffered (no aligned buffer of that size is kept per thread). */
    static final int LIMIT = 64 << 20;
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("alice.odirect", "true"));
    private static final Set<Path> REFUSED = ConcurrentHashMap.newKeySet();
    private static final byte[] ZEROS = new byte[ALIGN];
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private DirectWrite() {
    }

    /**
     * Creates {@code file} (which must not exist) holding {@code content}, fsynced.
     *
     * @return whether {@code O_DIRECT} was used
     * @throws FileAlreadyExistsException when {@code file} exists
     */
    static boolean create(Path file, byte[] content) throws IOException {
        return create(file, ByteBuffer.wrap(content));
    }

    /** As {@link #create(Path, byte[])}, with the bytes between {@code content}'s position and limit (left as they are). */
    static boolean create(Path file, ByteBuffer content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (ENABLED && content.remaining() <= LIMIT && !REFUSED.contains(dir)) {
            try {
                direct(file, content);
                return true;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                REFUSED.add(dir);
                Files.deleteIfExists(file); // the open may have created it before refusing O_DIRECT
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = content.duplicate();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        return false;
    }

    private static void direct(Path file, ByteBuffer content) throws IOException {
        int length = content.remaining();
        int padded = (length + ALIGN - 1) / ALIGN * ALIGN;
        ByteBuffer b = buffer(padded);
        b.clear();
        b.put(content.duplicate());
        b.put(ZEROS, 0, padded - length);
        b.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                ExtendedOpenOption.DIRECT)) {
            long pos = 0;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
            if (padded != length) {
                ch.truncate(length);
            }
            ch.force(true);
        }
    }

    private static ByteBuffer buffer(int size) {
        ByteBuffer b = BUFFER.get();
        if (b == null || b.capacity() < size) {
            int capacity = Math.max(size, 1 << 20);
            b = ByteBuffer.allocateDirect(capacity + ALIGN).alignedSlice(ALIGN).limit(capacity);
            b = b.slice(); // capacity == the aligned length
            BUFFER.set(b);
        }
        return b;
    }
}
