package io.alicemultiverse.library;

import io.alicemultiverse.media.MediaFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** The media files inside a library (outside its {@code .alice} folder), as sorted library-relative paths. */
final class LibraryFiles {
    private LibraryFiles() {
    }

    static List<String> list(Path library) throws IOException {
        Path root = library.toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path n = dir.getFileName();
                return !dir.equals(root) && n != null && n.toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path n = file.getFileName();
                if (attrs.isRegularFile() && !n.toString().startsWith(".") && MediaFiles.looksLikeMedia(file, attrs)) {
                    out.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /** The project a library path belongs to under {@code layout}, if the template's folders name it. */
    static String projectOf(Layout layout, String relative) {
        String[] t = layout.template().split("/");
        String[] p = relative.split("/");
        if (t.length == p.length) {
            for (int i = 0; i < t.length - 1; i++) {
                if (t[i].equals("{project}")) {
                    return p[i];
                }
            }
        }
        return InboxScanner.LOOSE_PROJECT;
    }
}
