package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Creating folders with the right permissions from the moment they exist. A folder inside a library's private
 * {@code .alice/} (search index, thumbnails, trash, temporary copies, caches, clip staging) is made 0700 whatever the
 * process's umask, as {@code .alice/} itself is; so is every folder {@link #privately} asked for (this user's search
 * cache of a shared catalog). Other folders (the library's dated folders) are made as the umask says, also when the
 * library itself lies under some other {@code .alice} folder ({@code ~/.alice/lib}). Existing folders are left as
 * they are. Stateless.
 */
public final class Folders {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private Folders() {
    }

    /** As {@code Files.createDirectories(dir)}; each missing folder at or below a {@code .alice} is made 0700. */
    public static Path create(Path dir) throws IOException {
        return create(dir, false);
    }

    /** As {@code Files.createDirectories(dir)}, every missing folder made 0700. */
    public static Path privately(Path dir) throws IOException {
        return create(dir, true);
    }

    private static Path create(Path dir, boolean allPrivate) throws IOException {
        if (Probes.onDefault(dir) && dir.toFile().isDirectory()) {
            return dir;
        }
        Path abs = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            missing.push(p);
            p = p.getParent();
        }
        boolean posix = p != null && Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
        Path alice = posix && !allPrivate ? libraryAlice(abs) : null; // decided before any of it is made
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            boolean priv = posix && (allPrivate || alice != null && next.startsWith(alice));
            try {
                Files.createDirectory(next, priv ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PRIVATE)}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(next)) {
                    throw e;
                }
            }
        }
        return dir;
    }

    /**
     * The library's private folder that {@code p} is or lies in, else null: the innermost {@code .alice} of the path,
     * when it is still to be made (a library's folder exists before anything is filed in it, so a missing
     * {@code .alice} is the one being made for a library) or holds a library's catalog (its DuckDB file or the
     * pointer to a shared one). Any other {@code .alice} ({@code ~/.alice} holding a library) is just a folder.
     */
    static Path libraryAlice(Path p) {
        Path alice = null;
        Path prefix = p.getRoot();
        for (Path name : p) {
            prefix = prefix == null ? name : prefix.resolve(name);
            if (name.toString().equals(".alice")) {
                alice = prefix;
            }
        }
        if (alice == null || !Files.isDirectory(alice, LinkOption.NOFOLLOW_LINKS)) {
            return alice;
        }
        return Files.exists(alice.resolve("catalog.duckdb"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(alice.resolve("catalog.url"), LinkOption.NOFOLLOW_LINKS) ? alice : null;
    }

    /** Narrows an existing folder of this user's to 0700 (a cache folder an older alice made wider). */
    public static void narrow(Path dir) {
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null
                    && !PRIVATE.containsAll(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))) {
                Files.setPosixFilePermissions(dir, PRIVATE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not ours, or a filesystem that refuses: used as it is
        }
    }
}
