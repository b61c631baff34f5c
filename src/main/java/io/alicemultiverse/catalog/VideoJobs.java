package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of video generation jobs ({@code video_jobs}): a job is inserted before it is submitted and
 * every state change is written before the step that follows it, so a restarted process knows what was in flight.
 * Spend lines of finished jobs go to the one spend ledger in the same transaction as the job's update. Not
 * thread-safe, like the {@link Catalog} it writes through.
 */
public final class VideoJobs {
    private static final String COLUMNS = "id, provider, model, request, prompt, project, base_url, provider_job_id, "
            + "status_url, result_url, cancel_url, state, remote_status, attempts, estimate_usd, cost_usd, output_url, "
            + "output_expires_at, path, content_hash, error, created_at, updated_at, submitted_at, finished_at, "
            + "deadline_at, next_check_at";
    /** One placeholder per column; the request is JSON, which PostgreSQL will not take from a plain string. */
    private static final String VALUES = "?, ?, ?, CAST(? AS JSON), " + "?, ".repeat(22) + "?";

    private final Catalog catalog;

    VideoJobs(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Claims the advancing of jobs (submit, poll, download) for this process while its catalog is open: on a shared
     * catalog only one process at a time may, so nothing is submitted, paid for or downloaded twice.
     */
    public boolean claimAdvancing() {
        return catalog.claim(Catalog.Activity.VIDEO_JOBS);
    }

    /** Records a new job. */
    public void insert(VideoJobRow row) {
        catalog.inTransaction(() -> {
            try (PreparedStatement ps = catalog.connection().prepareStatement("INSERT INTO video_jobs (" + COLUMNS
                    + ") VALUES (" + VALUES + ")")) {
                bind(ps, row);
                ps.executeUpdate();
            }
        });
    }

    /** Replaces the stored job with {@code row} (same id); with {@code spend}, adds that ledger line atomically. */
    public void update(VideoJobRow row, SpendEntry spend) {
        catalog.inTransaction(() -> {
            try (PreparedStatement ps = catalog.connection().prepareStatement("UPDATE video_jobs SET ("
                    + COLUMNS + ") = (" + VALUES + ") WHERE id = ?")) {
                bind(ps, row);
                ps.setString(28, row.id());
                if (ps.executeUpdate() != 1) {
                    throw new CatalogException("no video job " + row.id());
                }
            }
            if (spend != null) {
                try (BulkRows a = catalog.rows("spend", 9)) {
                    a.row(spend.time(), spend.provider(), spend.model(), spend.tokensIn(), spend.tokensOut(),
                            spend.costUsd(), spend.contentHash(), spend.run(), spend.project());
                }
            }
        });
    }

    public void update(VideoJobRow row) {
        update(row, null);
    }

    /** The stored state of the job with exactly this id, if there is one: one column, for a quick check. */
    public Optional<String> state(String id) {
        return catalog.select("SELECT state FROM video_jobs WHERE id = ?", List.of(id), rs -> rs.getString(1))
                .stream().findFirst();
    }

    /** The job with this id, or the only one whose id starts with it. */
    public Optional<VideoJobRow> find(String idOrPrefix) {
        List<VideoJobRow> exact = where("id = ?", List.of(idOrPrefix));
        if (!exact.isEmpty()) {
            return Optional.of(exact.get(0));
        }
        List<VideoJobRow> prefixed = where("starts_with(id, ?)", List.of(idOrPrefix));
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** Every job, oldest first; with {@code state}, only jobs in that state. */
    public List<VideoJobRow> list(String state) {
        return state == null ? where("true", List.of()) : where("state = ?", List.of(state));
    }

    /** The jobs in any of {@code states}, oldest first. */
    public List<VideoJobRow> inStates(Collection<String> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return where("state IN (" + "?, ".repeat(states.size() - 1) + "?)", new ArrayList<>(states));
    }

    private List<VideoJobRow> where(String condition, List<Object> params) {
        // condition is a constant of this class; values are bound
        return catalog.select("SELECT " + COLUMNS + " FROM video_jobs WHERE " + condition
                + " ORDER BY created_at, id", params, VideoJobs::row);
    }

    private static void bind(PreparedStatement ps, VideoJobRow r) throws SQLException {
        int i = 0;
        ps.setString(++i, r.id());
        ps.setString(++i, r.provider());
        ps.setString(++i, r.model());
        ps.setString(++i, r.requestJson());
        ps.setString(++i, r.prompt());
        ps.setString(++i, r.project());
        ps.setString(++i, r.baseUrl());
        ps.setString(++i, r.providerJobId());
        ps.setString(++i, r.statusUrl());
        ps.setString(++i, r.resultUrl());
        ps.setString(++i, r.cancelUrl());
        ps.setString(++i, r.state());
        ps.setString(++i, r.remoteStatus());
        ps.setInt(++i, r.attempts());
        setDouble(ps, ++i, r.estimateUsd());
        setDouble(ps, ++i, r.costUsd());
        ps.setString(++i, r.outputUrl());
        setTime(ps, ++i, r.outputExpiresAt());
        ps.setString(++i, r.path());
        ps.setString(++i, r.contentHash());
        ps.setString(++i, r.error());
        setTime(ps, ++i, r.createdAt());
        setTime(ps, ++i, r.updatedAt());
        setTime(ps, ++i, r.submittedAt());
        setTime(ps, ++i, r.finishedAt());
        setTime(ps, ++i, r.deadlineAt());
        setTime(ps, ++i, r.nextCheckAt());
    }

    private static VideoJobRow row(ResultSet rs) throws SQLException {
        return new VideoJobRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14), getDouble(rs, 15),
                getDouble(rs, 16), rs.getString(17), time(rs, 18), rs.getString(19), rs.getString(20),
                rs.getString(21), time(rs, 22), time(rs, 23), time(rs, 24), time(rs, 25), time(rs, 26), time(rs, 27));
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(i, Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
        }
    }

    private static Instant time(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
