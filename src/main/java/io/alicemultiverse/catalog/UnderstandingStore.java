package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The understanding cache (results by content hash, provider, model and instruction version) and the spend ledger
 * in the catalog. Not thread-safe, like the {@link Catalog} it writes through.
 */
public final class UnderstandingStore {
    private final Catalog catalog;

    UnderstandingStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Which of {@code hashes} already have a result for this provider, model and instruction version. */
    public Set<String> understood(String provider, String model, String instructionVersion,
                                  Collection<String> hashes) {
        Set<String> out = new java.util.HashSet<>();
        if (hashes.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = catalog.connection().prepareStatement("""
                SELECT DISTINCT content_hash FROM understanding WHERE provider = ? AND model = ?
                AND instruction_version = ? AND content_hash IN (SELECT unnest(?::VARCHAR[]))""")) {
            ps.setString(1, provider);
            ps.setString(2, model);
            ps.setString(3, instructionVersion);
            ps.setArray(4, catalog.connection().createArrayOf("VARCHAR", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw catalog.fail("read understanding", e);
        }
        return out;
    }

    /**
     * Stores understanding results and spend lines in one transaction: each result replaces an earlier one for the
     * same key, and its tags replace the asset's earlier {@code understanding} tags. The assets' search text changed:
     * their embeddings are dropped (to be recomputed with the description) and the change counter moves.
     */
    public void saveUnderstanding(Collection<UnderstandingRow> rows, Collection<SpendEntry> spend) {
        if (rows.isEmpty() && spend.isEmpty()) {
            return;
        }
        catalog.inTransaction(() -> {
            try (PreparedStatement del = catalog.connection().prepareStatement("""
                    DELETE FROM understanding WHERE content_hash = ? AND provider = ? AND model = ?
                    AND instruction_version = ?""");
                 PreparedStatement delTags = catalog.connection().prepareStatement(
                         "DELETE FROM tags WHERE content_hash = ? AND origin = 'understanding'")) {
                for (UnderstandingRow r : rows) {
                    del.setString(1, r.contentHash());
                    del.setString(2, r.provider());
                    del.setString(3, r.model());
                    del.setString(4, r.instructionVersion());
                    del.addBatch();
                    delTags.setString(1, r.contentHash());
                    delTags.addBatch();
                }
                if (!rows.isEmpty()) {
                    del.executeBatch();
                    delTags.executeBatch();
                }
            }
            try (BulkRows u = catalog.rows("understanding", 9); BulkRows t = catalog.rows("tags", 5)) {
                for (UnderstandingRow r : rows) {
                    u.row(r.contentHash(), r.provider(), r.model(), r.instructionVersion(), r.description(),
                            BulkRows.Json.of(r.tagsJson()), r.prompt(), r.negative(), r.createdAt());
                    for (AssetRecord.Tag tag : r.tags()) {
                        t.row(r.contentHash(), tag.tag(), tag.category(), "understanding", tag.confidence());
                    }
                }
            }
            if (!rows.isEmpty()) {
                catalog.searchTextChanged(rows.stream().map(UnderstandingRow::contentHash).distinct().toList());
            }
            try (BulkRows a = catalog.rows("spend", 9)) {
                for (SpendEntry e : spend) {
                    a.row(e.time(), e.provider(), e.model(), e.tokensIn(), e.tokensOut(), e.costUsd(),
                            e.contentHash(), e.run(), e.project());
                }
            }
        });
    }

    /** Dollars spent from {@code since} on (inclusive). */
    public double spentSince(LocalDateTime since) {
        List<Double> v = catalog.select("SELECT coalesce(sum(cost_usd), 0) FROM spend WHERE time >= ?",
                List.of(Timestamp.valueOf(since)), rs -> rs.getDouble(1));
        return v.isEmpty() ? 0 : v.get(0);
    }


    /** How the spend ledger can be grouped: a whitelist of SQL expressions, never user text in SQL. */
    public enum SpendGrouping {
        DAY("substr(CAST(time AS VARCHAR), 1, 10)"), PROVIDER("provider"), MODEL("provider || '/' || model"),
        PROJECT("coalesce(project, 'uncategorized')");

        private final String expression;

        SpendGrouping(String expression) {
            this.expression = expression;
        }
    }

    /**
     * One group of the spend ledger: its key, the images (paid lines whose image has a result), the paid lines whose
     * image has none (an unreadable or failed reply), the video clips billed (a clip is billed only when made) and
     * their seconds (the duration asked for, else the filed clip's), tokens and dollars.
     */
    public record SpendGroup(String key, long images, long failed, long clips, double seconds, long tokensIn,
                             long tokensOut, double costUsd) {
    }

    /**
     * One day's work of one paid operation ({@code understanding} or {@code video}): how many items it produced
     * (images understood, by any provider including the free local one; video clips billed) and what it cost.
     */
    public record DailyOperation(String day, String operation, long count, double costUsd) {
    }

    /**
     * The ledger and the understanding results by day and operation, from {@code since} on, oldest day first.
     * Video spend lines are those whose provider starts with {@code video:}; everything else is understanding.
     * An understanding result re-made later counts on the later day.
     */
    public List<DailyOperation> byDayAndOperation(LocalDateTime since) {
        String video = "provider LIKE 'video:%'";
        return catalog.select("SELECT d, op, CAST(sum(n) AS BIGINT), CAST(sum(c) AS DOUBLE PRECISION) FROM ("
                        + "SELECT substr(CAST(created_at AS VARCHAR), 1, 10) AS d, 'understanding' AS op, 1 AS n, "
                        + "CAST(0 AS DOUBLE PRECISION) AS c FROM understanding WHERE created_at >= ? "
                        + "UNION ALL SELECT substr(CAST(time AS VARCHAR), 1, 10), CASE WHEN " + video
                        + " THEN 'video' ELSE 'understanding' END, CASE WHEN " + video + " THEN 1 ELSE 0 END, "
                        + "cost_usd FROM spend WHERE time >= ?) AS t GROUP BY d, op ORDER BY d, op",
                List.of(Timestamp.valueOf(since), Timestamp.valueOf(since)),
                rs -> new DailyOperation(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
    }

    /** The spend ledger grouped by {@code grouping}, by key (oldest day first). */
    public java.util.List<SpendGroup> spendBy(SpendGrouping grouping) {
        // the ledger does not say whether a paid reply could be read: a line made something when its image has a
        // result from that provider and model made then or later (a later run's success over an earlier unreadable
        // reply counts both; a result replaced by a newer one still counts)
        String video = "provider LIKE 'video:%'";
        String produced = "EXISTS (SELECT 1 FROM understanding u WHERE "
                + "u.content_hash = spend.content_hash AND u.provider = spend.provider AND u.model = spend.model "
                + "AND u.created_at >= spend.time)";
        // a video line's run is its job: the seconds asked for, else those of the clip it filed
        String seconds = "(SELECT coalesce(CAST(v.request ->> 'duration' AS DOUBLE PRECISION), (SELECT a.duration "
                + "FROM assets a WHERE a.content_hash = v.content_hash)) FROM video_jobs v WHERE v.id = s.run)";
        return catalog.select("SELECT " + grouping.expression + " AS k, sum(CASE WHEN " + video + " THEN 0 WHEN "
                + produced + " THEN 1 ELSE 0 END), sum(CASE WHEN " + video + " OR " + produced
                + " THEN 0 ELSE 1 END), sum(CASE WHEN " + video + " THEN 1 ELSE 0 END), sum(coalesce(seconds, 0)), "
                + "sum(tokens_in), sum(tokens_out), sum(cost_usd) FROM (SELECT s.*, CASE WHEN s.provider LIKE "
                + "'video:%' THEN " + seconds + " END AS seconds FROM spend s) spend GROUP BY k ORDER BY k",
                java.util.List.of(), rs -> new SpendGroup(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8)));
    }
}
