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
 * cache of a shared catalog). Other folders (the library's dated folders) are made as the umask says. Existing
 * folders are left as they are. Stateless.
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
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            boolean priv = posix && (allPrivate || insideAlice(next));
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

    /** Whether {@code p} is a {@code .alice} folder or inside one. */
    static boolean insideAlice(Path p) {
        for (Path name : p) {
            if (name.toString().equals(".alice")) {
                return true;
            }
        }
        return false;
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
