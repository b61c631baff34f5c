package io.alicemultiverse.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where an inbox may be, relative to the library it is organized into: never the library itself nor any folder
 * inside it (its {@code .alice/} included) — organizing the library into itself would file, or with {@code --move}
 * park in {@code .alice/duplicates/}, every file it holds. An inbox that contains the library is fine: the scan
 * skips the library ({@link InboxScanner}). The one exception is {@link #CLIP_STAGING}. Paths are compared after resolving symbolic links, so a link to the
 * library is the library. Every surface reaches this through {@link OrganizeOptions}; stateless.
 */
public final class InboxRule {
    /**
     * The one folder inside a library that is organized into it: where finished video clips wait, whole, to be
     * filed (written only by alice's own downloads, never by the user).
     */
    public static final String CLIP_STAGING = ".alice/video/inbox";

    private InboxRule() {
    }

    /**
     * Checks {@code inbox} against {@code library}.
     *
     * @throws IllegalArgumentException (a usage error: exit 2) naming both folders when the inbox is the library or
     *                                  lies inside it
     */
    public static void check(Path inbox, Path library) {
        Path in = real(inbox);
        Path lib = real(library);
        if (in.equals(lib)) {
            throw new IllegalArgumentException("the inbox " + inbox + " is the library itself; organizing it would "
                    + "file the library into itself. Choose another inbox (--inbox DIR)");
        }
        if (in.startsWith(lib) && !in.equals(lib.resolve(CLIP_STAGING))) {
            throw new IllegalArgumentException("the inbox " + inbox + " lies inside the library " + library
                    + "; organizing it would file the library's own files again. Choose an inbox outside it");
        }
    }

    /**
     * {@code p} absolute, with symbolic links resolved as far as the path exists (a library not yet created has no
     * links to resolve below its nearest existing folder).
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs; // unreadable on the way: compare as written
        }
    }
}
