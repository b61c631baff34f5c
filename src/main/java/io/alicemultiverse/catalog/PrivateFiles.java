package io.alicemultiverse.catalog;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The library's private folder {@code .alice/} and the secrets in it: the folder is 0700 from the moment it exists
 * and the files written here 0600 (created with the permission attribute, never widened and then narrowed), so
 * another local user never gets a window to read the catalog or the owner's token; files made by others (DuckDB's
 * catalog) are {@link #restrict narrowed} at once, inside the already private folder. A planted symbolic link in place of the folder or a
 * file is refused, not followed. On a filesystem without POSIX permissions the checks that need them are skipped.
 * Stateless.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * {@code <library>/.alice}, created 0700 if missing (the library folder itself with default permissions), and
     * narrowed to 0700 if an older alice left it wider.
     *
     * @throws IOException when it cannot be created, or is a symbolic link
     */
    public static Path dir(Path library) throws IOException {
        Path dir = library.resolve(".alice");
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; alice keeps its catalog and token only in a real "
                    + "folder (remove the link)");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(library);
            try {
                Files.createDirectory(dir, posix(library) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(DIR)}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(dir + " exists and is not a folder", e);
                }
            }
        }
        narrow(dir, DIR);
        return dir;
    }

    /** Narrows {@code file} to 0600 if it is wider (a catalog made before this rule). */
    public static void restrict(Path file) throws IOException {
        narrow(file, FILE);
    }

    /**
     * A new empty file beside {@code target}, created 0600 with {@code CREATE_NEW} (a random name, so nothing planted
     * can be in its place): write to it, then {@link #replace} it over the target.
     */
    public static Path newTemp(Path target) throws IOException {
        Path dir = target.getParent();
        return posix(dir) ? Files.createTempFile(dir, target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(FILE)) : Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
    }

    /** Writes {@code bytes} to {@code target} through a 0600 temporary file and an atomic rename. */
    public static void write(Path target, byte[] bytes) throws IOException {
        refuseLink(target);
        Path tmp = newTemp(target);
        try {
            Files.write(tmp, bytes);
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code tmp} over {@code target} (atomically where the filesystem can). */
    public static void replace(Path tmp, Path target) throws IOException {
        refuseLink(target);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether {@code file} is a regular file (not a link), owned by this user, that no one else may write. */
    public static boolean trusted(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (!posix(file)) {
                return true;
            }
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.owner().getName().equals(System.getProperty("user.name"))
                    && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void refuseLink(Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link; refusing to write through it");
        }
    }

    private static void narrow(Path p, Set<PosixFilePermission> allowed) throws IOException {
        if (!posix(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (!allowed.containsAll(now)) {
            try {
                Files.setPosixFilePermissions(p, allowed);
            } catch (IOException e) {
                // another user's folder or a read-only library: use it as it is, as before this rule
            }
        }
    }

    private static boolean posix(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
