package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests of the shared catalog (issue 19): {@code ALICE_TEST_POSTGRES} when set (a
 * {@code postgresql://user@host:port/db} URL of a server the caller runs), else a private cluster this JVM makes with
 * the machine's {@code initdb} and {@code pg_ctl} (Debian's {@code postgresql} package, which {@code .ci/run}
 * installs) in a temp folder, on a free loopback port, trust authentication, stopped when the JVM exits. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the {@code postgres} user. Each test gets a database of its
 * own from {@link #newDatabase()}.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Server server;

    private record Server(String host, int port, String user) {
    }

    private TestPostgres() {
    }

    /** A new empty database on the test server, as a catalog URL ({@code postgresql://user@127.0.0.1:port/name}). */
    /**
     * A catalog for {@code library}: on a new database of the test server when {@code postgres}, else the library's
     * own DuckDB file; for tests that run the same checks on both backends.
     */
    public static io.alicemultiverse.catalog.Catalog openCatalog(Path library, boolean postgres) {
        return postgres ? io.alicemultiverse.catalog.Catalog.open(library,
                io.alicemultiverse.catalog.CatalogUrl.parse(newDatabase(), java.util.Map.of()))
                : io.alicemultiverse.catalog.Catalog.open(library);
    }

    public static String newDatabase() {
        return newDatabase(null);
    }

    /**
     * A new empty database whose text compares by the ICU locale {@code icuLocale} (e.g. {@code en-US}, as hosted
     * PostgreSQL and most desktop installs compare, where the test server's own is C.UTF-8); null: the server's.
     */
    public static String newDatabase(String icuLocale) {
        Server s = server();
        String name = "alice_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + s.host() + ":" + s.port()
                + "/postgres", s.user(), null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + (icuLocale == null ? ""
                    : " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '" + icuLocale + "'"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return "postgresql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + name;
    }

    private static synchronized Server server() {
        if (server == null) {
            String given = System.getenv("ALICE_TEST_POSTGRES");
            server = given != null && !given.isBlank() ? fromUrl(given) : startCluster();
        }
        return server;
    }

    private static Server fromUrl(String url) {
        java.net.URI u = java.net.URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
        String user = u.getUserInfo() == null ? "postgres" : u.getUserInfo().split(":")[0];
        return new Server(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), user);
    }

    private static Server startCluster() {
        try {
            Path bin = binaries();
            Path dir = Files.createTempDirectory("alice-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", dir.toString()), null);
            }
            Path data = dir.resolve("data");
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "alice",
                    "-E", "UTF8", "--no-sync", "--no-instructions"), root);
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                            "stop"), root);
                } catch (IOException | RuntimeException e) {
                    // the JVM is leaving; a leftover server dies with the temp folder
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }));
            return new Server("127.0.0.1", port, "alice");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL server for the tests: " + e.getMessage(), e);
        }
    }

    /** The folder with initdb and pg_ctl: PATH, {@code pg_config --bindir}, or Debian's /usr/lib/postgresql/N/bin. */
    private static Path binaries() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path best = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0")))).orElse(null);
                if (best != null) {
                    return best;
                }
            }
        }
        throw new IOException("no initdb/pg_ctl found: install PostgreSQL (apt-get install postgresql; .ci/run does) "
                + "or set ALICE_TEST_POSTGRES=postgresql://user@host:port/db");
    }

    private static void run(List<String> command, Boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (Boolean.TRUE.equals(asPostgres)) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + full, e);
        }
    }
}
