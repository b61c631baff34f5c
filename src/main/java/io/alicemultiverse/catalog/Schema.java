package io.alicemultiverse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The catalog schema as forward-only migrations: migration {@code n} brings version {@code n-1} to {@code n}; the
 * applied version lives in {@code schema_version}. No primary keys: uniqueness of {@code content_hash} is kept by
 * the single writer (DuckDB's eager index checks reject delete-then-insert of one key inside a transaction).
 */
final class Schema {
    private static final List<String> MIGRATIONS = List.of(
            // 1: assets, tags, hashes, journal, runs, inbox state, duplicates
            """
            CREATE TABLE assets (
                content_hash VARCHAR NOT NULL, path VARCHAR NOT NULL, original_path VARCHAR, media_type VARCHAR,
                format VARCHAR, width INTEGER, height INTEGER, duration DOUBLE, bytes BIGINT, mtime BIGINT,
                source VARCHAR, ai_generated BOOLEAN, project VARCHAR, created_at TIMESTAMP, organized_at TIMESTAMP,
                prompt VARCHAR, negative VARCHAR, model VARCHAR, seeds VARCHAR[], params JSON, raw JSON, run VARCHAR);
            CREATE TABLE tags (content_hash VARCHAR NOT NULL, tag VARCHAR NOT NULL, category VARCHAR,
                origin VARCHAR NOT NULL, confidence DOUBLE);
            CREATE TABLE hashes (content_hash VARCHAR NOT NULL, dhash BIGINT, phash BIGINT);
            CREATE TABLE journal (entry BIGINT NOT NULL, run VARCHAR NOT NULL, seq INTEGER NOT NULL,
                operation VARCHAR NOT NULL, source VARCHAR, target VARCHAR, content_hash VARCHAR,
                state VARCHAR NOT NULL, time TIMESTAMP NOT NULL);
            CREATE TABLE runs (run VARCHAR NOT NULL, command VARCHAR, mode VARCHAR, inbox VARCHAR,
                started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR);
            CREATE TABLE inbox_files (path VARCHAR NOT NULL, bytes BIGINT, mtime BIGINT, content_hash VARCHAR);
            CREATE TABLE duplicates (run VARCHAR, source VARCHAR, content_hash VARCHAR, kept_path VARCHAR,
                moved_to VARCHAR, time TIMESTAMP);
            """,
            // 2: understanding results (the never-pay-twice cache) and the spend ledger; kept by rebuilds
            """
            CREATE TABLE understanding (content_hash VARCHAR NOT NULL, provider VARCHAR NOT NULL,
                model VARCHAR NOT NULL, instruction_version VARCHAR NOT NULL, description VARCHAR, tags JSON,
                prompt VARCHAR, negative VARCHAR, created_at TIMESTAMP NOT NULL);
            CREATE TABLE spend (time TIMESTAMP NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL,
                tokens_in BIGINT, tokens_out BIGINT, cost_usd DOUBLE NOT NULL, content_hash VARCHAR, run VARCHAR,
                project VARCHAR);
            """,
            // 3: text embeddings for search, and a counter every change of assets or tags bumps (the search index
            // records the value it was built at, and is rebuilt when they differ)
            """
            CREATE TABLE embeddings (content_hash VARCHAR NOT NULL, model VARCHAR NOT NULL, vector FLOAT[384]);
            CREATE TABLE changes (counter BIGINT NOT NULL);
            INSERT INTO changes VALUES (0);
            """,
            // 4: video generation jobs, recorded before they are submitted (kept by rebuilds: they are not files)
            """
            CREATE TABLE video_jobs (id VARCHAR NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL,
                request JSON NOT NULL, prompt VARCHAR, project VARCHAR, base_url VARCHAR, provider_job_id VARCHAR,
                status_url VARCHAR, result_url VARCHAR, cancel_url VARCHAR, state VARCHAR NOT NULL,
                remote_status VARCHAR, attempts INTEGER NOT NULL, estimate_usd DOUBLE, cost_usd DOUBLE,
                output_url VARCHAR, output_expires_at TIMESTAMP, path VARCHAR, content_hash VARCHAR, error VARCHAR,
                created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, submitted_at TIMESTAMP,
                finished_at TIMESTAMP, deadline_at TIMESTAMP NOT NULL, next_check_at TIMESTAMP NOT NULL);
            """);

    private Schema() {
    }

    static int latest() {
        return MIGRATIONS.size();
    }

    static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current = 0;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            if (current > MIGRATIONS.size()) {
                throw new CatalogException("catalog schema version " + current
                        + " is newer than this alice understands (" + MIGRATIONS.size() + "); upgrade alice");
            }
            for (int v = current; v < MIGRATIONS.size(); v++) {
                c.setAutoCommit(false);
                try {
                    for (String statement : MIGRATIONS.get(v).split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + (v + 1) + ")");
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
