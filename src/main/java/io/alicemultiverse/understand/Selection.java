package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns what the user named into images to understand: every catalogued image ({@code --all}), catalogued
 * images by content hash, or files and folders (recursively, hidden entries skipped, images recognised by their bytes). A file in the catalog (by
 * content hash) brings its prompt and project; one outside it is understood all the same. Stateless.
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

    public static List<ImageInput> of(Catalog catalog, Path root, List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && !hidden(p, f)).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        List<ImageInput> out = new ArrayList<>();
        for (Path f : files) {
            MediaFormat format = FormatSniffer.sniff(f);
            if (!format.isImage()) {
                continue;
            }
            String hash = ContentHash.of(f);
            var known = catalog.reads().promptAndProject(hash);
            out.add(new ImageInput(hash, f, known.map(AssetReads.PromptAndProject::prompt).orElse(null),
                    known.map(AssetReads.PromptAndProject::project).orElse(null)));
        }
        return out;
    }

    private static boolean hidden(Path base, Path f) {
        for (Path part : base.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
