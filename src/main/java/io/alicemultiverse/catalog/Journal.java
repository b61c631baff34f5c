package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write-ahead journal and the runs table: every file operation ({@link JournalOp}) is written here (state
 * {@link JournalState#PLANNED}) before it happens and again ({@code done}, {@code failed}, …) after; recovery reads
 * the operations whose latest state is still planned. Operations and states are stored as their ids. Entry numbers
 * order the states of one operation; on DuckDB they come from this journal's counter (one catalog per
 * process, written from several threads), on PostgreSQL from a sequence. Not thread-safe beyond that counter (it
 * uses the catalog's connection).
 *
 * <p>Entries carry absolute paths in memory. A path under the library is stored relative to it (forward slashes),
 * and read back against this process's library root, so machines that mount a shared library at different places
 * (or a library folder that was moved) undo and settle each other's runs; a path outside it (an inbox) is stored
 * absolute. Lines stored absolute by earlier versions are read as they are ({@link LibraryPaths}).
 */
public final class Journal {
    private static final String LATEST = """
            SELECT run, seq, operation, source, target, content_hash, state FROM (
                SELECT run, seq, operation, source, target, content_hash, state,
                       row_number() OVER (PARTITION BY run, seq ORDER BY entry DESC) AS latest
                FROM journal) j
            WHERE latest = 1""";

    private final Catalog catalog;
    private final LibraryPaths paths;
    private final AtomicLong nextEntry;
    private final RunLeases leases;

    Journal(Catalog catalog, long firstFree) {
        this.catalog = catalog;
        this.paths = catalog.paths();
        this.leases = new RunLeases(catalog);
        if (catalog.dialect() == Dialect.POSTGRES) {
            this.nextEntry = null; // numbered by the database's sequence: many processes append at once
            return;
        }
        this.nextEntry = new AtomicLong(firstFree);
    }

    /** The latest state of every operation of {@code run}, in operation order. */
    public List<JournalEntry> entries(String run) {
        return catalog.select(LATEST + " AND run = ? ORDER BY seq", List.of(run), this::entry);
    }

    /** Operations whose latest state is {@code planned}: interrupted by a crash, or still under way elsewhere. */
    public List<JournalEntry> pending() {
        return catalog.select(LATEST + " AND state = ? ORDER BY run, seq", List.of(JournalState.PLANNED.id()),
                this::entry);
    }

    /**
     * The planned operations of runs no live process holds (on a shared catalog: whose lease has ended), claimed
     * for settling until closed, so two processes never settle one run and nobody settles a live machine's run.
     */
    public Interrupted interrupted() {
        List<JournalEntry> pending = pending();
        Set<String> dead = leases.claimDead(new LinkedHashSet<>(pending.stream().map(JournalEntry::run).toList()));
        List<JournalEntry> mine = pending.stream().filter(e -> dead.contains(e.run())).toList();
        return new Interrupted(mine, pending.size() - mine.size(), () -> leases.unclaim(dead));
    }

    /** {@link #interrupted()}'s answer: the entries to settle, and how many were left to their live runs. */
    public record Interrupted(List<JournalEntry> entries, int leftToLiveRuns, Runnable release)
            implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    /**
     * Operations whose latest state is {@code planned} in runs a live process still holds: on a shared catalog,
     * another machine's (or this process's) run under way, whose files may lie in the library before their rows are
     * committed. On DuckDB, where one process owns the catalog, this process's own runs under way: a check forwarded
     * to a watch runs beside the watch's organize runs.
     */
    public List<JournalEntry> inFlight() {
        List<JournalEntry> pending = pending();
        if (pending.isEmpty()) {
            return pending;
        }
        if (catalog.dialect() != Dialect.POSTGRES) {
            return pending.stream().filter(e -> leases.live(e.run())).toList();
        }
        Set<String> dead = ended(new LinkedHashSet<>(pending.stream().map(JournalEntry::run).toList()));
        return pending.stream().filter(e -> !dead.contains(e.run())).toList();
    }

    /** Those of {@code runs} no live process holds (finished or dead): their temporary files are leftovers. */
    public Set<String> ended(Collection<String> runs) {
        Set<String> dead = leases.claimDead(runs);
        leases.unclaim(dead); // a run that has ended never comes back
        return dead;
    }

    /**
     * Of some contents: where the library has them (library paths, relative to the root as assets store them), and
     * which other runs have planned to file but not finished.
     */
    public record Taken(Map<String, String> placed, Set<String> planned) {
    }

    /**
     * Of {@code hashes}: where the library has each (its library path), and which another run has planned to file
     * and not yet finished (a latest journal line {@code planned}). A run on a shared catalog asks this before it
     * plans a batch, under {@link Catalog.Activity#PLANNING}, so two machines never store one content twice.
     */
    public Taken taken(Collection<String> hashes) {
        Map<String, String> placed = new java.util.HashMap<>();
        Set<String> planned = new java.util.HashSet<>();
        if (hashes.isEmpty()) {
            return new Taken(placed, planned);
        }
        String sql = "SELECT content_hash, path, TRUE FROM assets WHERE content_hash = ANY (?) UNION ALL "
                + "SELECT j.content_hash, NULL, FALSE FROM journal j WHERE j.content_hash = ANY (?) AND j.state = ? "
                + "AND j.operation IN (?, ?) "
                + "AND NOT EXISTS (SELECT 1 FROM journal k WHERE k.run = j.run AND k.seq = j.seq AND k.entry > j.entry)";
        try (PreparedStatement ps = catalog.connection().prepareStatement(sql)) {
            java.sql.Array array = catalog.connection().createArrayOf("varchar", hashes.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            ps.setString(3, JournalState.PLANNED.id());
            ps.setString(4, JournalOp.COPY.id());
            ps.setString(5, JournalOp.MOVE.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        placed.put(rs.getString(1), rs.getString(2));
                    } else {
                        planned.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw catalog.fail("planned files", e);
        }
        planned.removeAll(placed.keySet());
        return new Taken(placed, planned);
    }

    /**
     * The files undo has put back where a run took them from (an inbox path, or a {@code (restored N)} name beside
     * it) and no run has taken from there since, each with the content it put back. A watch leaves them be.
     */
    public Map<String, String> restoredByUndo() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        catalog.stream("SELECT j.target, j.content_hash FROM journal j WHERE j.operation = ? AND j.state = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM journal k WHERE k.run = j.run AND k.seq = j.seq "
                        + "AND k.entry > j.entry) "
                        // a run that took it since planned that first (the undone lines of the run undo reversed
                        // come after its restores, and are no such thing)
                        + "AND NOT EXISTS (SELECT 1 FROM journal o WHERE o.source = j.target AND o.entry > j.entry "
                        + "AND o.state = ?) "
                        + "ORDER BY j.entry", List.of(JournalOp.RESTORE.id(), JournalState.DONE.id(),
                        JournalState.PLANNED.id()),
                rs -> out.put(paths.resolved(rs.getString(1)), rs.getString(2)));
        return out;
    }

    public List<RunInfo> runs() {
        return catalog.select("SELECT run, command, mode, inbox, started_at, finished_at, status FROM runs "
                + "ORDER BY started_at, run", List.of(), rs -> new RunInfo(rs.getString(1), rs.getString(2),
                rs.getString(3), paths.resolved(rs.getString(4)), time(rs.getTimestamp(5)), time(rs.getTimestamp(6)),
                rs.getString(7)));
    }

    /**
     * Records a run as started by this process (its host and process id kept with it) and, on a shared catalog,
     * takes the run's lease until {@link #finishRun}.
     */
    public void startRun(RunInfo run) {
        leases.hold(run.run());
        catalog.inTransaction(() -> {
            try (PreparedStatement ps = catalog.connection().prepareStatement("INSERT INTO runs (run, command, mode, "
                    + "inbox, started_at, finished_at, status, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, run.run());
                ps.setString(2, run.command());
                ps.setString(3, run.mode());
                ps.setString(4, paths.stored(run.inbox()));
                ps.setTimestamp(5, Timestamp.valueOf(run.startedAt()));
                ps.setTimestamp(6, null);
                ps.setString(7, run.status());
                ps.setString(8, CatalogUrl.hostName());
                ps.setLong(9, ProcessHandle.current().pid());
                ps.executeUpdate();
            }
        });
    }

    public void finishRun(String run, String status) {
        catalog.inTransaction(() -> {
            try (PreparedStatement ps = catalog.connection().prepareStatement(
                    "UPDATE runs SET finished_at = ?, status = ? WHERE run = ?")) {
                ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now()));
                ps.setString(2, status);
                ps.setString(3, run);
                ps.executeUpdate();
            }
        });
        leases.release(run);
    }

    /** Appends journal lines in one transaction; returns when they are durable in the catalog. */
    public void write(Collection<JournalEntry> entries) {
        if (!entries.isEmpty()) {
            catalog.inTransaction(() -> append(entries));
        }
    }

    /** Appends journal lines inside the caller's transaction. */
    void append(Collection<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        if (nextEntry == null) {
            try (PreparedStatement ps = catalog.connection().prepareStatement(
                    "INSERT INTO journal VALUES (nextval('journal_entry'), ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (JournalEntry e : entries) {
                    ps.setString(1, e.run());
                    ps.setInt(2, e.seq());
                    ps.setString(3, e.operation().id());
                    ps.setString(4, paths.stored(e.source()));
                    ps.setString(5, paths.stored(e.target()));
                    ps.setString(6, e.contentHash());
                    ps.setString(7, e.state().id());
                    ps.setTimestamp(8, Timestamp.valueOf(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        try (BulkRows j = catalog.rows("journal", 9)) {
            for (JournalEntry e : entries) {
                j.row(nextEntry.getAndIncrement(), e.run(), e.seq(), e.operation().id(), paths.stored(e.source()),
                        paths.stored(e.target()), e.contentHash(), e.state().id(), now);
            }
        }
    }

    private JournalEntry entry(ResultSet rs) throws SQLException {
        String run = rs.getString(1);
        int seq = rs.getInt(2);
        try {
            return new JournalEntry(run, seq, JournalOp.of(rs.getString(3)), paths.resolved(rs.getString(4)),
                    paths.resolved(rs.getString(5)), rs.getString(6), JournalState.of(rs.getString(7)));
        } catch (CatalogException e) {
            throw new CatalogException("journal line " + seq + " of run " + run + ": " + e.getMessage(), e);
        }
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
