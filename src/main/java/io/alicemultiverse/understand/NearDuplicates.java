package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.hash.PerceptualHash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups images whose perceptual hashes (from the catalog's {@code hashes} table) are within {@link #MAX_DISTANCE}
 * bits on both pHash and dHash, so that one representative per group is sent and its result shared. Images without
 * hashes stand alone. Greedy and quadratic in the number of representatives, which is fine for the thousands a run
 * handles. Stateless.
 */
final class NearDuplicates {
    /** Hamming distance (of 64 bits) under which two images count as the same picture. */
    static final int MAX_DISTANCE = 4;

    /** Representatives in input order, and the images each one speaks for (by the representative's hash). */
    record Groups(List<ImageInput> representatives, Map<String, List<ImageInput>> followers) {
    }

    private NearDuplicates() {
    }

    static Groups of(Catalog catalog, List<ImageInput> images) {
        Map<String, long[]> hashes = new HashMap<>();
        if (!images.isEmpty()) {
            java.util.Set<String> wanted = new java.util.HashSet<>();
            images.forEach(i -> wanted.add(i.contentHash()));
            // the whole table (two longs a row) is read and filtered here: cheap, and no array binding needed
            catalog.select("SELECT content_hash, phash, dhash FROM hashes WHERE phash IS NOT NULL AND dhash IS NOT NULL",
                    List.of(), rs -> {
                        if (wanted.contains(rs.getString(1))) {
                            hashes.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                        }
                        return null;
                    });
        }
        List<ImageInput> reps = new ArrayList<>();
        Map<String, List<ImageInput>> followers = new LinkedHashMap<>();
        for (ImageInput in : images) {
            long[] h = hashes.get(in.contentHash());
            ImageInput rep = null;
            if (h != null) {
                for (ImageInput r : reps) {
                    long[] rh = hashes.get(r.contentHash());
                    if (rh != null && PerceptualHash.distance(h[0], rh[0]) <= MAX_DISTANCE
                            && PerceptualHash.distance(h[1], rh[1]) <= MAX_DISTANCE) {
                        rep = r;
                        break;
                    }
                }
            }
            if (rep == null) {
                reps.add(in);
            } else {
                followers.computeIfAbsent(rep.contentHash(), k -> new ArrayList<>()).add(in);
            }
        }
        return new Groups(reps, followers);
    }
}
