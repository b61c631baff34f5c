package io.alicemultiverse.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Narrows what an older alice left readable by others in a library's {@code .alice/} ({@code thumbs}, {@code tmp},
 * {@code trash} and the like at 0755, their files 0644): folders to owner-only, files to 0600. Once and cheaply: on
 * every writable open only the folders right inside {@code .alice/} are looked at (a dozen stats); a tree is walked
 * only while its top folder is still wider than 0700, and its top is narrowed last, so a walk cut short is done again
 * next time and a huge thumbnail tree is never walked twice. (What lies below a 0700 folder cannot be reached by
 * others, whatever its own mode.) A trashed file is the user's own, moved as it was, and restored by undo as it was:
 * its mode is left alone; its folders and the trash manifests are narrowed. Files or folders of another owner, and
 * filesystems without POSIX modes, are left as they are. Stateless.
 */
public final class OlderPrivateFolders {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OlderPrivateFolders() {
    }

    /** Narrows the trees inside {@code <library>/.alice/} that are still wider than owner-only. */
    public static void narrow(Path library) {
        Path alice = library.resolve(".alice");
        if (!Files.isDirectory(alice, LinkOption.NOFOLLOW_LINKS)
                || Files.getFileAttributeView(alice, PosixFileAttributeView.class) == null) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(alice)) {
            for (Path tree : children) {
                if (Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS) && wide(tree)) {
                    walk(tree, tree.getFileName().toString().equals("trash"));
                }
            }
        } catch (IOException e) {
            // unreadable: left as it is, tried again on the next open
        }
    }

    private static void walk(Path tree, boolean trash) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && (!trash || file.getFileName().toString().equals("manifest.json"))) {
                    take(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                take(dir); // after what it holds: the tree's top last
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean wide(Path p) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            return mode.stream().anyMatch(OTHERS::contains);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Takes the group's and others' bits away; the owner's stay as they were. */
    private static void take(Path p) {
        try {
            Set<PosixFilePermission> mode = new java.util.HashSet<>(Files.getPosixFilePermissions(p,
                    LinkOption.NOFOLLOW_LINKS));
            if (mode.removeAll(OTHERS)) {
                Files.setPosixFilePermissions(p, mode);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // another owner's, or a filesystem that refuses: left as it is
        }
    }
}
