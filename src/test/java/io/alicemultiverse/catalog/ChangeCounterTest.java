package io.alicemultiverse.catalog;

import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change counter is cached in the process, yet every write moves it at once — also for another connection
 * to the same file in this process (an owner runs forwarded commands on their own connection).
 */
class ChangeCounterTest {
    @TempDir
    Path tmp;

    @Test
    void everyConnectionSeesEveryWrite() {
        try (Catalog a = Catalog.open(tmp); Catalog b = Catalog.open(tmp)) {
            List<String> hashes = SyntheticCatalog.write(a, SyntheticCatalog.generate(3, 3, 1));
            long start = a.changeCounter();
            assertThat(b.changeCounter()).isEqualTo(start);
            b.searchStore().changeUserTags(hashes, List.of("kept"), true);
            assertThat(a.changeCounter()).isEqualTo(start + 1);
            a.deleteAssets(hashes.subList(0, 1));
            assertThat(b.changeCounter()).isEqualTo(start + 2);
            a.understanding().saveUnderstanding(List.of(new UnderstandingRow(hashes.get(1), "local", "m", "1",
                    "a description", "{}", null, null, java.time.LocalDateTime.now(), List.of())), List.of());
            assertThat(b.changeCounter()).isEqualTo(start + 3);
            a.searchStore().putEmbeddings("m", java.util.Map.of(hashes.get(2), new float[384]));
            assertThat(b.changeCounter()).as("embeddings are not search text").isEqualTo(start + 3);
        }
    }
}
