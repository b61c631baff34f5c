package io.alicemultiverse.app;

import io.alicemultiverse.similar.SimilarFinder;

/**
 * What {@code similar} asks: assets that look like {@code target} (a file anywhere, or an asset named as
 * {@link AssetRefs} says), within {@code maxDistance} bits, at most {@code limit}. Validated on construction.
 */
public record SimilarRequest(String target, int maxDistance, int limit) {
    /** The most results one request returns. */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;

    public SimilarRequest {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("name a file or an asset to compare with");
        }
        Bounds.maxDistance(maxDistance);
        Bounds.check("limit", limit, 1, MAX_LIMIT);
    }

    /** A request with the default threshold ({@value SimilarFinder#DEFAULT_MAX_DISTANCE}) and limit. */
    public static SimilarRequest of(String target) {
        return new SimilarRequest(target, SimilarFinder.DEFAULT_MAX_DISTANCE, DEFAULT_LIMIT);
    }
}
