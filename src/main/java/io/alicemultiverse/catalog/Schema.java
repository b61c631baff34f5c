package io.alicemultiverse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The catalog schema as forward-only migrations: migration {@code n} brings version {@code n-1} to {@code n}; the
 * applied version lives in {@code schema_version}. One text serves both backends ({@link Dialect}); a part after
 * {@code {postgres}} runs on PostgreSQL only. On DuckDB, uniqueness of {@code content_hash} is kept by the single
 * writer (DuckDB's eager index checks reject delete-then-insert of one key inside a transaction); on PostgreSQL,
 * where many processes write, by unique indexes (migration 5).
 */
final class Schema {
    private static final List<String> MIGRATIONS = List.of(
            // 1: assets, tags, hashes, journal, runs, inbox state, duplicates
            """
            CREATE TABLE assets (
                content_hash VARCHAR NOT NULL, path VARCHAR NOT NULL, original_path VARCHAR, media_type VARCHAR,
                format VARCHAR, width INTEGER, height INTEGER, duration DOUBLE PRECISION, bytes BIGINT, mtime BIGINT,
                source VARCHAR, ai_generated BOOLEAN, project VARCHAR, created_at TIMESTAMP, organized_at TIMESTAMP,
                prompt VARCHAR, negative VARCHAR, model VARCHAR, seeds VARCHAR[], params JSON, raw JSON, run VARCHAR);
            CREATE TABLE tags (content_hash VARCHAR NOT NULL, tag VARCHAR NOT NULL, category VARCHAR,
                origin VARCHAR NOT NULL, confidence DOUBLE PRECISION);
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
                tokens_in BIGINT, tokens_out BIGINT, cost_usd DOUBLE PRECISION NOT NULL, content_hash VARCHAR, run VARCHAR,
                project VARCHAR);
            """,
            // 3: text embeddings for search, and a counter every change of assets or tags bumps (the search index
            // records the value it was built at, and is rebuilt when they differ)
            """
            CREATE TABLE embeddings (content_hash VARCHAR NOT NULL, model VARCHAR NOT NULL, vector {vector384});
            CREATE TABLE changes (counter BIGINT NOT NULL);
            INSERT INTO changes VALUES (0);
            """,
            // 4: video generation jobs, recorded before they are submitted (kept by rebuilds: they are not files)
            """
            CREATE TABLE video_jobs (id VARCHAR NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL,
                request JSON NOT NULL, prompt VARCHAR, project VARCHAR, base_url VARCHAR, provider_job_id VARCHAR,
                status_url VARCHAR, result_url VARCHAR, cancel_url VARCHAR, state VARCHAR NOT NULL,
                remote_status VARCHAR, attempts INTEGER NOT NULL, estimate_usd DOUBLE PRECISION, cost_usd DOUBLE PRECISION,
                output_url VARCHAR, output_expires_at TIMESTAMP, path VARCHAR, content_hash VARCHAR, error VARCHAR,
                created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, submitted_at TIMESTAMP,
                finished_at TIMESTAMP, deadline_at TIMESTAMP NOT NULL, next_check_at TIMESTAMP NOT NULL);
            """,
            // 5: on PostgreSQL, where many processes write at once, the database keeps what DuckDB's single owner
            // kept: one row per content and per library path, journal entry numbers from a sequence; plus the
            // indexes the filters need. DuckDB's catalog keeps its shape (its eager index checks reject the
            // delete-then-insert of one key inside a transaction that a re-organize does).
            """
            {postgres}
            CREATE UNIQUE INDEX assets_content_hash ON assets (content_hash);
            CREATE UNIQUE INDEX assets_path ON assets (path);
            CREATE INDEX assets_source ON assets (source);
            CREATE INDEX assets_project ON assets (project);
            CREATE INDEX assets_created_at ON assets (created_at);
            CREATE INDEX tags_content_hash ON tags (content_hash);
            CREATE INDEX tags_tag ON tags (tag);
            CREATE INDEX hashes_content_hash ON hashes (content_hash);
            CREATE INDEX journal_run_seq ON journal (run, seq, entry);
            CREATE INDEX journal_state ON journal (state);
            CREATE UNIQUE INDEX inbox_files_path ON inbox_files (path);
            CREATE INDEX embeddings_content_hash ON embeddings (content_hash);
            CREATE INDEX understanding_content_hash ON understanding (content_hash);
            CREATE UNIQUE INDEX video_jobs_id ON video_jobs (id);
            CREATE SEQUENCE journal_entry;
            SELECT setval('journal_entry', (SELECT coalesce(max(entry), 0) + 1 FROM journal), false)
            """,
            // 6: the pHash of each image's centre 95 % (crop-tolerant matching); null for rows catalogued before,
            // which keep matching by pHash alone until organized or rebuilt again
            """
            ALTER TABLE hashes ADD COLUMN zhash BIGINT;
            """,
            // 7: organize leaves perceptual hashes for later and any process may fill them: on PostgreSQL one row
            // per content is kept by a unique index (DuckDB's single writer keeps it itself)
            """
            {postgres}
            DELETE FROM hashes a USING hashes b WHERE a.content_hash = b.content_hash AND a.ctid < b.ctid;
            DROP INDEX hashes_content_hash;
            CREATE UNIQUE INDEX hashes_content_hash ON hashes (content_hash)
            """,
            // 8: a user tag once per asset on PostgreSQL, where two machines may add the same tag at the same moment
            // (each insert's NOT EXISTS sees neither); DuckDB's single writer keeps it so already
            """
            {postgres}
            DELETE FROM tags a USING tags b WHERE a.origin = 'user' AND b.origin = 'user'
                AND a.content_hash = b.content_hash AND a.tag = b.tag AND a.ctid < b.ctid;
            CREATE UNIQUE INDEX tags_user ON tags (content_hash, tag) WHERE origin = 'user'
            """,
            // 9: which assets each move of the change counter touched, so another process's search indexes catch
            // up with those assets instead of being rebuilt whole ('*': everything; '': no asset)
            """
            CREATE TABLE change_log (counter BIGINT NOT NULL, content_hash VARCHAR NOT NULL);
            {postgres}
            CREATE INDEX change_log_counter ON change_log (counter)
            """,
            // 10: on PostgreSQL, indexes in the order a search lists (newest first, ties by path; or oldest first),
            // so a filtered page reads its 20 rows along one index instead of sorting every match: a date range is
            // a range of it, a source or project the part of theirs with that value, a tag a walk along the newest
            // that checks each asset's tag in the tags' (tag, content hash) index until the page is full (both read
            // as index only: the walks carry the content hash); a rare tag is read from that index first. At
            // 1,000,000 assets a tag, source or date page went from 0.4-2.8 s to a few ms (issue 19,
            // docs/benchmarks.md). DuckDB has no use for them: it scans its columns.
            """
            {postgres}
            CREATE INDEX assets_newest ON assets (created_at DESC NULLS LAST, path) INCLUDE (content_hash);
            CREATE INDEX assets_oldest ON assets (created_at, path);
            CREATE INDEX assets_source_newest ON assets (source, created_at DESC NULLS LAST, path) INCLUDE (content_hash);
            CREATE INDEX assets_project_newest ON assets (project, created_at DESC NULLS LAST, path)
                INCLUDE (content_hash);
            CREATE INDEX tags_tag_hash ON tags (tag, content_hash);
            DROP INDEX assets_created_at;
            DROP INDEX assets_source;
            DROP INDEX assets_project;
            DROP INDEX tags_tag
            """,
            // 11: organize runs on a shared catalog at the same time. Each takes its numbers from a counter per
            // project and source (`numbering`), so no two machines pick one name; a run records the host and the
            // process that made it; journal lines are found by content, so a run sees the files another live run
            // has planned and records its own copy as a duplicate instead of storing the content twice
            """
            CREATE TABLE numbering (name_key VARCHAR NOT NULL, last INTEGER NOT NULL);
            ALTER TABLE runs ADD COLUMN host VARCHAR;
            ALTER TABLE runs ADD COLUMN pid BIGINT;
            {postgres}
            CREATE UNIQUE INDEX numbering_name_key ON numbering (name_key);
            CREATE INDEX journal_content_hash ON journal (content_hash)
            """,
            // 12: each batch of stored embeddings takes the next number of a sequence, so a machine's cached vector
            // index of a shared catalog reads only the vectors stored since it was written, not all of them
            """
            CREATE SEQUENCE embeddings_stored;
            ALTER TABLE embeddings ADD COLUMN stored BIGINT;
            {postgres}
            CREATE INDEX embeddings_model_stored ON embeddings (model, stored)
            """,
            // 13: on PostgreSQL, the tags of each matching asset read from one index alone (content hash, then tag):
            // the tag facet of a 5 % tag at 1,000,000 assets hashed all 5,000,000 tag rows, 6.4 s, and now looks up
            // its 50,000 assets' tags, 1.5 s with the facet query's settings (SearchReads). It serves every look-up
            // by content hash that the index it replaces did.
            """
            {postgres}
            CREATE INDEX tags_hash_tag ON tags (content_hash, tag);
            DROP INDEX tags_content_hash
            """,
            // 14: perceptual hashes are computed again: a flat picture (near-blank, a dot pattern, a plain gradient)
            // now gets the code of its mean instead of a median split of rounding noise (hash.PerceptualHash), and
            // which rows hold such noise cannot be told from the hashes. Rows without hashes are what organize
            // leaves for later (library.PendingHashes): an owner fills them in the background, or the next
            // `similar` or `dedup` before it answers, as after an organize
            """
            DELETE FROM hashes
            """,
            // 15: the mean colour (0xRRGGBB) of a flat picture, whose hashes code its brightness alone: two flat
            // pictures are near only when their colours agree too (hash.FlatColour), so solid red and a grey as
            // bright no longer count as duplicates. The rows of flat pictures (a flat code as pHash or zoom hash,
            // as migration 14 made them) are computed again, with their colour, as pending hashes are; until then
            // they are not compared, and a flat picture without a colour never matches another flat one
            """
            ALTER TABLE hashes ADD COLUMN colour INTEGER;
            DELETE FROM hashes WHERE phash IN ({flatCodes}) OR zhash IN ({flatCodes})
            """.replace("{flatCodes}", flatCodes()),
            // 16: a project filter matches whatever the project's case (project:Acme finds the folder "acme"), so on
            // PostgreSQL the project's page index is over lower(project): a project page is still read in order
            // (written to run again harmlessly, as on a catalog whose recorded version was set back)
            """
            {postgres}
            CREATE INDEX IF NOT EXISTS assets_project_lower_newest
                ON assets (lower(project), created_at DESC NULLS LAST, path) INCLUDE (content_hash);
            DROP INDEX IF EXISTS assets_project_newest
            """);

    private Schema() {
    }

    /**
     * The flat codes of migration 14's rule, as SQL literals: twelve set bits starting at bit 0..25. Written out
     * here rather than taken from {@code hash.PerceptualHash}, so that migration 15 stays what it was if that rule
     * changes.
     */
    private static String flatCodes() {
        List<String> codes = new java.util.ArrayList<>();
        for (int start = 0; start <= 25; start++) {
            codes.add(Long.toString(0xFFFL << start));
        }
        return String.join(", ", codes);
    }

    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the catalog to the latest version. On PostgreSQL the whole migration is one transaction under an
     * advisory lock, so machines starting at the same moment migrate once and the others wait, then see it done.
     */
    static void migrate(Connection c, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                if (dialect == Dialect.POSTGRES) {
                    s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
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
                    for (String statement : statements(MIGRATIONS.get(v), dialect)) {
                        s.execute(statement);
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + (v + 1) + ")");
                    if (dialect == Dialect.DUCKDB) {
                        c.commit(); // one version per transaction, as before
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A migration's statements for {@code dialect}: a part after {@code {postgres}} runs on PostgreSQL only. */
    static List<String> statements(String migration, Dialect dialect) {
        String text = migration.replace("{vector384}", dialect.vectorType(384));
        int pg = text.indexOf("{postgres}");
        if (pg >= 0) {
            text = dialect == Dialect.POSTGRES ? text.substring(0, pg) + text.substring(pg + "{postgres}".length())
                    : text.substring(0, pg);
        }
        List<String> out = new java.util.ArrayList<>();
        for (String statement : text.split(";")) {
            if (!statement.isBlank()) {
                out.add(statement.strip());
            }
        }
        return out;
    }

    /** The advisory lock key migrations hold on PostgreSQL ("alice" in ASCII). */
    private static final long MIGRATION_LOCK = 0x616c696365L;
}
