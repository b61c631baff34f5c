package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule by which every surface names a catalogued asset: its content hash (64 hex digits), a unique prefix of
 * at least {@value #MIN_PREFIX} hex digits, or its path in the library (relative to the library root, or absolute
 * inside it). Case does not matter for hashes. Stateless apart from the catalog it reads; not thread-safe, like it.
 */
public final class AssetRefs {
    /** The shortest hash prefix accepted: 8 hex digits (32 bits) are unique in any library people keep. */
    public static final int MIN_PREFIX = 8;
    /** How an asset may be named, for error messages and tool descriptions. */
    public static final String FORMS = "a content hash, a unique prefix of at least " + MIN_PREFIX
            + " hex digits, or a path in the library";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{" + MIN_PREFIX + ",64}");
    /** How many of the assets an ambiguous prefix names are listed in the error. */
    private static final int CANDIDATES = 5;

    private final Catalog catalog;
    private final Path root;

    AssetRefs(Catalog catalog, Path root) {
        this.catalog = catalog;
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The content hash {@code ref} names.
     *
     * @throws IllegalArgumentException naming {@code ref} when it names no catalogued asset, or more than one
     */
    public String resolve(String ref) {
        return find(ref).orElseThrow(() -> new IllegalArgumentException(
                "no asset in the library is '" + ref + "' (use " + FORMS + ")"));
    }

    /**
     * The content hash {@code ref} names, or empty when it names none.
     *
     * @throws IllegalArgumentException naming {@code ref} when it is a hash prefix several assets share
     */
    public Optional<String> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        String text = ref.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (HEX.matcher(lower).matches()) {
            Map<String, String> hits = catalog.reads().assetsWithPrefix(lower, CANDIDATES + 1);
            if (hits.size() > 1) {
                List<String> named = hits.entrySet().stream().limit(CANDIDATES)
                        .map(e -> e.getKey().substring(0, Math.min(64, lower.length() + 8)) + "… " + e.getValue())
                        .toList();
                throw new IllegalArgumentException("'" + ref + "' is the start of several assets' hashes ("
                        + String.join(", ", named) + (hits.size() > CANDIDATES ? ", …" : "")
                        + "); give more digits");
            }
            if (hits.size() == 1) {
                return Optional.of(hits.keySet().iterator().next());
            }
        }
        for (String path : libraryPaths(text)) {
            Optional<String> hit = catalog.reads().hashAtPath(path);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** {@code text} as a library path: as given, and relative to the root when it is a path inside the library. */
    private List<String> libraryPaths(String text) {
        String given = text.replace('\\', '/');
        try {
            Path p = Path.of(text);
            Path abs = p.isAbsolute() ? p.normalize() : Path.of("").toAbsolutePath().resolve(p).normalize();
            if (abs.startsWith(root) && !abs.equals(root)) {
                String rel = root.relativize(abs).toString().replace('\\', '/');
                return rel.equals(given) ? List.of(given) : List.of(rel, given);
            }
        } catch (InvalidPathException e) {
            // not a path on this system: looked up as given
        }
        return List.of(given);
    }
}
