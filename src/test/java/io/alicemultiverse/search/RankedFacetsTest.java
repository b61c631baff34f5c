package io.alicemultiverse.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facets of a ranked (plain-language) query count every asset the query matches — the list {@code --all}
 * gives, after the relevance floor and the filters — whatever the page: they counted only the ranking's candidates
 * (300, or the page when larger), so more than 300 matches were undercounted and the counts moved with
 * {@code --limit}. Checked through the command line (cold, DuckDB), a warm engine and a PostgreSQL catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankedFacetsTest {
    /** More matches than either ranking gives candidates, even for a page of 500. */
    private static final int MATCHING = 1_200;
    private static final String[] LIGHTHOUSES = {"a lighthouse on a cliff, rain", "lighthouse at dusk, golden hour",
            "a lighthouse in a storm, snow", "old lighthouse by the sea, volumetric fog",
            "lighthouse at night, neon lights", "tiny lighthouse, watercolor, bokeh"};
    private static final String[] OTHERS = {"a bowl of ramen, anime, steam", "portrait of a samurai, film noir",
            "a red fox in the snow, photorealistic"};

    @TempDir
    static Path tmp;
    private Path duck;
    private final List<SyntheticCatalog.Spec> specs = new ArrayList<>();
    private final Map<String, String> modelOf = new HashMap<>();

    @BeforeAll
    void catalog() {
        LocalDateTime start = LocalDateTime.of(2025, 1, 1, 0, 0);
        for (int i = 0; i < MATCHING; i++) {
            specs.add(new SyntheticCatalog.Spec("lighthouse-" + i, LIGHTHOUSES[i % LIGHTHOUSES.length],
                    i % 3 == 0 ? "midjourney" : "comfyui", i % 2 == 0 ? "flux1-dev" : "sd_xl_base_1.0",
                    i % 4 == 0 ? "coast" : "harbor", start.plusHours(9L * i)));
        }
        for (int i = 0; i < 300; i++) {
            specs.add(new SyntheticCatalog.Spec("other-" + i, OTHERS[i % OTHERS.length], "automatic1111",
                    "dreamshaper_8", "misc", start.plusHours(7L * i)));
        }
        duck = tmp.resolve("duck");
        try (Catalog c = Catalog.open(duck); SearchEngine e = new SearchEngine(c, duck, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(c, specs);
            for (int i = 0; i < hashes.size(); i++) {
                modelOf.put(hashes.get(i), specs.get(i).model());
            }
            e.rebuild(true); // every asset embedded: a one-shot search embeds only what its time budget allows
        }
    }

    @Test
    void cliFacetsCountWhatAllListsWhateverTheLimit() {
        List<JsonNode> all = hits(cli("lighthouse", "--all"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(MATCHING);
        Map<String, Map<String, Long>> expected = counts(all.stream().map(this::hit).toList());
        for (String limit : List.of("10", "500")) {
            JsonNode last = last(cli("lighthouse", "--facets", "--limit", limit));
            assertThat(facets(last.get("facets"))).as("--limit " + limit).isEqualTo(expected);
            assertThat(last.get("total").asLong()).as("--limit " + limit).isEqualTo(all.size());
            assertThat(last.get("counted").asText()).contains("every match");
        }
        assertThat(facets(last(cli("lighthouse", "--facets", "--all")).get("facets"))).isEqualTo(expected);
        // with a filter and an offset: every match that passes the filter, the offset set aside like the limit
        List<JsonNode> comfy = hits(cli("lighthouse comfy", "--all"));
        assertThat(comfy).hasSizeGreaterThan(600);
        JsonNode filtered = last(cli("lighthouse comfy", "--facets", "--limit", "10", "--offset", "5"));
        assertThat(facets(filtered.get("facets"))).isEqualTo(counts(comfy.stream().map(this::hit).toList()));
    }

    @Test
    void theTableSaysWhatItsCountsCover() {
        CliRun run = CliRun.run("search", "lighthouse", "--facets", "--limit", "3", "--library", duck.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(hits(cli("lighthouse", "--all")).size() + " matches; counted below: every match")
                .contains("comfyui").contains("midjourney");
        CliRun listed = CliRun.run("search", "lighthouse", "--facets", "--all", "--library", duck.toString());
        assertThat(listed.out()).doesNotContain("no matches");
    }

    @Test
    void warmAndColdEnginesCountEveryMatch() {
        try (Catalog c = Catalog.open(duck); SearchEngine e = new SearchEngine(c, duck, MiniLmEmbedder::new)) {
            for (int pass = 0; pass < 2; pass++) {
                for (SearchQuery.Builder q : List.of(SearchQuery.builder().word("lighthouse"),
                        SearchQuery.builder().word("lighthouse").source("midjourney"))) {
                    assertCountsEveryMatch(e, q);
                }
                e.warm();
            }
        }
    }

    @Test
    void aPostgresCatalogCountsEveryMatchToo() {
        Path lib = tmp.resolve("pg");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog c = Catalog.open(lib, url); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(c, specs);
            e.rebuild(true);
            Map<String, Map<String, Long>> cold = assertCountsEveryMatch(e, SearchQuery.builder().word("lighthouse"));
            e.warm();
            assertThat(assertCountsEveryMatch(e, SearchQuery.builder().word("lighthouse"))).isEqualTo(cold);
        }
    }

    /** Asserts that pages of 10 and 500 count the same as every match {@link SearchEngine#each} lists; returns it. */
    private Map<String, Map<String, Long>> assertCountsEveryMatch(SearchEngine e, SearchQuery.Builder q) {
        List<SearchHit> every = new ArrayList<>();
        e.each(q.limit(10).build(), every::add);
        assertThat(every).hasSizeGreaterThan(SearchPlan.CANDIDATES);
        Map<String, Map<String, Long>> expected = counts(every);
        for (int limit : new int[]{10, 500}) {
            SearchResult r = e.search(q.limit(limit).build(), true);
            assertThat(r.facets()).as("a page of %d", limit).isEqualTo(expected);
            assertThat(r.total()).isEqualTo(every.size());
            assertThat(r.hits()).hasSize(Math.min(limit, every.size()));
        }
        // without facets the page is the same
        assertThat(e.search(q.limit(10).build(), false).hits()).isEqualTo(e.search(q.limit(10).build(), true).hits());
        return expected;
    }

    /** The facets as {@code catalog.Facet} defines them, counted here over {@code hits}. */
    private static Map<String, Map<String, Long>> counts(List<SearchHit> hits) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String k : List.of("source", "project", "model", "tag", "month")) {
            out.put(k, new TreeMap<>());
        }
        for (SearchHit h : hits) {
            out.get("source").merge(h.source() == null ? "unknown" : h.source(), 1L, Long::sum);
            out.get("project").merge(h.project() == null ? "uncategorized" : h.project(), 1L, Long::sum);
            out.get("model").merge(h.model() == null ? "unknown" : h.model(), 1L, Long::sum);
            out.get("month").merge(h.createdAt() == null ? "unknown" : h.createdAt().toString().substring(0, 7), 1L,
                    Long::sum);
            h.tags().stream().distinct().forEach(t -> out.get("tag").merge(t, 1L, Long::sum));
        }
        assertThat(out.get("tag")).hasSizeLessThanOrEqualTo(50); // the tag facet lists the top 50
        return out;
    }

    private static Map<String, Map<String, Long>> facets(JsonNode node) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            Map<String, Long> counts = new TreeMap<>();
            f.getValue().fields().forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asLong()));
            out.put(f.getKey(), counts);
        });
        return out;
    }

    /** A JSON hit as a search hit, its model (not in the JSON) from the catalog's specs. */
    private SearchHit hit(JsonNode n) {
        String hash = n.get("content_hash").asText();
        List<String> tags = new ArrayList<>();
        n.get("tags").forEach(t -> tags.add(t.asText()));
        return new SearchHit(hash, n.get("path").asText(), n.get("source").asText(), n.get("project").asText(),
                modelOf.get(hash), LocalDateTime.parse(n.get("created_at").asText()), n.get("prompt").asText(), tags,
                null);
    }

    private List<JsonNode> cli(String query, String... args) {
        List<String> all = new ArrayList<>(List.of("search", query, "--json", "--library", duck.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    private static List<JsonNode> hits(List<JsonNode> lines) {
        return lines.stream().filter(n -> n.has("content_hash")).toList();
    }

    private static JsonNode last(List<JsonNode> lines) {
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.has("facets")).as(last.toString()).isTrue();
        return last;
    }
}
