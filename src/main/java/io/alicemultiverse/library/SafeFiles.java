package io.alicemultiverse.library;

import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.Probes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

/**
 * File operations that never overwrite and never lose data. A copy goes to a temporary file inside the library,
 * is fsynced, verified against the expected SHA-256 (or written from the very bytes that were hashed), then linked
 * into place (a hard link fails if the name is
 * taken, so placement is atomic and never clobbers). A move on one filesystem is a hard link plus unlink — the
 * no-clobber equivalent of rename(2); across filesystems it is a verified copy followed by removing the source.
 * Callers fsync the touched directories ({@link #fsyncDirectory}) before recording the operation as done.
 * Stateless and thread-safe.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Copies {@code source} to {@code target} through {@code tmp}; the source is untouched. */
    public static void copy(Path source, Path target, String expectedHash, Path tmp) throws IOException {
        io.alicemultiverse.media.Folders.create(tmp.getParent());
        Files.deleteIfExists(tmp);
        try {
            Files.copy(source, tmp, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String actual = hash(tmp);
            if (!actual.equals(expectedHash)) {
                throw new IOException("content changed while organizing (hash " + actual.substring(0, 12)
                        + "… expected " + expectedHash.substring(0, 12) + "…)");
            }
            place(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code content} — bytes already read from {@code source} and hashed — to {@code target} through
     * {@code tmp}, with the source's modification time and permissions, fsynced, never overwriting. No second hash is
     * needed: what lands in the library is the very array that was hashed, where a copy from {@code source} would
     * re-read a file that may have changed since.
     */
    public static void write(byte[] content, Path source, Path target, Path tmp) throws IOException {
        write(java.nio.ByteBuffer.wrap(content), source, target, tmp);
    }

    /** As {@link #write(byte[], Path, Path, Path)}, with the bytes between {@code content}'s position and limit. */
    public static void write(java.nio.ByteBuffer content, Path source, Path target, Path tmp) throws IOException {
        Probes.directories(tmp.getParent());
        Probes.deleteIfThere(tmp);
        try {
            DirectWrite.create(tmp, content); // fsynced; O_DIRECT where the filesystem takes it
            copyAttributes(source, tmp);
            place(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The source's modification time and POSIX permissions onto {@code copy}, as {@code COPY_ATTRIBUTES} does. */
    private static void copyAttributes(Path source, Path copy) throws IOException {
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(source,
                java.nio.file.attribute.PosixFileAttributeView.class);
        if (view != null) {
            java.nio.file.attribute.PosixFileAttributes a = view.readAttributes();
            Files.setPosixFilePermissions(copy, a.permissions());
            Files.setLastModifiedTime(copy, a.lastModifiedTime());
        } else {
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(source));
        }
    }

    /** Moves {@code source} to {@code target}; never overwrites; the source disappears only once the target is in place. */
    public static void move(Path source, Path target, String expectedHash, Path tmp) throws IOException {
        link(source, target, expectedHash, tmp);
        CrashPoints.step(); // both names exist here
        Files.delete(source);
    }

    /**
     * Moves {@code source}, read as {@code bytes} long and last modified at {@code mtimeMillis} when it was hashed, to
     * {@code target}: as {@link #move(Path, Path, String, Path)}, but a file written to since it was read (its size
     * or time differ once linked) is not moved — the new name is dropped and the file stays where it was, so the
     * library never holds bytes other than the ones catalogued. A stat, not a second hash: moves stay cheap.
     */
    public static void move(Path source, Path target, String expectedHash, Path tmp, long bytes, long mtimeMillis)
            throws IOException {
        link(source, target, expectedHash, tmp);
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(target,
                java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (a.size() != bytes || a.lastModifiedTime().toMillis() != mtimeMillis) {
            Files.delete(target);
            throw new IOException("content changed while organizing (written to after it was read); left in place");
        }
        Files.delete(source);
    }

    /**
     * Gives {@code source}'s bytes a second name {@code target}: a hard link, or across filesystems a verified copy
     * through {@code tmp}. Never overwrites; the source is untouched.
     */
    public static void link(Path source, Path target, String expectedHash, Path tmp) throws IOException {
        io.alicemultiverse.media.Folders.create(target.getParent());
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // another filesystem, or one without hard links: a verified copy
            copy(source, target, expectedHash, besideIfElsewhere(tmp, target));
        }
    }

    /**
     * {@code tmp}, or where it is on another filesystem than {@code target} (undo moving a file back to an inbox on
     * another disk), a hidden temporary name beside the target: a finished copy can only be linked or renamed into
     * place on its own filesystem.
     */
    private static Path besideIfElsewhere(Path tmp, Path target) throws IOException {
        io.alicemultiverse.media.Folders.create(tmp.getParent());
        if (Files.getFileStore(tmp.getParent()).equals(Files.getFileStore(target.getParent()))) {
            return tmp;
        }
        return target.resolveSibling("." + target.getFileName() + ".alice-part");
    }

    /** Puts a finished temporary file at {@code target} without ever replacing an existing file. */
    static void place(Path tmp, Path target) throws IOException {
        Probes.directories(target.getParent());
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here: check-then-rename; the library has a single owner, so nobody races us
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Makes a directory's entries (new names, removed names) durable. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some filesystems cannot sync directories; the file data itself was already synced
        }
    }

    public static String hash(Path file) throws IOException {
        MessageDigest md = ContentHash.newDigest();
        byte[] buf = new byte[128 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return ContentHash.hex(md.digest());
    }

    /** Whether {@code file} exists and has the given content hash. */
    public static boolean hasContent(Path file, String contentHash) {
        try {
            return Files.isRegularFile(file) && hash(file).equals(contentHash);
        } catch (IOException e) {
            return false;
        }
    }

    static void keepTime(Path file, long mtimeMillis) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
        } catch (IOException ignored) {
            // the time is a courtesy, not data
        }
    }
}
