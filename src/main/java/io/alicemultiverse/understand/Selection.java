package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        return catalog.select("""
                SELECT content_hash, path, prompt, project FROM assets
                WHERE coalesce(media_type, 'image') = 'image' ORDER BY path""", List.of(),
                rs -> new ImageInput(rs.getString(1), root.resolve(rs.getString(2)), rs.getString(3),
                        rs.getString(4)));
    }

    /** The catalogued images among {@code hashes}, in their order (videos and unknown hashes left out). */
    public static List<ImageInput> ofHashes(Catalog catalog, Path root, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        Map<String, ImageInput> found = new HashMap<>();
        catalog.select("""
                SELECT content_hash, path, prompt, project FROM assets
                WHERE coalesce(media_type, 'image') = 'image'
                AND content_hash IN (SELECT unnest(string_split(?, ',')))""", List.of(String.join(",", hashes)),
                rs -> found.put(rs.getString(1), new ImageInput(rs.getString(1), root.resolve(rs.getString(2)),
                        rs.getString(3), rs.getString(4))));
        return hashes.stream().map(found::get).filter(Objects::nonNull).toList();
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
            List<String[]> known = catalog.select("SELECT prompt, project FROM assets WHERE content_hash = ?",
                    List.of(hash), rs -> new String[]{rs.getString(1), rs.getString(2)});
            out.add(new ImageInput(hash, f, known.isEmpty() ? null : known.get(0)[0],
                    known.isEmpty() ? null : known.get(0)[1]));
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
