package io.alicemultiverse.catalog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How the catalog stores a file's path where machines share it: a path under the library root as relative to it,
 * with forward slashes ({@code 2026-11-24/acme/comfyui/acme-00042.png}), so a machine that mounts the library
 * elsewhere, on any system, reads the same file; a path outside the library (an inbox) as the absolute path it is.
 * Reading resolves a relative path against this process's library root and takes an absolute one as it is (what
 * catalogs written before held). With no root (a catalog opened without a library) paths are kept as they are.
 * Immutable and thread-safe.
 */
final class LibraryPaths {
    /** For a catalog with no library: stores and reads every path unchanged. */
    static final LibraryPaths NONE = new LibraryPaths(null);

    private final Path root;

    private LibraryPaths(Path root) {
        this.root = root;
    }

    /** The paths of the library at {@code root}. */
    static LibraryPaths of(Path root) {
        return new LibraryPaths(root.toAbsolutePath().normalize());
    }

    /**
     * {@code path} (absolute in memory) as the catalog stores it: relative with forward slashes when under the
     * root, else unchanged (a relative one made absolute first: it means the working folder); null stays null.
     */
    String stored(String path) {
        if (path == null || root == null) {
            return path;
        }
        Path p;
        try {
            Path given = Path.of(path);
            if (given.isAbsolute() && !given.normalize().startsWith(root)) {
                return path;
            }
            p = given.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return path;
        }
        if (!p.startsWith(root) || p.equals(root)) {
            return p.toString();
        }
        StringBuilder rel = new StringBuilder();
        for (Path name : root.relativize(p)) {
            rel.append(rel.length() == 0 ? "" : "/").append(name);
        }
        return rel.toString();
    }

    /** The path {@code stored} names on this machine, absolute; null stays null. */
    String resolved(String stored) {
        if (stored == null || root == null) {
            return stored;
        }
        try {
            return absolute(stored) ? stored : root.resolve(stored).normalize().toString();
        } catch (InvalidPathException e) {
            return stored;
        }
    }

    /**
     * Whether a stored path is absolute on some system: a Unix path, a Windows drive or UNC path. A relative stored
     * path never starts so (it is made of names under the root), so another system's absolute path is never taken
     * for one under this library.
     */
    static boolean absolute(String stored) {
        return stored.startsWith("/") || stored.startsWith("\\")
                || stored.length() >= 2 && stored.charAt(1) == ':' && Character.isLetter(stored.charAt(0))
                || Path.of(stored).isAbsolute();
    }
}
