package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that its name holds either the old content or the complete new one, never a torn file: the new
 * content goes to a temporary file beside the target, is fsynced, renamed over the target in one step, and the
 * folder is fsynced. Used for exports and sidecars, which replace a file of their own. Stateless, thread-safe.
 */
public final class AtomicReplace {
    private AtomicReplace() {
    }

    /** Produces the content of a file at the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tmp) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} crash-safely. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /**
     * Lets {@code writer} fill a fresh temporary file beside {@code target}, then puts it in place; on failure the
     * temporary file is removed and the target is untouched.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Folders.create(dir);
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            writer.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        fsync(dir);
    }

    private static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory for fsync; the rename itself is still atomic
        }
    }
}
