package io.alicemultiverse.media;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expands the paths a user gives into the files to work on: files as given, folders recursively (following
 * symbolic links, reporting loops), in a stable sorted order. Inside folders, hidden entries are skipped and only
 * files that look like media (by magic bytes, or by a media extension so damaged media are still reported) are
 * kept. Stateless.
 */
public final class MediaFiles {
    private static final Set<String> MEDIA_EXTENSIONS = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "webp", "gif",
            "avif", "heic", "heif", "bmp", "tif", "tiff", "jxl", "mp4", "m4v", "mov", "webm", "mkv", "avi");

    /** One file found, or a path that could not be walked ({@code error} set). */
    public record Entry(Path path, String shown, String error) {
    }

    private MediaFiles() {
    }

    public static List<Entry> expand(List<Path> inputs) {
        List<Entry> out = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                walk(input, out);
            } else {
                out.add(new Entry(input, input.toString(), null));
            }
        }
        return out;
    }

    private static void walk(Path root, List<Entry> out) {
        List<Entry> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !isHidden(file) && looksLikeMedia(file, attrs)) {
                                found.add(new Entry(file, file.toString(), null));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String why = e instanceof FileSystemLoopException ? "symbolic link loop"
                                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                                    : "cannot be read: " + e.getMessage();
                            found.add(new Entry(file, file.toString(), why));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            found.add(new Entry(root, root.toString(), "cannot be walked: " + e.getMessage()));
        }
        found.sort((a, b) -> a.shown().compareTo(b.shown()));
        out.addAll(found);
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Whether a file found in a folder is worth reporting: a media extension, or media magic bytes. */
    public static boolean looksLikeMedia(Path file, BasicFileAttributes attrs) {
        if (MEDIA_EXTENSIONS.contains(extension(file))) {
            return true;
        }
        if (attrs.size() == 0) {
            return false;
        }
        try {
            return FormatSniffer.sniff(file) != MediaFormat.UNKNOWN;
        } catch (IOException e) {
            return true; // report it; the reader will say why it fails
        }
    }

    public static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
