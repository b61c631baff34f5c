package io.alicemultiverse.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice search --all} / {@code --limit 0}: every match, past the 10,000 cap of a page, each once, in order —
 * also across the keyset chunks when thousands of assets share one creation time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchAllTest {

    @TempDir
    static java.nio.file.Path tmp;
    private List<SyntheticCatalog.Spec> specs;

    @BeforeAll
    void catalog() {
        specs = new ArrayList<>(SyntheticCatalog.generate(11_000, 150, 18));
        LocalDateTime same = LocalDateTime.of(2025, 6, 1, 12, 0);
        for (int i = 0; i < 1_500; i++) { // one creation time for many: ties must fall to path, then hash
            specs.add(new SyntheticCatalog.Spec("tie-" + i, "a red fox in the snow, number " + (i % 7), "comfyui",
                    "flux1-dev", "ties", same));
        }
        try (Catalog c = Catalog.open(tmp)) {
            SyntheticCatalog.write(c, specs);
        }
    }

    private List<JsonNode> search(String... args) {
        List<String> all = new ArrayList<>(List.of("search", "--json", "--library", tmp.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    private static List<String> hashes(List<JsonNode> rows) {
        return rows.stream().filter(n -> n.has("content_hash")).map(n -> n.get("content_hash").asText()).toList();
    }

    @Test
    void limitZeroListsEveryAssetPastThePageCapEachOnceNewestFirst() {
        List<JsonNode> rows = search("--limit", "0");
        assertThat(rows).hasSize(specs.size()).hasSizeGreaterThan(SearchQuery.MAX_LIMIT);
        assertThat(new HashSet<>(hashes(rows))).hasSize(specs.size());
        List<String> dates = rows.stream().map(n -> n.get("created_at").asText()).toList();
        assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void allWithAFilterAndOldestFirstFromAnOffset() {
        long comfy = specs.stream().filter(s -> s.source().equals("comfyui")).count();
        List<String> every = hashes(search("--all", "--source", "comfyui", "--sort", "oldest"));
        assertThat(every).hasSize((int) comfy);
        assertThat(new HashSet<>(every)).hasSize((int) comfy);
        List<String> later = hashes(search("--all", "--source", "comfyui", "--sort", "oldest", "--offset", "1234"));
        assertThat(later).isEqualTo(every.subList(1234, every.size()));
        // the same order as pages of the bounded search
        assertThat(hashes(search("--source", "comfyui", "--sort", "oldest", "--limit", "50", "--offset", "1490")))
                .isEqualTo(every.subList(1490, 1540));
    }

    @Test
    void allWithWordsRanksEveryAssetNotOnlyTheBestCandidates() {
        Set<String> foxes = new HashSet<>();
        List<String> ids = new ArrayList<>();
        try (Catalog c = Catalog.open(tmp)) {
            c.select("SELECT content_hash FROM assets WHERE prompt ILIKE '%red fox%'", List.of(), rs -> foxes.add(rs.getString(1)));
        }
        assertThat(foxes).hasSizeGreaterThan(1_500);
        List<JsonNode> rows = search("red fox", "--all");
        rows.forEach(n -> ids.add(n.get("content_hash").asText()));
        assertThat(ids).containsAll(foxes);
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        List<Double> scores = rows.stream().map(n -> n.get("score").asDouble()).toList();
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
        // the bounded search's first page scores the same (ties among equal prompts may fall differently)
        assertThat(search("red fox", "--limit", "20").stream().map(n -> n.get("score").asDouble()).toList())
                .isEqualTo(scores.subList(0, 20));
    }

    @Test
    void aWarmEngineListsTheSameAsACold() {
        SearchQuery q = SearchQuery.builder().source("comfyui").sort(SearchQuery.Sort.OLDEST).offset(7).build();
        try (Catalog c = Catalog.open(tmp); SearchEngine e = new SearchEngine(c, tmp, MiniLmEmbedder::new)) {
            List<String> cold = new ArrayList<>();
            assertThat(e.each(q, h -> cold.add(h.contentHash()))).isEqualTo(cold.size());
            e.warm();
            List<String> warm = new ArrayList<>();
            e.each(q, h -> warm.add(h.contentHash()));
            assertThat(warm).hasSizeGreaterThan(1_500).isEqualTo(cold);
        }
    }
}
