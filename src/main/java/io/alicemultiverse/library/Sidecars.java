package io.alicemultiverse.library;

import io.alicemultiverse.catalog.JournalEntry;
import io.alicemultiverse.catalog.JournalOp;
import io.alicemultiverse.catalog.JournalState;
import io.alicemultiverse.media.MediaFiles;
import io.alicemultiverse.media.Probes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * XMP sidecars travelling with their files. A sidecar is {@code <file>.xmp} (darktable's, digiKam's and ours) or
 * {@code <stem>.xmp} (Lightroom's, claimed only when one file of the folder has that stem). Every sidecar move is
 * a journal line of its own, written with its file's and carried out only once the file's own operation
 * succeeded: {@code sidecar-move} or {@code sidecar-copy} (organize, into the library beside the file's new name),
 * {@code sidecar-trash} (dedup, beside the trashed bytes), {@code sidecar-restore} (undo, back with its file).
 * {@link Recovery} settles them by the disk like any move; they never touch the catalog. A sidecar that is a
 * symbolic link is never carried. Stateless.
 */
public final class Sidecars {
    /** The journal operations that move sidecars (they follow their file; undo plans them from the file). */
    public static final JournalOp MOVE = JournalOp.SIDECAR_MOVE;
    public static final JournalOp COPY = JournalOp.SIDECAR_COPY;
    public static final JournalOp TRASH = JournalOp.SIDECAR_TRASH;
    public static final JournalOp RESTORE = JournalOp.SIDECAR_RESTORE;

    private Sidecars() {
    }

    /** Whether a journal operation moves a sidecar rather than a catalogued file. */
    public static boolean isSidecar(JournalOp operation) {
        return operation.sidecar();
    }

    /** The sidecar name we keep beside {@code file}: its full name plus {@code .xmp}. */
    public static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + ".xmp");
    }

    /** Whether {@code p} names an XMP sidecar (by its extension). */
    public static boolean isXmp(Path p) {
        return MediaFiles.extension(p).equals("xmp");
    }

    /** The sidecar that sits beside {@code file} now ({@code <file>.xmp} or a lone {@code <stem>.xmp}), or null. */
    public static Path beside(Path file) throws IOException {
        String name = file.getFileName().toString();
        for (String ext : List.of(".xmp", ".XMP")) {
            Path full = file.resolveSibling(name + ext);
            if (plain(full)) {
                return full;
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String stem = name.substring(0, dot);
        if (!plain(file.resolveSibling(stem + ".xmp")) && !plain(file.resolveSibling(stem + ".XMP"))) {
            return null; // two stats per file; the folder is listed only when a stem sidecar is there
        }
        Path found = null;
        int sharing = 0; // files of this stem that are not sidecars: the stem form is theirs only when alone
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(), globQuote(stem) + ".*")) {
            for (Path s : siblings) {
                String n = s.getFileName().toString();
                if (n.length() == stem.length() + 4 && n.toLowerCase(Locale.ROOT).endsWith(".xmp")) {
                    found = plain(s) ? s : found;
                } else if (n.lastIndexOf('.') == stem.length()) {
                    sharing++;
                }
            }
        }
        return sharing == 1 ? found : null;
    }

    /** The journal line that carries {@code sidecar} to {@code target} (planned; content hash read now). */
    public static JournalEntry plan(String run, int seq, JournalOp operation, Path sidecar, Path target) throws IOException {
        return new JournalEntry(run, seq, operation, sidecar.toString(), target.toString(), SafeFiles.hash(sidecar),
                JournalState.PLANNED);
    }

    /**
     * Carries out a planned sidecar line: a copy (verified, never overwriting), or a move; a target that already
     * holds these very bytes counts as done and the source goes (an earlier run's leftover).
     */
    public static void carry(JournalEntry e, Path tmp) throws IOException {
        Path source = Path.of(e.source());
        Path target = Path.of(e.target());
        boolean copy = e.operation().equals(COPY);
        if (SafeFiles.hasContent(target, e.contentHash())) {
            if (!copy) {
                Files.delete(source);
            }
            return;
        }
        if (copy) {
            SafeFiles.copy(source, target, e.contentHash(), tmp);
        } else {
            SafeFiles.move(source, target, e.contentHash(), tmp);
        }
    }

    /** Undoes a carried line whose run could not be recorded: a copy removed, a move put back; never clobbers. */
    static void putBack(JournalEntry e) throws IOException {
        Path source = Path.of(e.source());
        Path target = Path.of(e.target());
        if (!SafeFiles.hasContent(target, e.contentHash())) {
            return;
        }
        if (e.operation().equals(COPY) || SafeFiles.hasContent(source, e.contentHash())) {
            Files.delete(target);
        } else if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            SafeFiles.move(target, source, e.contentHash(),
                    source.resolveSibling("." + source.getFileName() + ".alice-part"));
        }
    }

    /**
     * Sidecars in {@code inbox} whose file is not there (the file left with a move and the sidecar was not
     * carried, or it never had one): reported, left alone. Hidden folders and the library are skipped.
     */
    static List<Path> strays(Path inbox, Path library) throws IOException {
        Path root = inbox.toAbsolutePath().normalize();
        Path lib = library.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        Path walked = Files.isSymbolicLink(root) ? root.toRealPath() : root; // an inbox named by a link, as the scan does
        Files.walkFileTree(walked, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(walked) && (dir.equals(lib) || dir.getFileName().toString().startsWith("."))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isXmp(file) && !file.getFileName().toString().startsWith(".")
                        && !hasOwner(file)) {
                    out.add(root.resolve(walked.relativize(file)));
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

    /** Whether some file beside a sidecar is the one it describes ({@code a.png} for a.png.xmp or a.xmp). */
    private static boolean hasOwner(Path sidecar) {
        String name = sidecar.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        if (Files.isRegularFile(sidecar.resolveSibling(stem), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(sidecar.getParent(), globQuote(stem) + ".*")) {
            for (Path p : s) {
                if (!isXmp(p) && p.getFileName().toString().lastIndexOf('.') == stem.length()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // cannot tell: say nothing
        }
        return false;
    }

    private static boolean plain(Path p) {
        return Probes.plainFile(p);
    }

    /** {@code s} with glob metacharacters escaped, for a directory stream's pattern. */
    private static String globQuote(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
