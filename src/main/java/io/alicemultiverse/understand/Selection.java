package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFiles;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns what the user named into images to understand: every catalogued image ({@code --all}), catalogued
 * images by content hash, or files and folders (recursively, hidden entries skipped, images recognised by their
 * bytes; what cannot be read is reported, never dropped silently). A file in the catalog (by content hash) brings
 * its prompt and project; one outside it is understood all the same. Stateless.
 */
public final class Selection {
    private Selection() {
    }

    public static List<ImageInput> all(Catalog catalog, Path root) {
        return catalog.reads().images().stream().map(r -> input(r, root)).toList();
    }

    /** The catalogued images among {@code hashes}, in their order (videos and unknown hashes left out). */
    public static List<ImageInput> ofHashes(Catalog catalog, Path root, Collection<String> hashes) {
        return catalog.reads().images(hashes).stream().map(r -> input(r, root)).toList();
    }

    private static ImageInput input(AssetReads.ImageRow r, Path root) {
        return new ImageInput(r.contentHash(), root.resolve(r.path()), r.prompt(), r.project());
    }

    /**
     * The images among {@code paths}: files, and the image files inside folders (walked as {@code alice inspect} walks
     * them: {@link MediaFiles#expand}). A named file that is not an image alice can read (a video, another format, an
     * empty or unreadable file), and a media file inside a folder that cannot be read as one, are left out and told
     * to {@code unreadable} with why; videos inside folders are skipped.
     */
    public static List<ImageInput> of(Catalog catalog, Path root, List<Path> paths,
                                      BiConsumer<Path, String> unreadable) {
        Set<Path> named = new HashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
            if (!Files.isDirectory(p)) {
                named.add(p);
            }
        }
        List<ImageInput> out = new ArrayList<>();
        for (MediaFiles.Entry e : MediaFiles.expand(paths)) {
            Path f = e.path();
            if (e.error() != null) {
                unreadable.accept(f, e.error());
                continue;
            }
            try {
                if (!Files.isRegularFile(f)) {
                    unreadable.accept(f, "not a regular file");
                    continue;
                }
                MediaFormat format = FormatSniffer.sniff(f);
                if (format.isVideo() && !named.contains(f)) {
                    continue; // videos are left out; only one named on purpose is worth a word
                }
                if (!format.isImage()) {
                    unreadable.accept(f, format.isVideo() ? "a video (" + format.id() + "): only images are understood"
                            : Files.size(f) == 0 ? "an empty file, not an image"
                            : "not an image alice can read (unknown format)");
                    continue;
                }
                String hash = ContentHash.of(f);
                var known = catalog.reads().promptAndProject(hash);
                out.add(new ImageInput(hash, f, known.map(AssetReads.PromptAndProject::prompt).orElse(null),
                        known.map(AssetReads.PromptAndProject::project).orElse(null)));
            } catch (IOException ex) {
                unreadable.accept(f, "cannot be read: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
                        : ex.getMessage()));
            }
        }
        return out;
    }
}
