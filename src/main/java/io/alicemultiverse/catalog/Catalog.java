package io.alicemultiverse.catalog;

import io.alicemultiverse.hash.ImageHashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

// Over 400 lines: the connections (one per thread on DuckDB), the writer locks, batched writes and the transaction
// helpers the stores share; typed reads live in AssetReads, AssetViews, SearchStore and UnderstandingStore.
/**
 * The catalog of one library: embedded DuckDB (the default) or a shared PostgreSQL database ({@link CatalogUrl}).
 * On DuckDB, one per process and file (DuckDB allows one writing process per file; {@code app.LibraryService} opens
 * it once and lends it): each thread reads and writes through a connection of its own to the one database, and its
 * transactions are its own. On PostgreSQL one connection, used by one thread at a time (the surfaces' lock); the
 * database arbitrates between processes. Bulk writes
 * go through {@link BulkRows} inside one transaction per batch, so a batch is in the catalog entirely or not at all.
 */
public final class Catalog implements AutoCloseable {
    /** Columns {@link #countBy} may group by: a whitelist, never user text in SQL. */
    public enum Dimension {
        SOURCE("coalesce(source, 'unknown')"), PROJECT("coalesce(project, 'uncategorized')"),
        MODEL("coalesce(model, 'unknown')"), MONTH("coalesce(substr(CAST(created_at AS VARCHAR), 1, 7), 'unknown')"),
        MEDIA_TYPE("coalesce(media_type, 'unknown')");

        private final String expression;

        Dimension(String expression) {
            this.expression = expression;
        }
    }

    /** The connection this catalog was opened with (a DuckDB file's other threads get their own from it). */
    private final Connection base;
    /**
     * Each thread's connection and transaction depth. A DuckDB file is one database in this process, opened once:
     * an owner's threads (web requests, background batches, a command run for another alice) each use a connection of
     * their own to it ({@code duplicate()}: the same database, a transaction of its own). PostgreSQL and in-memory
     * catalogs keep the one connection, used by one thread at a time.
     */
    private final ThreadLocal<Session> sessions;
    private final Session only;
    private final Thread opener = Thread.currentThread();
    /** The other threads' connections, each with its thread: closed when the thread has ended, or with the catalog. */
    private final Map<Connection, Thread> duplicates = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Runs that change library files take turns on a DuckDB catalog: each settles interrupted operations first
     * ({@code Recovery}), which must never touch another running command's. Fair, so a waiting command is next.
     */
    private final Map<Activity, java.util.concurrent.locks.ReentrantLock> inProcess = new java.util.EnumMap<>(
            Activity.class);

    private static final class Session {
        final Connection connection;
        int depth;

        Session(Connection connection) {
            this.connection = connection;
        }
    }
    private final Dialect dialect;
    /** See {@link #onWaiting}. */
    private volatile java.util.function.Consumer<String> waitingNotice;
    /** Where this catalog is, for messages: the DuckDB file, or the PostgreSQL URL without its password. */
    private final String where;
    /**
     * The change counter as last read. This process is the catalog's only writer (DuckDB locks the file), but it may
     * write from several threads, each through a connection of its own.
     */
    private final ChangeCounterCache counter;
    private final Path file;
    private final Journal journal;
    /** How library paths are stored (relative to the library) and read back (absolute here). */
    private final LibraryPaths paths;

