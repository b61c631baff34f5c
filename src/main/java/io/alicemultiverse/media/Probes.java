package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Existence checks that are cheap when the answer is "no". On Java 17 {@code Files.exists}, {@code isRegularFile}
 * and {@code createDirectories} build and throw an exception (with its stack trace) inside the JDK for every absent
 * name or existing folder; organizing asked five such questions per file (sidecars, the no-clobber check, the
 * folders), about 13,500 exceptions for 2,500 files. {@code java.io.File} asks the same stat(2) without one. Answers
 * are unchanged: the {@code java.io.File} check only rules out what cannot be there, then the usual check decides.
 * Stateless.
 */
public final class Probes {
    private Probes() {
    }

    /** As {@code Files.exists(p)} (links followed). */
    public static boolean exists(Path p) {
        return onDefault(p) ? p.toFile().exists() : Files.exists(p);
    }

    /** As {@code Files.isRegularFile(p)} (links followed). */
    public static boolean file(Path p) {
        return onDefault(p) ? p.toFile().isFile() && Files.isRegularFile(p) : Files.isRegularFile(p);
    }

    /**
     * As {@code Files.isRegularFile(p, NOFOLLOW_LINKS)}. Where {@code java.io.File} sees nothing (following links),
     * there is no regular file: either no name at all, or a link that leads nowhere.
     */
    public static boolean plainFile(Path p) {
        if (onDefault(p) && !p.toFile().exists()) {
            return false;
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** As {@link Folders#create} ({@code Files.createDirectories}, private inside {@code .alice/}), without the exception when the folder is already there. */
    public static void directories(Path dir) throws IOException {
        if (!onDefault(dir) || !dir.toFile().isDirectory()) {
            Folders.create(dir); // inside .alice/: 0700 from creation
        }
    }

    /**
     * As {@code Files.deleteIfExists(p)}, for a name this process made up and expects to be free: where
     * {@code java.io.File} sees nothing but a link that leads nowhere is there, the caller's create-new fails
     * on it (it never writes through it).
     */
    public static void deleteIfThere(Path p) throws IOException {
        if (!onDefault(p) || p.toFile().exists()) {
            Files.deleteIfExists(p);
        }
    }

    static boolean onDefault(Path p) {
        return p.getFileSystem() == FileSystems.getDefault();
    }
}
