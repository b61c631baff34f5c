package io.alicemultiverse.catalog;

import java.util.List;

/**
 * What an XMP sidecar says of one catalogued asset. Immutable.
 *
 * @param params the generation parameters as JSON text (the inspect record), null when none
 * @param tags   every tag of the asset, user, understanding and prompt alike
 * @param stars  the local analyzer's latest 1–5 star quality score, null when it never looked at the asset
 */
public record SidecarFacts(String contentHash, String path, String source, Boolean aiGenerated, String prompt,
                           String negative, String model, List<String> seeds, String params,
                           List<AssetRecord.Tag> tags, String description, Integer stars) {
    public SidecarFacts {
        seeds = List.copyOf(seeds);
        tags = List.copyOf(tags);
    }
}