    private Catalog(Connection connection, Dialect dialect, Path file, String where, ChangeCounterCache counter,
                    LibraryPaths paths) throws SQLException {
        this.base = connection;
        this.dialect = dialect;
        this.only = new Session(connection);
        boolean perThread = dialect == Dialect.DUCKDB && file != null && !file.toString().equals(":memory:");
        this.sessions = perThread ? ThreadLocal.withInitial(this::newSession) : null;
        this.file = file;
        this.where = where;
        this.counter = counter;
        this.paths = paths;
        if (dialect == Dialect.POSTGRES) {
            journal = new Journal(this, 0);
        } else {
            try (Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(entry), 0) + 1 FROM journal")) {
                rs.next();
                journal = new Journal(this, rs.getLong(1));
            }
        }
    }

    /**
     * Opens the catalog of {@code library} where {@code url} says: DuckDB inside the library ({@link #open(Path)}),
     * or a PostgreSQL database (created tables and migrated if needed), shared with other processes and machines.
     */
    public static Catalog open(Path library, CatalogUrl asked) {
        CatalogUrl url = CatalogChoice.resolve(library, asked, System.getenv());
        if (!url.isPostgres()) {
            return openDuckDb(library);
        }
        try {
            Connection c = connectPostgres(url);
            try {
                Schema.migrate(c, Dialect.POSTGRES);
                Catalog opened = new Catalog(c, Dialect.POSTGRES, null, url.toString(), ChangeCounterCache.uncached(),
                        LibraryPaths.of(library));
                if (!CatalogChoice.recorded(library) && (opened.assetCount() > 0 || !opened.journal().runs().isEmpty())) {
                    // a folder that never used this catalog, and a catalog another library already fills: its paths
                    // would be taken for this folder's (check --repair would drop them, organize skip their contents)
                    throw new CatalogException("the catalog " + url + " already holds another library's catalog; a "
                            + "library joins a shared catalog once, when it starts on it, and every machine then mounts "
                            + "that library's folder (its .alice/catalog.url names the catalog). If " + library
                            + " is that library with its .alice folder lost, write the URL into .alice/catalog.url; "
                            + "else give it a database of its own");
                }
                CatalogChoice.record(library, url);
                return opened;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (IOException e) {
            throw new CatalogException("cannot record the catalog in " + library.resolve(".alice") + ": "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw new CatalogException("cannot open the catalog " + url + ": " + e.getMessage() + hint(e, url), e);
        }
    }

    /** What the driver's message leaves out of why {@code url} could not be opened, or "". */
    private static String hint(SQLException e, CatalogUrl url) {
        if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
            return " (password from " + (url.passwordSource() == null ? "~/.pgpass" : url.passwordSource()) + ")";
        }
        if (unknownHost(e)) {
            return " (no address found for the host name " + url.host() + ")";
        }
        if ("08004".equals(e.getSQLState()) && url.passwordSource() == null) {
            // the server asks for a password and none was found (URL, PGPASSWORD, ~/.pgpass)
            return " (no password found for it: set PGPASSWORD, or add the line host:port:database:user:password to "
                    + "~/.pgpass, mode 0600)";
        }
        return "";
    }

    /** Whether the driver's "The connection attempt failed." came of a host name that does not resolve. */
    private static boolean unknownHost(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection to PostgreSQL through its driver directly. {@code DriverManager} would first load every driver on
     * the class path, and DuckDB's starts Java Flight Recorder's machinery as it loads: ~90 ms of CPU in every
     * process that opens a shared catalog.
     */
    private static Connection connectPostgres(CatalogUrl url) throws SQLException {
        Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), url.properties());
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not take " + url);
        }
        // Large values (a ComfyUI workflow, the raw metadata) are compressed as they are stored: LZ4 where the server
        // has it (PostgreSQL 14 and later, built with it, as Debian's and the official images are) costs a fraction
        // of the CPU of the default pglz, which was ~1 % of four organize runs' CPU at once. Elsewhere: pglz.
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET default_toast_compression = 'lz4'");
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        return c;
    }

    /**
     * Opens (creating and migrating if needed) the library's catalog: the one recorded in the library
     * ({@code .alice/catalog.url}, a shared PostgreSQL catalog), else DuckDB at {@code <library>/.alice/catalog.duckdb}.
     */
    public static Catalog open(Path library) {
        return open(library, CatalogUrl.duckdb());
    }

    private static Catalog openDuckDb(Path library) {
        Path dir;
        try {
            dir = PrivateFiles.dir(library);
        } catch (IOException e) {
            throw new CatalogException("cannot create " + library.resolve(".alice") + ": " + e.getMessage(), e);
        }
        return openDuckDbFile(dir.resolve("catalog.duckdb"), LibraryPaths.of(library));
    }

    /**
     * The DuckDB catalog in {@code file} (inside a private {@code .alice} folder), created and migrated if needed,
     * storing library paths as {@code paths} says.
     */
    static Catalog openDuckDbFile(Path file, LibraryPaths paths) {
        try {
            if (Files.isSymbolicLink(file)) {
                throw new CatalogException(file + " is a symbolic link; refusing to open a catalog through it");
            }
            // DuckDB refuses to start from an empty file made with CREATE_NEW and the permission attribute, so it
            // creates the file itself — inside the 0700 folder, where no other user can reach it — and it is narrowed
            // to 0600 at once (a create-close-rename-reopen detour cost a second start of DuckDB on every new library)
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            PrivateFiles.restrict(file);
            Schema.migrate(c, Dialect.DUCKDB);
            PrivateFiles.restrict(wal(file)); // one a crash left, or the migration's
            return new Catalog(c, Dialect.DUCKDB, file, file.toString(), ChangeCounterCache.own(), paths);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                throw new CatalogInUseException(file, m, e);
            }
            throw new CatalogException("cannot open the catalog " + file + ": " + m, e);
        } catch (IOException e) {
            throw new CatalogException("cannot create the catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL catalog opened for {@link CatalogCopy}: no library, so nothing is recorded anywhere. */
    static Catalog openUnrecorded(CatalogUrl url) {
        try {
            Connection c = connectPostgres(url);
            try {
                Schema.migrate(c, Dialect.POSTGRES);
                return new Catalog(c, Dialect.POSTGRES, null, url.toString(), ChangeCounterCache.uncached(),
                        LibraryPaths.NONE);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot open the catalog " + url + ": " + e.getMessage(), e);
        }
    }

    /** An empty in-memory catalog: what a dry run on a library without a catalog plans against. */
    public static Catalog inMemory() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            Schema.migrate(c, Dialect.DUCKDB);
            return new Catalog(c, Dialect.DUCKDB, Path.of(":memory:"), ":memory:", ChangeCounterCache.own(),
                    LibraryPaths.NONE);
        } catch (SQLException e) {
            throw new CatalogException("cannot create an in-memory catalog: " + e.getMessage(), e);
        }
    }

    /** Whether {@code library} records a shared (PostgreSQL) catalog, which many processes open at once. */
    public static boolean isShared(Path library) {
        return Files.isRegularFile(library.resolve(".alice").resolve(CatalogChoice.POINTER));
    }

    /** Whether {@code library} already has a catalog (its own DuckDB file, or a recorded shared one). */
    public static boolean exists(Path library) {
        Path dir = library.resolve(".alice");
        return Files.isRegularFile(dir.resolve("catalog.duckdb")) || Files.isRegularFile(dir.resolve(CatalogChoice.POINTER));
    }

    /** The DuckDB file, or null for a PostgreSQL catalog. */
    public Path file() {
        return file;
    }

    /** {@code duckdb} or {@code postgresql}. */
    public String backend() {
        return dialect == Dialect.DUCKDB ? "duckdb" : "postgresql";
    }

    /** Where the catalog is, safe to show: the DuckDB file or the PostgreSQL URL without its password. */
    public String location() {
        return where;
    }

    /** Held while a run moves, links or deletes library files; closing releases it. */
    public interface WriterLock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the library's file-writer lock, waiting while another process holds it ({@code waiting} is told who, once).
     * Runs that rearrange library files (undo, dedup, check --repair) hold it alone, so on a shared catalog they
     * wait for organize runs (which hold it together, {@link #concurrentWriter}) and for each other: what they plan
     * from is not renumbered or moved under them. The lock is PostgreSQL's session advisory lock: a process that
     * dies (SIGKILL, a lost machine) loses its connection and so its lock; its runs' interrupted operations are
     * settled once their leases end too ({@link Journal#interrupted}). On DuckDB the file lock already makes this
     * process the only writer, and the commands it runs take turns ({@link #inProcess}). Reentrant.
     */
    public WriterLock exclusiveWriter(java.util.function.Consumer<String> waiting) {
        return exclusive(Activity.FILES, waiting != null ? waiting : waitingNotice);
    }

    /**
     * Who is told, when a run that rearranges files ({@link #exclusiveWriter}) waits and its caller named no one
     * else: the command line prints it, so an undo, a dedup or a repair waiting for another machine's organize says so
     * instead of sitting silent. Null: no one.
     */
    public void onWaiting(java.util.function.Consumer<String> notice) {
        this.waitingNotice = notice;
    }

    /**
     * Takes the file-writer lock shared with other organize runs (PostgreSQL's shared advisory lock): organize runs on
     * many machines go on at once, each planning a batch in its turn under {@link Activity#PLANNING}, while a run
     * that rearranges what organize plans from (undo, dedup, check --repair) waits for them all and they for it.
     * On DuckDB, where recovery is not lease-aware, organize runs take turns with every other file writer.
     */
    public WriterLock concurrentWriter(java.util.function.Consumer<String> waiting) {
        if (dialect != Dialect.POSTGRES) {
            return inProcess(Activity.FILES, waiting);
        }
        return advisory(Activity.FILES, true, waiting);
    }

    /**
     * An activity's lock on a DuckDB catalog, among this process's threads: one process writes the file, but an owner
     * runs commands for other alice processes beside its own work (a watch's organize, a forwarded undo). Runs that
     * change files settle interrupted operations before they start and must never settle another's under way. A
     * thread holding it never waits for the library's lock ({@code app.LibraryService}); the other way round is
     * allowed (a surface's dedup, a video clip filed under the lock). Fair: a waiting command goes next.
     */
    private WriterLock inProcess(Activity activity, java.util.function.Consumer<String> waiting) {
        java.util.concurrent.locks.ReentrantLock lock;
        synchronized (inProcess) {
            lock = inProcess.computeIfAbsent(activity, a -> new java.util.concurrent.locks.ReentrantLock(true));
        }
        if (!lock.tryLock()) {
            if (waiting != null) {
                waiting.accept("another command in this process");
            }
            lock.lock();
        }
        return lock::unlock;
    }

    /**
     * What only one process at a time may do on a shared catalog, each under a PostgreSQL advisory lock of its own:
     * rearranging library files (undo, dedup, check --repair; organize runs share this one, see
     * {@link #concurrentWriter}); planning an organize batch; sending images to paid vision models (two machines
     * never pay for the same image); advancing video jobs (submitting, polling, downloading: nothing is sent or
     * fetched twice).
     */
    public enum Activity {
        FILES(0x616c69636577L), UNDERSTANDING(0x616c69636575L), VIDEO_JOBS(0x616c69636576L),
        /** Planning one organize batch: reading what others placed, planned and numbered, and journaling the plan. */
        PLANNING(0x616c69636570L);

        private final long key;

        Activity(long key) {
            this.key = key;
        }
    }

    /** Like {@link #exclusiveWriter}, for any {@link Activity}: waits for its lock, holds it until closed. */
    public WriterLock exclusive(Activity activity, java.util.function.Consumer<String> waiting) {
        if (dialect != Dialect.POSTGRES) {
            // only the file writers take turns here: an understanding run reports its results under the library's
            // lock, which a surface may hold while it waits for this one (the order must not turn around)
            return activity == Activity.FILES ? inProcess(activity, waiting) : () -> { };
        }
        return advisory(activity, false, waiting);
    }

    /** PostgreSQL's session advisory lock of {@code activity}, {@code shared} or alone, waited for and held. */
    private WriterLock advisory(Activity activity, boolean shared, java.util.function.Consumer<String> waiting) {
        String kind = shared ? "_shared" : "";
        try (Statement s = connection().createStatement()) {
            boolean got;
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock" + kind + "(" + activity.key + ")")) {
                got = rs.next() && rs.getBoolean(1);
            }
            if (!got) {
                if (waiting != null) {
                    waiting.accept(holder(activity));
                }
                s.execute("SELECT pg_advisory_lock" + kind + "(" + activity.key + ")");
            }
        } catch (SQLException e) {
            throw fail("lock", e);
        }
        return () -> {
            try (Statement s = connection().createStatement()) {
                s.execute("SELECT pg_advisory_unlock" + kind + "(" + activity.key + ")");
            } catch (SQLException e) {
                throw fail("unlock", e);
            }
        };
    }

    /**
     * Claims {@code activity} for this process without waiting, for as long as this catalog stays open (a process
     * that dies loses it with its connection); true when claimed. A DuckDB catalog has one writing process, which
     * opens it once ({@code app.LibraryService}: one per process, lent to the commands it runs for other alice
     * processes), so the claim is always this process's.
     */
    public boolean claim(Activity activity) {
        if (dialect != Dialect.POSTGRES) {
            return true;
        }
        try {
            return tryLock(activity);
        } catch (SQLException e) {
            throw fail("lock", e);
        }
    }

    private boolean tryLock(Activity activity) throws SQLException {
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + activity.key + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Who holds an activity's lock, as PostgreSQL knows the session (application name and client address). */
    private String holder(Activity activity) {
        return holderOf(activity.key);
    }

    private String holderOf(long key) {
        List<String> who = select("SELECT coalesce(a.application_name, '?') || ' from ' "
                + "|| coalesce(host(a.client_addr), 'a local socket') FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = ?",
                List.of(key & 0xffffffffL), rs -> rs.getString(1));
        return who.isEmpty() ? "another process" : who.get(0);
    }

    /** Whether other processes may write this catalog at the same time (PostgreSQL): then no owner is needed. */
    public boolean shared() {
        return dialect == Dialect.POSTGRES;
    }

    Dialect dialect() {
        return dialect;
    }

    // ---- reads ----

    /** Every asset's library path by content hash. */
    public Map<String, String> assetPaths() {
        Map<String, String> out = new HashMap<>();
        query("SELECT content_hash, path FROM assets", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** Path, size, mtime, project and source of every asset, for checks and numbering. */
    public List<AssetFile> assetFiles() {
        List<AssetFile> out = new ArrayList<>();
        query("SELECT content_hash, path, bytes, mtime, project, source FROM assets ORDER BY path",
                rs -> out.add(new AssetFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6))));
        return out;
    }

    /**
     * The timeline facts of the assets {@code hashes} names (unknown hashes left out), oldest first (creation date,
     * then path); every asset's when {@code hashes} is null, at most {@code limit}.
     */
    public List<ClipSource> clipSources(Collection<String> hashes, int limit) {
        String where = hashes == null ? "" : " WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))";
        List<Object> params = new ArrayList<>();
        if (hashes != null) {
            try {
                params.add(connection().createArrayOf("VARCHAR", hashes.toArray()));
            } catch (SQLException e) {
                throw fail("query", e);
            }
        }
        params.add(Math.max(0, limit));
        return select("SELECT content_hash, path, media_type, duration, width, height, created_at, prompt, source, "
                + "model FROM assets" + where + " ORDER BY created_at NULLS LAST, path LIMIT ?", params,
                rs -> new ClipSource(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4),
                        rs.getObject(5) == null ? null : rs.getInt(5), rs.getObject(6) == null ? null : rs.getInt(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toLocalDateTime(), rs.getString(8),
                        rs.getString(9), rs.getString(10)));
    }

    /**
     * The facts an XMP sidecar carries for the assets {@code hashes} names (every asset when null), by path: one
     * query for assets, tags, the latest description and the local analyzer's latest star score.
     */
    public List<SidecarFacts> sidecarFacts(Collection<String> hashes) {
        String where = hashes == null ? "" : " WHERE a.content_hash IN (SELECT unnest(?::VARCHAR[]))";
        List<Object> params = new ArrayList<>();
        if (hashes != null) {
            try {
                params.add(connection().createArrayOf("VARCHAR", hashes.toArray()));
            } catch (SQLException e) {
                throw fail("query", e);
            }
        }
        return select("""
                WITH t AS (SELECT content_hash, string_agg(origin || chr(31) || coalesce(category, '') || chr(31)
                                                     || tag, chr(30) ORDER BY origin, tag) AS tags
                           FROM tags GROUP BY content_hash),
                     u AS (SELECT DISTINCT ON (content_hash) content_hash, description FROM understanding
                           WHERE description IS NOT NULL ORDER BY content_hash, created_at DESC),
                     q AS (SELECT DISTINCT ON (content_hash) content_hash,
                                  CAST(((tags->'measures')->>'stars') AS DOUBLE PRECISION) AS stars
                           FROM understanding WHERE provider = 'local' AND ((tags->'measures')->>'stars') IS NOT NULL
                           ORDER BY content_hash, created_at DESC)
                SELECT a.content_hash, a.path, a.source, a.ai_generated, a.prompt, a.negative, a.model,
                       array_to_string(a.seeds, chr(30)), CAST(a.params AS VARCHAR), t.tags, u.description, q.stars
                FROM assets a LEFT JOIN t ON t.content_hash = a.content_hash
                LEFT JOIN u ON u.content_hash = a.content_hash LEFT JOIN q ON q.content_hash = a.content_hash"""
                + where + " ORDER BY a.path", params, rs -> {
                    // lists travel as text joined by control characters: reading 10,000 JDBC arrays of structs
                    // cost seconds, these strings milliseconds
                    String seedText = rs.getString(8);
                    List<String> seeds = seedText == null || seedText.isEmpty() ? List.of()
                            : List.of(seedText.split("\u001e"));
                    List<AssetRecord.Tag> tags = new ArrayList<>();
                    String tagText = rs.getString(10);
                    if (tagText != null) {
                        for (String one : tagText.split("\u001e")) {
                            String[] f = one.split("\u001f", 3);
                            if (f.length == 3) {
                                tags.add(new AssetRecord.Tag(f[2], f[1].isEmpty() ? null : f[1], f[0], null));
                            }
                        }
                    }
                    double stars = rs.getDouble(12);
                    Integer starScore = rs.wasNull() ? null : (int) Math.max(1, Math.min(5, Math.round(stars)));
                    return new SidecarFacts(rs.getString(1), rs.getString(2), rs.getString(3),
                            (Boolean) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), seeds,
                            rs.getString(9), tags, rs.getString(11), starScore);
                });
    }

    /** The write-ahead journal of file operations, and the runs. */
    public Journal journal() {
        return journal;
    }

    /** How this catalog stores library paths and reads them back. */
    LibraryPaths paths() {
        return paths;
    }

    /** The {@code {seq}} counters organize runs share on a shared catalog. */
    public Numbering numbering() {
        return new Numbering(this);
    }

    /** Reads shaped for the surfaces (asset records, newest assets, runs, tags). */
    public AssetViews views() {
        return new AssetViews(this);
    }

    /** Typed reads for the domain packages (rebuild, dedup, understanding, tag listings). */
    public AssetReads reads() {
        return new AssetReads(this);
    }

    /** What search writes besides assets: user tags and text embeddings. */
    public SearchStore searchStore() {
        return new SearchStore(this);
    }

    /** What a search reads when its rows are not in memory: filtered assets, rows, facets. */
    public SearchReads searchReads() {
        return new SearchReads(this);
    }

    /** What search builds its indexes from: rows, lexical documents, texts to embed, vectors. */
    public SearchIndexSources searchIndexSources() {
        return new SearchIndexSources(this);
    }

    /** The understanding cache and spend ledger. */
    public UnderstandingStore understanding() {
        return new UnderstandingStore(this);
    }

    /** The video generation jobs. */
    public VideoJobs videoJobs() {
        return new VideoJobs(this);
    }

    /** The catalog as open data (Parquet, CSV, JSON Lines). */
    public OpenData openData() {
        return new OpenData(this);
    }

    Connection connection() {
        return session().connection;
    }

    private Session session() {
        return sessions == null ? only : sessions.get();
    }

    /** The opening thread keeps the connection it opened with; every other thread gets one of its own. */
    private Session newSession() {
        if (opener == Thread.currentThread()) {
            return only;
        }
        try {
            // threads come and go (a background batch, a pool for one hashing run): a finished one's connection goes
            for (Map.Entry<Connection, Thread> e : duplicates.entrySet()) {
                if (!e.getValue().isAlive() && duplicates.remove(e.getKey()) != null) {
                    e.getKey().close();
                }
            }
            Connection c = ((org.duckdb.DuckDBConnection) base).duplicate();
            duplicates.put(c, Thread.currentThread());
            return new Session(c);
        } catch (SQLException e) {
            throw fail("connect", e);
        }
    }

    /** Runs {@code work} in one transaction (for the stores that share this connection). */
    void inTransaction(SqlWork work) {
        transaction(work);
    }

    /**
     * Inside a transaction: marks the search text of {@code hashes} changed (descriptions, tags) — their embeddings
     * are dropped to be recomputed and the change counter moves so the search indexes catch up.
     */
    void searchTextChanged(Collection<String> hashes) throws SQLException {
        deleteWhereIn("embeddings", "content_hash", hashes);
        bumpChanges(hashes);
    }

    /** Inbox files already handled, by absolute path (an inbox inside the library is stored relative to it). */
    public Map<String, InboxFile> inboxFiles() {
        Map<String, InboxFile> out = new HashMap<>();
        query("SELECT path, bytes, mtime, content_hash FROM inbox_files", rs -> {
            String path = paths.resolved(rs.getString(1));
            out.put(path, new InboxFile(path, rs.getLong(2), rs.getLong(3), rs.getString(4)));
        });
        return out;
    }

    /** Each of {@code paths} as stored now and as it may have been stored before (absolute): the rows naming them. */
    private List<String> inboxRows(Collection<String> absolute) {
        Set<String> rows = new java.util.LinkedHashSet<>(absolute);
        absolute.forEach(p -> rows.add(paths.stored(p)));
        return new ArrayList<>(rows);
    }

    /** Tags users made (origin {@code user}), which rebuilds keep. */
    public List<String[]> userTags() {
        List<String[]> out = new ArrayList<>();
        query("SELECT content_hash, tag, category FROM tags WHERE origin = 'user'",
                rs -> out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}));
        return out;
    }

    /**
     * Counts of assets grouped by a whitelisted dimension, largest first; models as the search facet groups them
     * ({@link Facet#ordered}: with and without a checkpoint's extension and folders, as one).
     */
    public Map<String, Long> countBy(Dimension d) {
        Map<String, Long> out = new LinkedHashMap<>();
        query("SELECT " + d.expression + " AS k, count(*) AS n FROM assets GROUP BY k ORDER BY n DESC, k",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return d == Dimension.MODEL ? Facet.MODEL.ordered(out) : out;
    }

    public long assetCount() {
        long[] n = {0};
        query("SELECT count(*) FROM assets", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    // ---- writes ----

    /**
     * Applies one batch atomically: removes the listed assets, adds the new ones (with tags and hashes), records
     * inbox files and duplicates, and appends journal lines.
     */
    public void commit(CatalogBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        transaction(() -> {
            deleteAssetsInTransaction(batch.removedAssets(), false);
            deleteWhereIn("inbox_files", "path", inboxRows(batch.inboxFiles().stream().map(InboxFile::path).toList()));
            try (BulkRows assets = rows("assets", 22);
                 BulkRows tags = rows("tags", 5);
                 BulkRows hashes = rows("hashes", 5)) {
                for (AssetRecord a : batch.assets()) {
                    appendAsset(assets, a);
                    for (AssetRecord.Tag t : a.tags()) {
                        tags.row(a.contentHash(), t.tag(), t.category(), t.origin(), t.confidence());
                    }
                    if (a.dhash() != null || a.phash() != null) {
                        hashes.row(a.contentHash(), a.dhash(), a.phash(), a.zhash(), a.colour());
                    }
                }
            }
            try (BulkRows inbox = rows("inbox_files", 4)) {
                for (InboxFile f : batch.inboxFiles()) {
                    inbox.row(paths.stored(f.path()), f.bytes(), f.mtime(), f.contentHash());
                }
            }
            try (BulkRows dup = rows("duplicates", 6)) {
                for (CatalogBatch.Duplicate d : batch.duplicates()) {
                    dup.row(d.run(), paths.stored(d.source()), d.contentHash(), d.keptPath(), d.movedTo(),
                            LocalDateTime.now());
                }
            }
            for (String[] t : batch.userTags()) {
                try (PreparedStatement ps = connection().prepareStatement(
                        "INSERT INTO tags SELECT ?, ?, ?, 'user', NULL WHERE NOT EXISTS "
                                + "(SELECT 1 FROM tags WHERE content_hash = ? AND tag = ? AND origin = 'user')"
                                + dialect.onConflictDoNothing(SearchStore.USER_TAG))) {
                    ps.setString(1, t[0]);
                    ps.setString(2, t[1]);
                    ps.setString(3, t[2]);
                    ps.setString(4, t[0]);
                    ps.setString(5, t[1]);
                    ps.executeUpdate();
                }
            }
            journal.append(batch.journal());
            if (!batch.assets().isEmpty() || !batch.removedAssets().isEmpty() || !batch.userTags().isEmpty()) {
                java.util.Set<String> touched = new java.util.LinkedHashSet<>(batch.removedAssets());
                batch.assets().forEach(a -> touched.add(a.contentHash()));
                batch.userTags().forEach(t -> touched.add(t[0]));
                bumpChanges(touched);
            }
        });
    }

    /**
     * Stores the perceptual hashes computed after organize (see {@code AssetReads#unhashed}): one row per content
     * that is still catalogued and has none yet; a null value records that its pixels could not be decoded, so it
     * is not tried again. Search does not read hashes, so the change counter stays. Several processes may fill at
     * once on PostgreSQL, whose unique index keeps one row per content.
     */
    public void addHashes(Map<String, ImageHashes> byContent) {
        if (byContent.isEmpty()) {
            return;
        }
        // one statement per 256 rows (a row per statement took ~1 ms each on DuckDB)
        List<Map.Entry<String, ImageHashes>> rows = new ArrayList<>(byContent.entrySet());
        transaction(() -> {
            for (int from = 0; from < rows.size(); from += 256) {
                List<Map.Entry<String, ImageHashes>> part = rows.subList(from, Math.min(rows.size(), from + 256));
                String values = String.join(", ", java.util.Collections.nCopies(part.size(),
                        "(CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
                                + " CAST(? AS INTEGER))"));
                String sql = "INSERT INTO hashes (content_hash, dhash, phash, zhash, colour)"
                        + " SELECT v.c, v.d, v.p, v.z, v.k FROM (VALUES " + values + ") AS v(c, d, p, z, k)"
                        + " WHERE EXISTS (SELECT 1 FROM assets a WHERE a.content_hash = v.c)"
                        + " AND NOT EXISTS (SELECT 1 FROM hashes h WHERE h.content_hash = v.c)"
                        + dialect.onConflictDoNothing("(content_hash)");
                try (PreparedStatement ps = connection().prepareStatement(sql)) {
                    int i = 1;
                    for (Map.Entry<String, ImageHashes> e : part) {
                        ImageHashes h = e.getValue();
                        ps.setString(i++, e.getKey());
                        ps.setObject(i++, h == null ? null : h.dhash(), java.sql.Types.BIGINT);
                        ps.setObject(i++, h == null ? null : h.phash(), java.sql.Types.BIGINT);
                        ps.setObject(i++, h == null ? null : h.zhash(), java.sql.Types.BIGINT);
                        ps.setObject(i++, h == null ? null : h.colour(), java.sql.Types.INTEGER);
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    /**
     * Removes assets (and their prompt tags and hashes; user and understanding tags stay for a later return of the
     * content, as the understanding cache does).
     */
    public void deleteAssets(Collection<String> contentHashes) {
        transaction(() -> {
            deleteAssetsInTransaction(contentHashes, false);
            bumpChanges(contentHashes);
        });
    }

    /** Empties the derived tables for a rebuild; user tags, journal, runs and duplicates stay. */
    public void clearDerived() {
        transaction(() -> {
            try (Statement s = connection().createStatement()) {
                s.execute("DELETE FROM assets");
                s.execute("DELETE FROM hashes");
                s.execute("DELETE FROM tags WHERE origin = 'prompt'");
                s.execute("DELETE FROM embeddings");
            }
            bumpChanges(null);
        });
    }

    public void removeInboxFiles(Collection<String> files) {
        transaction(() -> deleteWhereIn("inbox_files", "path", inboxRows(files)));
    }

    @Override
    public void close() {
        try {
            for (Connection c : duplicates.keySet()) {
                c.close();
            }
            base.close();
        } catch (SQLException e) {
            throw fail("close", e);
        }
    }

    // ---- search support ----

    /**
     * The change counter if this process knows it without asking the catalog, else -1. Safe from any thread: it
     * never touches the connection().
     */
    public long knownChangeCounter() {
        return counter.get();
    }

    /** The change counter: bumped by every write that adds, removes or re-tags assets. */
    public long changeCounter() {
        long known = session().depth == 0 ? counter.get() : -1;
        if (known >= 0) {
            return known;
        }
        long epoch = counter.epoch();
        long[] n = {0};
        query("SELECT coalesce(max(counter), 0) FROM changes", rs -> n[0] = rs.getLong(1));
        if (session().depth == 0) {
            counter.put(epoch, n[0]);
        }
        return n[0];
    }

    /** Moves the change counter in a transaction of its own: every cached index of this catalog is rebuilt. */
    void bumpChangesNow() {
        transaction(() -> bumpChanges(null));
    }

    /** Entries of the change log kept behind the newest counter; a process further behind rebuilds its indexes. */
    private static final long CHANGE_LOG_KEPT = 2_000;
    /** Marks "every asset" in the change log. */
    private static final String EVERYTHING = "*";

    /**
     * Inside a transaction: moves the change counter and logs which assets the move touched ({@code hashes}; null:
     * every asset), so other processes can bring their search indexes up to date with those assets alone.
     */
    void bumpChanges(Collection<String> hashes) throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute("UPDATE changes SET counter = counter + 1");
            long now;
            try (ResultSet rs = s.executeQuery("SELECT counter FROM changes")) {
                rs.next();
                now = rs.getLong(1);
            }
            List<String> logged = hashes == null ? List.of(EVERYTHING)
                    : hashes.isEmpty() ? List.of("") : new ArrayList<>(new java.util.LinkedHashSet<>(hashes));
            for (int from = 0; from < logged.size(); from += 500) {
                List<String> part = logged.subList(from, Math.min(logged.size(), from + 500));
                try (PreparedStatement ps = connection().prepareStatement("INSERT INTO change_log VALUES "
                        + String.join(", ", java.util.Collections.nCopies(part.size(), "(?, ?)")))) {
                    int i = 1;
                    for (String h : part) {
                        ps.setLong(i++, now);
                        ps.setString(i++, h);
                    }
                    ps.executeUpdate();
                }
            }
            if (now % 100 == 0) {
                s.execute("DELETE FROM change_log WHERE counter <= " + (now - CHANGE_LOG_KEPT));
            }
        } finally {
            counter.invalidate(); // in a transaction, again once it commits
        }
    }

    /**
     * The assets whose rows, tags, descriptions or vectors changed after change counter {@code since} up to
     * {@code upTo}; empty when the log cannot tell (a change of every asset, or entries no longer kept): then an
     * index is rebuilt whole.
     */
    public Optional<java.util.Set<String>> changedBetween(long since, long upTo) {
        if (upTo <= since) {
            return Optional.of(java.util.Set.of());
        }
        // the words index, the vectors and the rows of one engine each catch up over the same range: read it once
        ChangeRange last = lastChanges;
        if (last != null && last.since() == since && last.upTo() == upTo) {
            return last.changed();
        }
        Optional<java.util.Set<String>> changed = readChangeLog(since, upTo);
        lastChanges = new ChangeRange(since, upTo, changed);
        return changed;
    }

    /** The change log's answer for one range of counters; a range up to a counter already read never changes. */
    private record ChangeRange(long since, long upTo, Optional<java.util.Set<String>> changed) {
    }

    private volatile ChangeRange lastChanges;

    private Optional<java.util.Set<String>> readChangeLog(long since, long upTo) {
        java.util.Set<Long> counters = new java.util.HashSet<>();
        java.util.Set<String> hashes = new java.util.HashSet<>();
        boolean[] everything = {false};
        select("SELECT counter, content_hash FROM change_log WHERE counter > ? AND counter <= ?",
                List.of(since, upTo), rs -> {
                    counters.add(rs.getLong(1));
                    String h = rs.getString(2);
                    if (EVERYTHING.equals(h)) {
                        everything[0] = true;
                    } else if (!h.isEmpty()) {
                        hashes.add(h);
                    }
                    return null;
                });
        // every move of the counter logs at least one line: a missing one was made before the log existed, or pruned
        if (everything[0] || counters.size() != upTo - since) {
            return Optional.empty();
        }
        return Optional.of(java.util.Collections.unmodifiableSet(hashes));
    }

    // ---- internals ----

    private void deleteAssetsInTransaction(Collection<String> hashes, boolean includeUserTags) throws SQLException {
        if (hashes.isEmpty()) {
            return;
        }
        deleteWhereIn("assets", "content_hash", hashes);
        deleteWhereIn("hashes", "content_hash", hashes);
        deleteWhereIn("embeddings", "content_hash", hashes);
        try (PreparedStatement ps = connection().prepareStatement(
                "DELETE FROM tags WHERE content_hash = ? AND origin NOT IN ('user', 'understanding')")) {
            for (String h : hashes) {
                ps.setString(1, h);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void deleteWhereIn(String table, String column, Collection<String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        // table and column are constants of this class, values are bound parameters
        try (PreparedStatement ps = connection().prepareStatement(
                "DELETE FROM " + table + " WHERE " + column + " IN (SELECT unnest(?::VARCHAR[]))")) {
            ps.setArray(1, connection().createArrayOf("VARCHAR", values.toArray()));
            ps.executeUpdate();
        }
    }

    private static void appendAsset(BulkRows a, AssetRecord r) throws SQLException {
        a.row(r.contentHash(), r.path(), r.originalPath(), r.mediaType(), r.format(), r.width(), r.height(),
                r.duration(), r.bytes(), r.mtime(), r.source(), r.aiGenerated(), r.project(), r.createdAt(),
                r.organizedAt(), r.prompt(), r.negative(), r.model(), r.seeds(), BulkRows.Json.of(r.params()),
                BulkRows.Json.of(r.raw()), r.run());
    }

    /** Bulk rows into {@code table} (of {@code columns} columns) inside the current transaction. */
    BulkRows rows(String table, int columns) throws SQLException {
        return BulkRows.open(connection(), dialect, table, columns);
    }

    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** DuckDB's write-ahead log beside {@code file}. */
    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + ".wal");
    }

    /**
     * DuckDB makes its write-ahead log itself, with the process's umask (0644), and deletes it at every checkpoint:
     * it cannot be created 0600, so it is narrowed after each write transaction (one stat call). It lies in the 0700
     * {@code .alice/}, which keeps other users out meanwhile.
     */
    private void narrowWal() {
        if (dialect == Dialect.DUCKDB && file != null && file.getParent() != null) {
            try {
                PrivateFiles.restrict(wal(file));
            } catch (IOException | RuntimeException e) {
                // checkpointed away meanwhile, or a filesystem that refuses
            }
        }
    }

    private void transaction(SqlWork work) {
        try {
            Session session = session();
            Connection connection = session.connection;
            connection.setAutoCommit(false);
            session.depth++;
            Exception failed = null;
            try {
                if (dialect == Dialect.DUCKDB && session.depth == 1) {
                    // DuckDB begins a transaction at the first statement; an appender flushed before any statement
                    // (a batch whose first rows are appended) would commit its rows in a transaction of its own, so
                    // a rollback would keep them. One statement makes the transaction exist first.
                    try (Statement begin = connection.createStatement()) {
                        begin.execute("SELECT 1");
                    }
                }
                work.run();
                connection.commit();
                if (session.depth == 1) {
                    narrowWal();
                }
            } catch (SQLException | RuntimeException e) {
                failed = e;
                try {
                    connection.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r); // DuckDB: a failed commit leaves no transaction to roll back
                }
                throw e;
            } finally {
                session.depth--;
                counter.invalidate();
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException a) {
                    // the first error says what went wrong (a full disk), not this one's "no transaction is active"
                    if (failed == null) {
                        throw a;
                    }
                    failed.addSuppressed(a);
                }
            }
        } catch (SQLException e) {
            throw fail("write", e);
        }
    }

    private void query(String sql, RowHandler handler) {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        } catch (SQLException e) {
            throw fail("query", e);
        }
    }

    /** Runs a read-only query with bound parameters (for the search and stats readers). */
    public <T> List<T> select(String sql, List<Object> params, RowMapper<T> mapper) {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw fail("query", e);
        }
        return out;
    }

    /**
     * Hands each row of a query to {@code each} as it is read, holding no more than a batch: PostgreSQL's driver
     * otherwise reads a whole result into memory before the first row is seen (every asset's search text, at
     * 1,000,000 assets), so there the rows come 5,000 at a time through a cursor, inside a transaction. DuckDB
     * streams a result as it is.
     */
    void stream(String sql, List<Object> params, RowMapper<?> each) {
        try {
            Connection c = connection();
            boolean own = dialect == Dialect.POSTGRES && c.getAutoCommit(); // a cursor lives only in a transaction
            if (own) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5_000);
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.map(rs);
                    }
                }
            } finally {
                if (own) {
                    c.rollback(); // it only read
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw fail("query", e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Maps one result row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    CatalogException fail(String what, SQLException e) {
        return new CatalogException("catalog " + what + " failed (" + where + "): " + e.getMessage(), e);
    }

    static Set<String> tables() {
        return Set.of("assets", "tags", "hashes", "journal", "runs", "inbox_files", "duplicates", "understanding",
                "spend", "embeddings", "changes");
    }
}
