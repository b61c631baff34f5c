package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Migration 10 (issue 19): on PostgreSQL a filtered page of search results is read along an index in the page's order
 * — PostgreSQL's own plans for the statements {@link SearchReads#page} runs, on a table large enough that the planner
 * would rather sort every match without those indexes. The migration runs once, on a new catalog and on one left at
 * version 9, and leaves DuckDB's catalog as it was.
 */
class SearchIndexesTest {
    private static final int ASSETS = 50_000;
    private static final List<String> INDEXES = List.of("assets_newest", "assets_oldest", "assets_source_newest",
            "assets_project_lower_newest", "tags_tag_hash", "tags_hash_tag");
    private static CatalogUrl seeded;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /**
     * 50,000 assets written by SQL (fast; the catalog's writer is not what is tested): 20 sources, 40 projects,
     * creation times scattered over about a year, five tags each from 100 (every tag on ~2.5 % of the assets) and a
     * rare tag on 30.
     */
    @BeforeAll
    static void seed() throws Exception {
        seeded = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog c = Catalog.open(shared, seeded); Statement s = c.connection().createStatement()) {
            s.execute("INSERT INTO assets (content_hash, path, media_type, source, project, created_at, prompt, model, "
                    + "run) SELECT md5('a' || i) || md5('b' || i), 'lib/' || i || '.png', 'image', 'source' || (i % 20), "
                    + "'project' || (i % 40), TIMESTAMP '2025-01-01' + ((i * 7919) % " + ASSETS + ") * INTERVAL '10 minutes', "
                    + "'prompt ' || i, 'model', 'seed' FROM generate_series(1, " + ASSETS + ") i");
            s.execute("INSERT INTO tags (content_hash, tag, origin) SELECT md5('a' || i) || md5('b' || i), "
                    + "'tag' || ((i * 31 + k * 7) % 100), 'prompt' FROM generate_series(1, " + ASSETS + ") i, "
                    + "generate_series(1, 5) k");
            s.execute("INSERT INTO tags (content_hash, tag, origin) SELECT md5('a' || i) || md5('b' || i), 'rare', "
                    + "'prompt' FROM generate_series(1, " + ASSETS + ", " + ASSETS / 30 + ") i");
            s.execute("ANALYZE");
        }
    }

    private static AssetFilter filter(List<String> tags, List<String> sources, List<String> projects,
                                      LocalDateTime since, LocalDateTime until) {
        return new AssetFilter(tags, false, sources, List.of(), projects, since, until, null, List.of(), List.of());
    }

    /** PostgreSQL's plan for the page {@link SearchReads#page} reads, as EXPLAIN prints it. */
    private static String plan(Catalog c, AssetFilter f, boolean oldestFirst) {
        SearchReads.Statement s = c.searchReads().pageStatement(f, oldestFirst, 20, 0);
        return String.join("\n", c.select("EXPLAIN " + s.sql(), s.params(), rs -> rs.getString(1)));
    }

    /** Whether the plan sorts rows by itself (an incremental sort of rows read in order does not count). */
    private static boolean sorts(String plan) {
        return plan.lines().anyMatch(l -> l.matches("\\s*(->\\s*)?Sort\\b.*"));
    }

    @Test
    void aTagPageWalksTheNewestIndexAndChecksEachAssetsTagsByIndex() {
        try (Catalog c = Catalog.open(shared, seeded)) {
            String plan = plan(c, filter(List.of("tag7"), List.of(), List.of(), null, null), false);
            assertThat(plan).contains("Index Only Scan using assets_newest")
                    .containsPattern("Index (Only )?Scan using tags_\\w+ on tags t"); // either index finds a tag of one asset
            assertThat(sorts(plan)).as(plan).isFalse();
            assertThat(plan).doesNotContain("Seq Scan").doesNotContain("Gather"); // no parallel workers to start
            // a rare tag: its few assets are found by the tag's index and sorted
            assertThat(plan(c, filter(List.of("rare"), List.of(), List.of(), null, null), false))
                    .containsPattern("(using|on) tags_tag_hash").doesNotContain("Seq Scan");
        }
    }

    @Test
    void sourceProjectAndDatePagesReadTheirRowsInOrderFromAnIndex() {
        try (Catalog c = Catalog.open(shared, seeded)) {
            LocalDateTime march = LocalDateTime.of(2025, 3, 1, 0, 0);
            Map<AssetFilter, String> expected = Map.of(
                    filter(List.of(), List.of("source3"), List.of(), null, null), "assets_source_newest",
                    filter(List.of(), List.of(), List.of("project5"), null, null), "assets_project_lower_newest",
                    filter(List.of(), List.of(), List.of(), march, march.plusMonths(1)), "assets_newest",
                    filter(List.of(), List.of(), List.of(), null, null), "assets_newest");
            expected.forEach((f, index) -> {
                String plan = plan(c, f, false);
                assertThat(plan).as(f.toString()).contains("using " + index);
                assertThat(sorts(plan)).as(plan).isFalse();
            });
            String oldest = plan(c, filter(List.of(), List.of(), List.of(), march, null), true);
            assertThat(oldest).contains("using assets_oldest");
            assertThat(sorts(oldest)).as(oldest).isFalse();
        }
    }

    @Test
    void thePagesFoundAlongTheIndexesAreTheNewestMatches() {
        try (Catalog c = Catalog.open(shared, seeded)) {
            AssetFilter f = filter(List.of("tag7"), List.of("source3"), List.of(), null, null);
            List<SearchReads.Found> page = c.searchReads().page(f, false, 20, 0);
            List<String> expected = c.select("SELECT a.content_hash FROM assets a WHERE a.source = 'source3' AND "
                    + "EXISTS (SELECT 1 FROM tags t WHERE t.content_hash = a.content_hash AND t.tag = 'tag7') "
                    + "ORDER BY a.created_at DESC, a.path LIMIT 20", List.of(), rs -> rs.getString(1));
            assertThat(page).extracting(SearchReads.Found::contentHash).containsExactlyElementsOf(expected).hasSize(20);
        }
    }

    @Test
    void aLargeCatalogEstimatesAFiltersShareFromThePlanInsteadOfCountingIt() {
        try (Catalog c = Catalog.open(shared, seeded)) {
            LocalDateTime march = LocalDateTime.of(2025, 3, 1, 0, 0);
            for (AssetFilter f : List.of(filter(List.of("tag7"), List.of(), List.of(), null, null),
                    filter(List.of(), List.of("source3"), List.of(), null, null),
                    filter(List.of(), List.of(), List.of(), march, march.plusMonths(1)))) {
                double counted = c.searchReads().share(f, Double.MAX_VALUE);
                assertThat(counted).as(f.toString()).isBetween(0.01, 0.2);
                assertThat(c.searchReads().share(f, 0)).as(f.toString()).isCloseTo(counted, withinPercentage(50));
            }
            // a quoted phrase: estimated without reading every asset's prompt, tags and descriptions, so only as
            // well as the planner guesses a text condition it keeps no statistics on (a third of the rows)
            AssetFilter phrase = new AssetFilter(List.of(), false, List.of(), List.of(), List.of(), null, null, null,
                    List.of("prompt 12"), List.of());
            double counted = c.searchReads().share(phrase, Double.MAX_VALUE);
            assertThat(counted).isPositive();
            assertThat(c.searchReads().share(phrase, 0)).isGreaterThan(counted * 10).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void migrationTenRunsOnceAndOnlyPostgresKeepsItsIndexes(String backend) {
        CatalogUrl url = backend.equals("duckdb") ? CatalogUrl.duckdb()
                : CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog c = Catalog.open(tmp, url)) {
            c.assetCount();
        }
        try (Catalog c = Catalog.open(tmp, url)) { // opened again: nothing to migrate
            assertThat(c.select("SELECT version FROM schema_version ORDER BY version", List.of(), rs -> rs.getInt(1)))
                    .hasSize(Schema.latest()).contains(10).last().isEqualTo(Schema.latest());
            assertThat(indexes(c)).as(backend).containsAll(backend.equals("duckdb") ? List.of() : INDEXES);
            if (backend.equals("duckdb")) {
                assertThat(indexes(c)).doesNotContainAnyElementsOf(INDEXES);
            } else {
                assertThat(indexes(c)).doesNotContain("assets_created_at", "assets_source", "assets_project", "tags_tag",
                        "assets_project_newest"); // migration 16: the project's index is over lower(project)
            }
        }
    }

    @Test
    void aCatalogAtVersionNineGetsTheIndexesAndKeepsItsRows() throws Exception {
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog c = Catalog.open(tmp, url); Statement s = c.connection().createStatement()) {
            s.execute("INSERT INTO assets (content_hash, path, source, created_at) VALUES ('aa', 'a.png', 'flux', "
                    + "TIMESTAMP '2025-05-05')");
            // as alice before migration 10 left it
            for (String index : INDEXES) {
                s.execute("DROP INDEX " + index);
            }
            s.execute("CREATE INDEX assets_source ON assets (source)");
            s.execute("CREATE INDEX assets_project ON assets (project)");
            s.execute("CREATE INDEX assets_created_at ON assets (created_at)");
            s.execute("CREATE INDEX tags_tag ON tags (tag)");
            s.execute("DELETE FROM schema_version WHERE version >= 10");
            // and before migration 11
            s.execute("DROP TABLE numbering");
            s.execute("DROP INDEX journal_content_hash");
            s.execute("ALTER TABLE runs DROP COLUMN host");
            s.execute("ALTER TABLE runs DROP COLUMN pid");
            // and 12
            s.execute("ALTER TABLE embeddings DROP COLUMN stored");
            s.execute("DROP SEQUENCE embeddings_stored");
            // and 13 (its index is among those dropped above)
            s.execute("CREATE INDEX tags_content_hash ON tags (content_hash)");
            // and 15
            s.execute("ALTER TABLE hashes DROP COLUMN colour");
        }
        try (Catalog c = Catalog.open(tmp, url)) {
            assertThat(indexes(c)).containsAll(INDEXES).doesNotContain("assets_created_at");
            assertThat(c.searchReads().page(filter(List.of(), List.of("flux"), List.of(), null, null), false, 20, 0))
                    .extracting(SearchReads.Found::path).containsExactly("a.png");
        }
    }

    private static List<String> indexes(Catalog c) {
        String sql = c.dialect() == Dialect.POSTGRES
                ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                : "SELECT index_name FROM duckdb_indexes()";
        return c.select(sql, List.of(), rs -> rs.getString(1));
    }
}
