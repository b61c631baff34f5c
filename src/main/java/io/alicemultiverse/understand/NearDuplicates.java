package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.hash.FlatColour;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.hash.PerceptualHash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups images whose perceptual hashes (from the catalog's {@code hashes} table) are within {@link #MAX_DISTANCE}
 * bits on both pHash and dHash (and, for flat pictures, whose hashes code brightness alone, of the same mean colour:
 * {@link FlatColour}), so that one representative per group is sent and its result shared. Images without
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

    /**
     * Groups {@code images}. Organize leaves perceptual hashes for later (an owner's background thread, or the next
     * near-duplicate search), so {@code hashPending} is first asked to hash those of these images that have none
     * yet ({@code library.PendingHashes}, the one place hashes are made after organize): no near duplicate is paid
     * for because its hash was not there yet.
     */
    static Groups of(Catalog catalog, List<ImageInput> images,
                     java.util.function.Consumer<java.util.Collection<String>> hashPending) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        images.forEach(i -> wanted.add(i.contentHash()));
        hashPending.accept(wanted);
        Map<String, ImageHashes> hashes = catalog.reads().imageHashes(wanted);
        List<ImageInput> reps = new ArrayList<>();
        Map<String, List<ImageInput>> followers = new LinkedHashMap<>();
        for (ImageInput in : images) {
            ImageHashes h = hashes.get(in.contentHash());
            ImageInput rep = null;
            if (h != null) {
                for (ImageInput r : reps) {
                    ImageHashes rh = hashes.get(r.contentHash());
                    if (rh != null && PerceptualHash.distance(h.phash(), rh.phash()) <= MAX_DISTANCE
                            && PerceptualHash.distance(h.dhash(), rh.dhash()) <= MAX_DISTANCE
                            && FlatColour.comparable(h.phash(), h.colour(), rh.phash(), rh.colour())) {
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
