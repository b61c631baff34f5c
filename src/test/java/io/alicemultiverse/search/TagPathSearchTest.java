package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tag that is a keyword path matches its descendants ({@code tag:places|europe} finds {@code places|europe|paris}),
 * on both catalog backends, cold (SQL) and warm (rows in memory); a plain tag stays an exact match, and the path's
 * characters are not patterns ({@code _} and {@code %} are themselves).
 */
class TagPathSearchTest {
    @TempDir
    Path tmp;

    @Test
    void aKeywordPathFindsItsDescendantsOnDuckDbAndPostgres() {
        QueryParser parser = new QueryParser(Clock.systemUTC());
        Path duckLib = tmp.resolve("duck");
        Path pgLib = tmp.resolve("pg");
        CatalogUrl url = CatalogUrl.parse(TestPostgres.newDatabase(), Map.of());
        try (Catalog duck = Catalog.open(duckLib); Catalog pg = Catalog.open(pgLib, url)) {
            for (var c : List.of(Map.entry(duck, duckLib), Map.entry(pg, pgLib))) {
                Catalog catalog = c.getKey();
                List<String> h = SyntheticCatalog.write(catalog, SyntheticCatalog.generate(40, 10, 3));
                tag(catalog, h.get(0), "places|europe|paris");
                tag(catalog, h.get(1), "places|europe");
                tag(catalog, h.get(2), "places|europe-west|lisbon");
                tag(catalog, h.get(3), "places|europ_|x");
                tag(catalog, h.get(4), "paris");
                tag(catalog, h.get(5), "places|europe|paris|louvre");
                try (SearchEngine engine = new SearchEngine(catalog, c.getValue(), MiniLmEmbedder::new)) {
                    for (String how : List.of("cold", "warm")) {
                        if (how.equals("warm")) {
                            engine.warm();
                        }
                        String as = catalog == duck ? "duckdb " + how : "postgresql " + how;
                        assertThat(found(engine, parser, "tag:places|europe")).as(as)
                                .containsExactlyInAnyOrder(h.get(0), h.get(1), h.get(5));
                        assertThat(found(engine, parser, "tag:places|europe|paris")).as(as)
                                .containsExactlyInAnyOrder(h.get(0), h.get(5));
                        assertThat(found(engine, parser, "tag:places|europ_")).as(as).containsExactly(h.get(3));
                        assertThat(found(engine, parser, "tag:paris")).as(as).containsExactly(h.get(4));
                        assertThat(found(engine, parser, "tag:places|europe tag:places|europe|paris|louvre")).as(as)
                                .containsExactly(h.get(5));
                        assertThat(found(engine, parser, "-tag:places|europe")).as(as)
                                .doesNotContain(h.get(0), h.get(1), h.get(5)).contains(h.get(2), h.get(3), h.get(4));
                        assertThat(engine.search(parser.parse("tag:places|europe tag:paris").anyTag(true).build(),
                                false).hits()).extracting(SearchHit::contentHash).as(as)
                                .containsExactlyInAnyOrder(h.get(0), h.get(1), h.get(4), h.get(5));
                    }
                }
            }
        }
    }

    private static void tag(Catalog c, String hash, String tag) {
        c.searchStore().changeUserTags(List.of(hash), List.of(tag), true);
    }

    private static List<String> found(SearchEngine engine, QueryParser parser, String q) {
        return engine.search(parser.parse(q).limit(1000).build(), false).hits().stream()
                .map(SearchHit::contentHash).toList();
    }
}
