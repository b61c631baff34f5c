package io.alicemultiverse.search;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One checkpoint named with and without its file's extension and folders ({@code sd_xl_base_1.0},
 * {@code sd_xl_base_1.0.safetensors}, {@code SDXL/sd_xl_base_1.0.safetensors}) is one model in {@code stats} and in
 * the search facets (from the catalog's SQL, the lexical index and a warm engine alike), {@code model:} finds every
 * spelling, and each asset keeps the value its file gave.
 */
class ModelFacetTest {
    @TempDir
    Path tmp;

    @Test
    void aCheckpointWithAndWithoutItsExtensionAndFolderIsOneModel() {
        Path lib = tmp.resolve("lib");
        QueryParser parser = new QueryParser(Clock.systemUTC());
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            List<String> models = List.of("sd_xl_base_1.0", "sd_xl_base_1.0.safetensors",
                    "SDXL/sd_xl_base_1.0.safetensors", "models\\dreamshaper_8.ckpt", "dreamshaper_8", "flux1-dev");
            List<SyntheticCatalog.Spec> specs = new java.util.ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                specs.add(new SyntheticCatalog.Spec("model-" + i, "a red fox " + i, "comfyui", models.get(i), "p",
                        LocalDateTime.of(2026, 1, 1, i, 0)));
            }
            SyntheticCatalog.write(c, specs);
            Map<String, Long> grouped = Map.of("sd_xl_base_1.0", 3L, "dreamshaper_8", 2L, "flux1-dev", 1L);
            assertThat(c.countBy(Catalog.Dimension.MODEL)).as("stats").isEqualTo(grouped);
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("catalog")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("fox").build(), true).facets().get("model")).as("ranked")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("index")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("model:sd_xl_base_1.0.safetensors").build(), false).hits())
                    .extracting(SearchHit::model).containsExactlyInAnyOrder(models.get(0), models.get(1), models.get(2));
            e.warm();
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("warm").isEqualTo(grouped);
            assertThat(e.search(parser.parse("model:SDXL/sd_xl_base_1.0").build(), false).hits())
                    .extracting(SearchHit::model).containsExactlyInAnyOrder(models.get(0), models.get(1), models.get(2));
        }
    }

    /**
     * One model spelled in two cases ({@code Juggernaut_XL}, {@code juggernaut_xl}) is one model in {@code stats} and
     * the facets, under the spelling most of its assets have; each asset keeps its own.
     */
    @Test
    void oneModelInTwoCasesIsOneModelUnderItsCommonestSpelling() {
        Path lib = tmp.resolve("case");
        QueryParser parser = new QueryParser(Clock.systemUTC());
        try (Catalog c = Catalog.open(lib); SearchEngine e = new SearchEngine(c, lib, MiniLmEmbedder::new)) {
            List<String> models = List.of("juggernaut_xl", "Juggernaut_XL", "checkpoints/Juggernaut_XL.safetensors",
                    "flux1-dev", "FLUX1-dev");
            List<SyntheticCatalog.Spec> specs = new java.util.ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                specs.add(new SyntheticCatalog.Spec("case-" + i, "a red fox " + i, "comfyui", models.get(i), "p",
                        LocalDateTime.of(2026, 1, 1, i, 0)));
            }
            SyntheticCatalog.write(c, specs);
            // flux1-dev: one each way, the first by code point ("F" before "f") names them
            Map<String, Long> grouped = Map.of("Juggernaut_XL", 3L, "FLUX1-dev", 2L);
            assertThat(c.countBy(Catalog.Dimension.MODEL)).as("stats").isEqualTo(grouped);
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("catalog")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("fox").build(), true).facets().get("model")).as("ranked")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("index")
                    .isEqualTo(grouped);
            assertThat(e.search(parser.parse("model:JUGGERNAUT_xl").build(), false).hits()).as("filter")
                    .extracting(SearchHit::model).containsExactlyInAnyOrder(models.get(0), models.get(1), models.get(2));
            e.warm();
            assertThat(e.search(parser.parse("").build(), true).facets().get("model")).as("warm").isEqualTo(grouped);
        }
    }
}
