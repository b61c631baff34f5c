package io.alicemultiverse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alicemultiverse.library.Layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings for working on a library, resolved in this order (later wins): defaults ({@code ./inbox} into
 * {@code ./organized}, the default layout), {@code $XDG_CONFIG_HOME/alice/config.yaml} (else
 * {@code ~/.config/alice/config.yaml}), an explicit {@code --config FILE}, environment {@code ALICE_INBOX},
 * {@code ALICE_LIBRARY}, {@code ALICE_LAYOUT}, {@code ALICE_CATALOG}; command-line flags are applied by the caller.
 * Immutable.
 *
 * <p>YAML keys: {@code inbox}, {@code library}, {@code layout}, {@code catalog} ({@code duckdb}, the default, or a
 * {@code postgresql://user@host:5432/dbname} URL), {@code xmp} (true: organize and watch keep XMP sidecars current,
 * as {@code --xmp}). API keys and database passwords are never read from files (PostgreSQL's own {@code ~/.pgpass}
 * aside).
 *
 * @param catalog where the catalog lives as the user wrote it (null: DuckDB inside the library)
 */
public record Config(Path inbox, Path library, String layout, String catalog, boolean xmp) {

    /** The keys a configuration file may hold: these settings and the sections other parts read. */
    static final java.util.List<String> KEYS = java.util.List.of("inbox", "library", "layout", "catalog", "xmp",
            "understanding", "video", "mcp");

    public static Config defaults() {
        return new Config(Path.of("inbox"), Path.of("organized"), Layout.DEFAULT, null, false);
    }

    /** The same paths and layout, without the optional settings (for callers that name only those three). */
    public Config(Path inbox, Path library, String layout) {
        this(inbox, library, layout, null, false);
    }

    /** The catalog this configuration names ({@code PGPASSWORD} from {@code env}); malformed: an error. */
    public io.alicemultiverse.catalog.CatalogUrl catalogUrl(Map<String, String> env) {
        return io.alicemultiverse.catalog.CatalogUrl.parse(catalog, env);
    }

    /** This configuration with {@code value} (non-blank) as its catalog. */
    public Config withCatalog(String value) {
        return blank(value) ? this : new Config(inbox, library, layout, value.strip(), xmp);
    }

    /** Loads the configuration; a malformed file is an error naming the file. */
    public static Config load(Path explicitFile, Map<String, String> env) {
        Config c = defaults();
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "alice", "config.yaml")
                : home == null ? null : Path.of(home, ".config", "alice", "config.yaml");
        if (user != null && Files.isRegularFile(user)) {
            c = c.merge(read(user));
        }
        if (explicitFile != null) {
            if (!Files.isRegularFile(explicitFile)) {
                throw new IllegalArgumentException("config file not found: " + explicitFile);
            }
            c = c.merge(read(explicitFile));
        }
        return c.with(env.get("ALICE_INBOX"), env.get("ALICE_LIBRARY"), env.get("ALICE_LAYOUT"))
                .withCatalog(env.get("ALICE_CATALOG"));
    }

    /** This configuration with the given non-blank values replacing its own. */
    public Config with(String inboxValue, String libraryValue, String layoutValue) {
        return new Config(blank(inboxValue) ? inbox : expand(inboxValue), blank(libraryValue) ? library : expand(libraryValue),
                blank(layoutValue) ? layout : layoutValue, catalog, xmp);
    }

    private Config merge(JsonNode n) {
        Config c = with(text(n, "inbox"), text(n, "library"), text(n, "layout")).withCatalog(text(n, "catalog"));
        JsonNode x = n.get("xmp");
        return x == null || x.isNull() ? c : new Config(c.inbox, c.library, c.layout, c.catalog, x.asBoolean());
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (n != null && !n.isObject() && !n.isMissingNode()) {
                throw new IllegalArgumentException("config file " + file + " must be a YAML mapping");
            }
            if (n == null || n.isMissingNode()) {
                return new ObjectMapper().createObjectNode();
            }
            // a misspelt key would otherwise be ignored in silence, and its setting never applied
            for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "' (known: "
                            + String.join(", ", KEYS) + ")");
                }
            }
            if (io.alicemultiverse.catalog.CatalogUrl.holdsPassword(text(n, "catalog"))) {
                throw new IllegalArgumentException("config file " + file + ": the catalog URL holds a password; give it "
                        + "to PostgreSQL in ~/.pgpass or PGPASSWORD instead, where only you can read it");
            }
            JsonNode x = n.get("xmp");
            if (x != null && !x.isNull() && !x.isBoolean()) {
                throw new IllegalArgumentException("config file " + file + ": xmp must be true or false, not '"
                        + x.asText() + "'");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path expand(String p) {
        if (p.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), p.substring(2));
        }
        return Path.of(p);
    }
}
