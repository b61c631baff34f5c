package io.alicemultiverse.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Memory for the bytes of one batch's files between reading and writing them: one array, cut into a slice per file
 * and reused by a later batch once this batch's copies are written.
 *
 * <p>Why not an array per file, as {@code Files.readAllBytes} gives: the files of the two batches in flight (up to
 * {@code Organizer.KEPT_BYTES}) are alive at every garbage collection, so the collector copied each file's bytes into
 * the survivor and old generations, and the heap of a 2,500-file run grew to ~0.9 GB. Every page touched for the first
 * time is zeroed, and on virtual machines whose host takes back freed guest memory (free page reporting) also faulted
 * in by the host: of four organize processes' CPU, collector threads copying into fresh pages and the zeroing of new
 * arrays took a fifth (docs/benchmarks.md). One array per batch in flight is allocated once and never copied by the
 * collector. No library pools slices of a reused array with this lifetime (all of a batch's slices end together), so
 * it is written here.
 *
 * <p>A slice is valid until the slab is {@link #reset} for another batch; using it afterwards throws instead of
 * answering another file's bytes. Not thread-safe for {@link #reset} and {@link #slice}: the organizing thread calls
 * them; reader and writer threads use the slices they were given.
 */
final class ContentSlab {
    private byte[] array = new byte[0];
    private int used;
    /** Changes at every {@link #reset}: a slice from before answers only while it is still this. */
    private volatile int generation;

    /**
     * Voids every slice handed out so far and makes room for {@code bytes}, at most {@code most} (the caller's budget,
     * under 2 GB): a smaller array is replaced by one half as large again as asked, within {@code most}, so batches
     * of varying sizes reuse one array instead of leaving a string of discarded ones to the collector.
     */
    void reset(long bytes, long most) {
        if (bytes > most || most > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a slab of " + most + " bytes cannot hold " + bytes);
        }
        generation++;
        used = 0;
        if (array.length < bytes) {
            array = null; // the old one may go before the new one is allocated
            array = new byte[(int) Math.min(most, bytes + bytes / 2)];
        }
    }

    /** A slice of {@code capacity} bytes, or null when the slab has no room left for it. */
    Slice slice(long capacity) {
        if (capacity < 0 || capacity > array.length - used) {
            return null;
        }
        Slice s = new Slice(array, used, (int) capacity, generation);
        used += (int) capacity;
        return s;
    }

    /** Room for one file's bytes, handed to the thread that reads it. */
    final class Slice {
        private final byte[] array;
        private final int offset;
        private final int capacity;
        private final int generation;

        private Slice(byte[] array, int offset, int capacity, int generation) {
            this.array = array;
            this.offset = offset;
            this.capacity = capacity;
            this.generation = generation;
        }

        /**
         * Reads all of {@code file} into this slice; null when it holds more than the slice has room for (it grew
         * since it was listed): the caller then reads it from the file.
         */
        Content read(Path file) throws IOException {
            check();
            ByteBuffer into = ByteBuffer.wrap(array, offset, capacity);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                while (into.hasRemaining()) {
                    if (ch.read(into) < 0) {
                        return new Content(this, into.position() - offset);
                    }
                }
                // full: the file ends here only if nothing more can be read
                return ch.read(ByteBuffer.allocate(1)) < 0 ? new Content(this, capacity) : null;
            }
        }

        private void check() {
            if (generation != ContentSlab.this.generation) {
                throw new IllegalStateException("a file's bytes were asked for after their memory went to another "
                        + "batch");
            }
        }
    }

    /** The bytes of one file, as read into a {@link Slice}. */
    static final class Content {
        private final Slice slice;
        private final int length;

        private Content(Slice slice, int length) {
            this.slice = slice;
            this.length = length;
        }

        int length() {
            return length;
        }

        /** The bytes; throws if the slab went to another batch since (never another file's bytes). */
        ByteBuffer buffer() {
            slice.check();
            return ByteBuffer.wrap(slice.array, slice.offset, length).slice();
        }

        /** Lower-case hex SHA-256 of the bytes. */
        String sha256() {
            slice.check();
            java.security.MessageDigest md = io.alicemultiverse.media.ContentHash.newDigest();
            md.update(slice.array, slice.offset, length);
            return io.alicemultiverse.media.ContentHash.hex(md.digest());
        }

        /** The bytes, as their own array (for the rare caller that needs one). */
        byte[] toArray() {
            slice.check();
            return java.util.Arrays.copyOfRange(slice.array, slice.offset, slice.offset + length);
        }
    }
}
