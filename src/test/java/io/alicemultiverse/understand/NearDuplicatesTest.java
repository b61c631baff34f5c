package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One representative per near-duplicate group is sent; flat pictures of different colours are not one picture. */
class NearDuplicatesTest {
    private static final long FLAT = 0xFFFL << 7;

    private static AssetRecord asset(String hash, long phash, Integer colour) {
        return new AssetRecord(hash, hash + ".png", null, "image", "png", 2, 2, null, 10, 0, "unknown", null, "p",
                null, null, null, null, null, List.of(), "{}", "{}", "r1", List.of(), 0L, phash, phash, colour);
    }

    @Test
    void flatPicturesShareAResultOnlyWithTheSameColour() {
        try (Catalog catalog = Catalog.inMemory()) {
            catalog.commit(new CatalogBatch().add(asset("red", FLAT, 0xFF0000)).add(asset("red-too", FLAT, 0xFA0404))
                    .add(asset("grey", FLAT, 0x4C4C4C)).add(asset("blue", FLAT, 0x0000FF)));
            List<ImageInput> images = List.of("red", "red-too", "grey", "blue").stream()
                    .map(h -> new ImageInput(h, Path.of(h + ".png"), null, "p")).toList();
            NearDuplicates.Groups groups = NearDuplicates.of(catalog, images, pending -> { });
            assertThat(groups.representatives()).extracting(ImageInput::contentHash)
                    .containsExactly("red", "grey", "blue");
            assertThat(groups.followers().get("red")).extracting(ImageInput::contentHash).containsExactly("red-too");
        }
    }
}
