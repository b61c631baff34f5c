package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's lease on a shared catalog: while a run changes library files, its process holds a PostgreSQL session
 * advisory lock named after the run. The server drops it with the session, so the lease ends when the process dies
 * (at once on a crash or a SIGKILL, within ~25 s for a machine that stops answering: see the keepalive settings in
 * {@link CatalogUrl}), and the run's interrupted operations become another process's to settle — never before.
 * The lock is the heartbeat: the server itself probes the session, so no row needs rewriting to stay alive.
 *
 * <p>On DuckDB one process writes the catalog and settles everything it finds (no leases); it only keeps the runs it
 * has under way ({@link #live}), which a check beside them (forwarded to a watch that owns the catalog) reads. Run ids
 * carry 32 random bits, so two runs sharing a lock name is rare, and only delays settling one of them while the other
 * lives.
 */
final class RunLeases {
    /** The first key of every run lease ("alir" in ASCII); the second is the run id's hash. */
    private static final int RUN_CLASS = 0x616c6972;

    private final Catalog catalog;
    /** Leases this catalog's session holds: its own live runs (the lock is re-entrant, so it must not claim them). */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    RunLeases(Catalog catalog) {
        this.catalog = catalog;
    }

    private boolean shared() {
        return catalog.dialect() == Dialect.POSTGRES;
    }

    /** Takes the lease of a run this process starts (on DuckDB: notes it as under way). */
    void hold(String run) {
        if (held.add(run) && shared()) {
            run("SELECT pg_advisory_lock(?, ?)", run); // waits only while a run with a twin id lives
        }
    }

    /** Gives up the lease of a finished run. */
    void release(String run) {
        if (held.remove(run) && shared()) {
            call("SELECT pg_advisory_unlock(?, ?)", run);
        }
    }

    /** Whether {@code run} is one this process has under way (started and not finished). */
    boolean live(String run) {
        return held.contains(run);
    }

    /**
     * Claims the leases of those of {@code runs} that no live process holds, for settling their operations; returns
     * them. The caller {@link #unclaim}s them when done. On DuckDB every run is returned.
     */
    Set<String> claimDead(Collection<String> runs) {
        Set<String> dead = new LinkedHashSet<>();
        for (String run : runs) {
            if (!shared() || (!held.contains(run) && call("SELECT pg_try_advisory_lock(?, ?)", run))) {
                dead.add(run);
            }
        }
        return dead;
    }

    void unclaim(Collection<String> claimed) {
        if (shared()) {
            claimed.forEach(run -> call("SELECT pg_advisory_unlock(?, ?)", run));
        }
    }

    private void run(String sql, String run) {
        try (PreparedStatement ps = catalog.connection().prepareStatement(sql)) {
            ps.setInt(1, RUN_CLASS);
            ps.setInt(2, run.hashCode());
            ps.execute();
        } catch (SQLException e) {
            throw catalog.fail("run lease", e);
        }
    }

    private boolean call(String sql, String run) {
        try (PreparedStatement ps = catalog.connection().prepareStatement(sql)) {
            ps.setInt(1, RUN_CLASS);
            ps.setInt(2, run.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw catalog.fail("run lease", e);
        }
    }
}
