package io.alicemultiverse.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where a library's catalog lives: embedded DuckDB in {@code <library>/.alice/} (the default), or a PostgreSQL
 * database named by a libpq URI, {@code postgresql://user@host:5432/dbname?sslmode=require}, shared by every
 * machine that mounts the library. The password is taken from the URI, else {@code PGPASSWORD}, else
 * {@code ~/.pgpass} (which PostgreSQL's JDBC driver reads itself); {@link #toString()} never shows it, so the URL can
 * be printed and logged. Immutable.
 */
public final class CatalogUrl {
    /** The libpq query parameters this catalog passes on to the JDBC driver (the others are refused, not ignored). */
    private static final Map<String, String> PASSED_ON = Map.of(
            "sslmode", "sslmode", "sslrootcert", "sslrootcert", "sslcert", "sslcert", "sslkey", "sslkey",
            "connect_timeout", "connectTimeout", "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType", "passfile", "passfile");

    private static final CatalogUrl DUCKDB = new CatalogUrl(null, null, 0, null, null, null, Map.of());

    private final String host;
    private final String user;
    private final int port;
    private final String database;
    private final String password;
    private final String passwordSource;
    private final Map<String, String> options;

    private CatalogUrl(String host, String user, int port, String database, String password, String passwordSource,
                       Map<String, String> options) {
        this.host = host;
        this.user = user;
        this.port = port;
        this.database = database;
        this.password = password;
        this.passwordSource = passwordSource;
        this.options = options;
    }

    /** The default: DuckDB inside the library. */
    public static CatalogUrl duckdb() {
        return DUCKDB;
    }

    /**
     * Parses what a user wrote in {@code catalog:}, {@code ALICE_CATALOG} or {@code --catalog}: {@code duckdb} (or
     * blank) for the default, else a {@code postgresql://} or {@code postgres://} URI. {@code env} supplies
     * {@code PGPASSWORD}. A malformed value is an {@link IllegalArgumentException} that shows it without its password.
     */
    public static CatalogUrl parse(String value, Map<String, String> env) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("duckdb")) {
            return DUCKDB;
        }
        String v = value.strip();
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("catalog URL is malformed: " + redact(v));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("catalog must be 'duckdb' or a postgresql://user@host:port/dbname URL, "
                    + "not " + redact(v));
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("catalog URL needs a host: " + redact(v)
                    + " (postgresql://user@host:5432/dbname)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException("catalog URL needs one database name after the host: " + redact(v));
        }
        String user = null;
        String password = null;
        String source = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                password = decode(info.substring(colon + 1));
                source = "the URL";
            }
        }
        if (password == null && env.get("PGPASSWORD") != null && !env.get("PGPASSWORD").isEmpty()) {
            password = env.get("PGPASSWORD");
            source = "PGPASSWORD";
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String val = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!PASSED_ON.containsKey(key)) {
                    throw new IllegalArgumentException("catalog URL option '" + key + "' is not supported (supported: "
                            + String.join(", ", new java.util.TreeSet<>(PASSED_ON.keySet())) + ")");
                }
                options.put(key, val);
            }
        }
        return new CatalogUrl(uri.getHost(), user, uri.getPort() < 0 ? 5432 : uri.getPort(), database, password,
                source, Map.copyOf(options));
    }

    /** Whether {@code value} is a URL with a password in it ({@code user:password@host}). */
    public static boolean holdsPassword(String value) {
        if (value == null) {
            return false;
        }
        try {
            String info = new URI(value.strip()).getRawUserInfo();
            return info != null && info.contains(":");
        } catch (URISyntaxException e) {
            return redact(value).contains(":***@");
        }
    }

    public boolean isPostgres() {
        return host != null;
    }

    /** {@code duckdb} or {@code postgresql}: what {@code alice stats} names. */
    public String backend() {
        return isPostgres() ? "postgresql" : "duckdb";
    }

    /** The JDBC URL (no user, no password: those travel in {@link #properties()}). */
    String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** Connection properties for the JDBC driver. */
    Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        options.forEach((k, v) -> p.setProperty(PASSED_ON.get(k), v));
        // multi-row INSERTs from batches: organize's bulk writes are one round trip per batch, not per row
        p.setProperty("reWriteBatchedInserts", "true");
        // who holds a lock, as other machines are told while they wait: "alice pid 1234 on host"
        p.putIfAbsent("ApplicationName", "alice pid " + ProcessHandle.current().pid() + " on " + hostName());
        p.putIfAbsent("connectTimeout", "10");
        // the lease: runs and jobs are held by this session's advisory locks, which the server drops with the
        // session. A process that dies closes its connection at once; a machine that stops answering (power,
        // network) would keep them for the kernel's two hours of keepalive silence, so the server is asked to probe
        // this session after 10 s of silence, every 5 s, and to give up after 3 unanswered probes: its locks are
        // free for another machine's recovery within ~25 s, and never while it still answers
        // and no parallel workers: search reads a page of 20 along an index in a few milliseconds, and starting
        // workers for it took 50-150 ms more on a busy 2-core server; the few large scans (facets of a broad filter)
        // ran no faster with them there (issue 19, docs/benchmarks.md)
        p.setProperty("options", "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3"
                + " -c max_parallel_workers_per_gather=0");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    /** This machine's name, as runs, locks and waiting messages name it. */
    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }

    /** The server's host name or address, as given. */
    String host() {
        return host;
    }

    /** Where the password came from, for error messages ("PGPASSWORD", "the URL"), or null (then ~/.pgpass). */
    String passwordSource() {
        return passwordSource;
    }

    /** The URL as users may see it: everything but the password. */
    @Override
    public String toString() {
        if (!isPostgres()) {
            return "duckdb";
        }
        StringBuilder b = new StringBuilder("postgresql://");
        if (user != null) {
            b.append(user).append('@');
        }
        b.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        if (!options.isEmpty()) {
            b.append('?');
            options.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '?' ? "" : "&").append(k).append('=')
                    .append(SECRET_OPTIONS.contains(k) ? "***" : v));
        }
        return b.toString();
    }

    private static final Set<String> SECRET_OPTIONS = Set.of("passfile", "sslkey");

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogUrl u && toString().equals(u.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Whether both name the same database on the same server (options and passwords aside). */
    boolean sameDatabase(CatalogUrl other) {
        return isPostgres() && other.isPostgres() && host.equalsIgnoreCase(other.host) && port == other.port
                && database.equals(other.database);
    }

    /** {@code s} with any {@code :password@} part replaced, for error messages about malformed values. */
    static String redact(String s) {
        // up to the last '@' before the options: a password may itself hold '@' or '/' (unencoded, the likely
        // reason the value is malformed), and none of it may show
        int q = s.indexOf('?');
        String head = q < 0 ? s : s.substring(0, q);
        return head.replaceFirst("(//[^/:@]*):.*@", "$1:***@") + (q < 0 ? "" : s.substring(q));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
