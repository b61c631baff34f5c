package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where this process keeps the lexical index of a library. With the library's own DuckDB catalog:
 * {@code <library>/.alice/search/lexical}, beside the catalog it mirrors. With a shared (PostgreSQL) catalog the index
 * is a cache of this machine's, never on the shared library where machines would overwrite each other's:
 * {@code $XDG_CACHE_HOME/alice/search/<catalog id>/lexical} (else {@code ~/.cache/...}), the id a digest of the
 * catalog's location (server, port, database; no password). It is brought up to date from the catalog's change
 * counter like any other copy.
 */
final class IndexFolder {
    private IndexFolder() {
    }

    static Path lexical(Catalog catalog, Path library, Map<String, String> env) {
        if (!catalog.shared()) {
            return library.resolve(".alice").resolve("search").resolve("lexical");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return cache.resolve("alice").resolve("search").resolve(digest(catalog.location())).resolve("lexical");
    }

    private static String digest(String location) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
