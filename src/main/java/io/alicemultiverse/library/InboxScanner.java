package io.alicemultiverse.library;

import io.alicemultiverse.media.MediaFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the media files of an inbox with their project (the first-level folder, {@code uncategorized} for loose
 * files). Skips hidden entries, symbolic links (never follow a link into someone else's files) and the library
 * itself when it lies inside the inbox. Sorted by path, so numbering is stable. Stateless.
 */
public final class InboxScanner {
    public static final String LOOSE_PROJECT = "uncategorized";

    /** One inbox file. {@code relative} uses {@code /}. */
    public record Item(Path path, String relative, String project, long bytes, long mtime) {
    }

    private InboxScanner() {
    }

    public static List<Item> scan(Path inbox, Path library) throws IOException {
        return scan(inbox, library, (path, e) -> { });
    }

    /**
     * As {@link #scan(Path, Path)}, telling {@code unreadable} about each entry below the inbox that cannot be
     * listed or looked at (a folder without read permission): the files in it would otherwise be passed over without
     * a word. An inbox that cannot be listed at all is an error.
     */
    public static List<Item> scan(Path inbox, Path library, java.util.function.BiConsumer<Path, IOException> unreadable)
            throws IOException {
        Path root = inbox.toAbsolutePath().normalize();
        Path lib = library.toAbsolutePath().normalize();
        List<Item> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "inbox folder does not exist");
        }
        // the library's identity on disk, so it is skipped however the inbox's path spells it (a linked inbox)
        Object libKey = Files.isDirectory(lib) ? Files.readAttributes(lib, BasicFileAttributes.class).fileKey() : null;
        // an inbox named by a symbolic link to a folder: the walk, which follows no link, would see one link and no
        // files; it walks the folder, and each file keeps the path as the inbox spells it (the catalog's, undo's)
        Path walked = Files.isSymbolicLink(root) ? root.toRealPath() : root;
        Files.walkFileTree(walked, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(walked) && (hidden(dir) || dir.equals(lib)
                        || libKey != null && libKey.equals(attrs.fileKey()))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file) && MediaFiles.looksLikeMedia(file, attrs)) {
                    Path rel = walked.relativize(file);
                    String project = rel.getNameCount() > 1 ? rel.getName(0).toString() : LOOSE_PROJECT;
                    out.add(new Item(root.resolve(rel), rel.toString().replace('\\', '/'), project, attrs.size(),
                            attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(walked)) {
                    String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                            : e.getMessage();
                    throw new java.nio.file.FileSystemException(root.toString(), null,
                            "inbox folder cannot be read (" + why + ")");
                }
                // a file that cannot be opened is reported when it is read; what cannot even be listed (a folder) or
                // looked at is reported here, unless it is skipped anyway or vanished meanwhile
                if (!(e instanceof java.nio.file.NoSuchFileException) && !hidden(file) && !file.equals(lib)) {
                    unreadable.accept(root.resolve(walked.relativize(file)), e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(Item::relative));
        return out;
    }

    /** The file-name encoding of this JVM (from the locale), as a message names it. */
    static final String NAME_ENCODING = "in the file-name encoding (" + System.getProperty("sun.jnu.encoding",
            java.nio.charset.Charset.defaultCharset().name()) + ")";

    /**
     * Whether {@code file}'s path, written as text and read back, names the same file. It does not when the name's
     * bytes are not valid in the file-name encoding (a Latin-1 name from an old archive on a UTF-8 system, or any
     * non-ASCII name under the C locale): the text holds replacement characters, and two such names may even spell
     * the same text.
     */
    static boolean nameKept(Path file) {
        try {
            return file.getFileSystem().getPath(file.toString()).equals(file);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static boolean hidden(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().startsWith(".");
    }
}
