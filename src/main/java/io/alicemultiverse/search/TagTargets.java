package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves what {@code alice tag} names — a library path (relative, or absolute inside the library), a content hash
 * or a unique prefix of one (at least 6 hex digits) — to content hashes, and normalises tag names. Stateless.
 */
public final class TagTargets {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{6,64}");
    public static final int MAX_TAG = 100;

    private TagTargets() {
    }

    /** The content hashes {@code targets} name; an {@link IllegalArgumentException} for one that names nothing or several. */
    public static Set<String> resolve(Catalog catalog, Path library, List<String> targets) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : targets) {
            out.add(one(catalog, library, t));
        }
        return out;
    }

    private static String one(Catalog catalog, Path library, String target) {
        String lower = target.trim().toLowerCase(Locale.ROOT);
        if (HEX.matcher(lower).matches()) {
            List<String> hits = catalog.select("SELECT content_hash FROM assets WHERE starts_with(content_hash, ?) LIMIT 2",
                    List.of(lower), rs -> rs.getString(1));
            if (hits.size() > 1) {
                throw new IllegalArgumentException("the hash prefix " + target + " matches several assets; give more digits");
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
        }
        String rel = target;
        try {
            Path p = Path.of(target);
            Path abs = p.isAbsolute() ? p.normalize() : Path.of("").toAbsolutePath().resolve(p).normalize();
            if (abs.startsWith(library)) {
                rel = library.relativize(abs).toString();
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: looked up as given
        }
        rel = rel.replace('\\', '/');
        for (String candidate : List.of(rel, target)) {
            List<String> hits = catalog.select("SELECT content_hash FROM assets WHERE path = ?", List.of(candidate),
                    rs -> rs.getString(1));
            if (!hits.isEmpty()) {
                return hits.get(0);
            }
        }
        throw new IllegalArgumentException("no asset in the library at '" + target + "' (a library path or content hash)");
    }

    /** A tag as stored: trimmed, single-spaced, lower case; an error when empty or longer than {@value #MAX_TAG}. */
    public static String normalise(String tag) {
        String t = tag == null ? "" : tag.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a tag cannot be empty");
        }
        if (t.length() > MAX_TAG) {
            throw new IllegalArgumentException("a tag can have at most " + MAX_TAG + " characters: " + tag);
        }
        return t;
    }
}
