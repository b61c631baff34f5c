package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What search's indexes are built from, every asset's tags and descriptions aggregated in one pass: on both backends
 * each asset once, with every tag row it has (the lexical documents: duplicates of other origins kept; the rows:
 * distinct and sorted, exact even for a tag holding the list's separator) and its descriptions oldest first; the same
 * for a few named assets as for all.
 */
class SearchIndexSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void everyAssetOnceWithAllItsTagsAndDescriptionsInOrderForAllOrSome() {
        for (boolean postgres : new boolean[]{false, true}) {
            try (Catalog c = TestPostgres.openCatalog(tmp.resolve(postgres ? "pg" : "duck"), postgres)) {
                List<SyntheticCatalog.Spec> specs = new ArrayList<>(SyntheticCatalog.generate(60, 40, 11));
                specs.add(9, new SyntheticCatalog.Spec("no tags", "", "comfyui", null, "personal",
                        LocalDateTime.of(2026, 1, 2, 3, 4))); // no prompt, no model: no tag at all
                List<String> hashes = SyntheticCatalog.write(c, specs);
                String twice = hashes.get(3);
                String once = hashes.get(7);
                c.understanding().saveUnderstanding(List.of(
                        row(twice, "openai", "later words", LocalDateTime.of(2026, 5, 2, 0, 0)),
                        row(twice, "anthropic", "earlier words", LocalDateTime.of(2026, 5, 1, 0, 0)),
                        row(once, "local", "", LocalDateTime.of(2026, 5, 1, 0, 0)), // no words: not a description
                        row(once, "google", "only words", LocalDateTime.of(2026, 5, 3, 0, 0))), List.of());
                String bare = hashes.get(9);
                c.searchStore().changeUserTags(List.of(hashes.get(5)), List.of("split\u001ehere", "pick"), true);
                assertThat(c.select("SELECT count(*) FROM tags WHERE content_hash = ?", List.of(bare),
                        r -> r.getLong(1))).containsExactly(0L);

                Map<String, List<String>> tagRows = new HashMap<>();
                for (List<String> r : c.select("SELECT content_hash, tag FROM tags", List.of(),
                        rs -> List.of(rs.getString(1), rs.getString(2)))) {
                    tagRows.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(1));
                }

                Map<String, SearchIndexSources.LexicalSource> all = read(c, null);
                assertThat(all.keySet()).as("postgres=" + postgres).containsExactlyInAnyOrderElementsOf(hashes);
                for (String h : hashes) {
                    SearchIndexSources.LexicalSource s = all.get(h);
                    List<String> expected = tagRows.getOrDefault(h, List.of()).stream()
                            .map(t -> t.contains("\u001e") ? "\u001f" + t.replace('\u001e', ' ') : t).toList();
                    assertThat(s.tags()).as(h).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(s.tagsExact()).as(h).isEqualTo(!h.equals(hashes.get(5)));
                }
                assertThat(all.get(bare).tags()).isEmpty();
                assertThat(all.get(twice).descriptions()).isEqualTo("earlier words later words");
                assertThat(all.get(once).descriptions()).isEqualTo("only words");
                assertThat(all.get(bare).descriptions()).isNull();

                List<String> some = List.of(twice, once, bare, hashes.get(5), hashes.get(20));
                Map<String, SearchIndexSources.LexicalSource> few = read(c, some);
                assertThat(few.keySet()).containsExactlyInAnyOrderElementsOf(some);
                for (String h : some) {
                    assertThat(few.get(h)).as(h).usingRecursiveComparison().ignoringCollectionOrder()
                            .isEqualTo(all.get(h));
                }

                Map<String, SearchIndexSources.IndexedRow> rows = rows(c, null);
                assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(hashes);
                for (String h : hashes) {
                    List<String> expected = new java.util.TreeSet<>(tagRows.getOrDefault(h, List.of())).stream()
                            .toList();
                    assertThat(rows.get(h).row().tags()).as(h).containsExactlyElementsOf(expected);
                    assertThat(rows.get(h).descriptions()).as(h).isEqualTo(all.get(h).descriptions());
                    assertThat(rows.get(h).row().prompt()).as(h).isEqualTo(all.get(h).prompt());
                }
                assertThat(rows.get(hashes.get(5)).row().tags()).contains("split\u001ehere", "pick");
                Map<String, SearchIndexSources.IndexedRow> fewRows = rows(c, some);
                assertThat(fewRows.keySet()).containsExactlyInAnyOrderElementsOf(some);
                for (String h : some) {
                    assertThat(fewRows.get(h)).as(h).isEqualTo(rows.get(h));
                }
            }
        }
    }

    /** Each asset's indexed row by hash; fails on an asset read twice. */
    private static Map<String, SearchIndexSources.IndexedRow> rows(Catalog c, List<String> hashes) {
        Map<String, SearchIndexSources.IndexedRow> out = new HashMap<>();
        c.searchIndexSources().rows(hashes, r -> assertThat(out.put(r.row().contentHash(), r))
                .as("read twice: " + r.row().contentHash()).isNull());
        return out;
    }

    private static UnderstandingRow row(String hash, String provider, String description, LocalDateTime at) {
        return new UnderstandingRow(hash, provider, provider + "-model", "1", description, "{}", null, null, at,
                List.of());
    }

    /** Each asset's source by hash; fails on an asset read twice. */
    private static Map<String, SearchIndexSources.LexicalSource> read(Catalog c, List<String> hashes) {
        Map<String, SearchIndexSources.LexicalSource> out = new HashMap<>();
        c.searchIndexSources().lexicalSources(hashes, s -> assertThat(out.put(s.contentHash(), s))
                .as("read twice: " + s.contentHash()).isNull());
        return out;
    }
}
