package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A warm engine (rows and filters from memory) answers exactly as a cold one (filters in the catalog). */
class WarmEngineTest {
    @TempDir
    Path tmp;

    @Test
    void warmAndColdAgree() {
        QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        List<String> queries = List.of("cyberpunk portrait from last year", "watercolor owl midjourney",
                "knight in armor at night comfy", "red fox photos since march", "dragon tag:rain", "robot sdxl 2025",
                "lighthouse project:personal", "owl -watercolor", "\"golden hour\" castle", "videos of a cat",
                "tag:rain comfy since march", "2025-05", "tag:snow tag:rain", "images project:book-cover", "");
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine cold = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            SyntheticCatalog.write(catalog, SyntheticCatalog.generate(3_000, 300, 7));
            List<List<SearchHit>> before = new ArrayList<>();
            for (String q : queries) {
                before.add(cold.search(parser.parse(q).limit(50).build(), false).hits());
            }
            cold.warm();
            for (int i = 0; i < queries.size(); i++) {
                List<SearchHit> after = cold.search(parser.parse(queries.get(i)).limit(50).build(), false).hits();
                assertThat(after).as(queries.get(i)).isEqualTo(before.get(i));
            }
            assertThat(before.stream().mapToInt(List::size).sum()).isGreaterThan(100);
        }
    }
}
