package io.alicemultiverse.app;

import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.library.PendingHashes;

import java.util.List;
import java.util.Map;

/**
 * The perceptual hashes organize left for later ({@link PendingHashes}), as {@link BackgroundBatches} work: one
 * thread decodes a small batch at a time outside the library's lock, so an owner stays responsive while it catches up
 * (a new image takes part in near-duplicate search once its batch is stored).
 */
final class BackgroundHashing implements BackgroundBatches.Work<List<AssetReads.Unhashed>, Map<String, ImageHashes>> {
    private final PendingHashes pending;

    BackgroundHashing(PendingHashes pending) {
        this.pending = pending;
    }

    /** What the last query listed and no batch took yet (finding what lacks hashes scans the tables). */
    private final java.util.ArrayDeque<AssetReads.Unhashed> listed = new java.util.ArrayDeque<>();

    @Override
    public List<AssetReads.Unhashed> next() {
        if (listed.isEmpty()) {
            listed.addAll(pending.next(LIST));
        }
        List<AssetReads.Unhashed> batch = new java.util.ArrayList<>();
        while (batch.size() < PendingHashes.BATCH && !listed.isEmpty()) {
            batch.add(listed.poll());
        }
        return batch.isEmpty() ? null : batch;
    }

    private static final int LIST = 4096;

    @Override
    public Map<String, ImageHashes> compute(List<AssetReads.Unhashed> batch) {
        return pending.hash(batch, null);
    }

    @Override
    public void store(List<AssetReads.Unhashed> batch, Map<String, ImageHashes> hashes) {
        pending.store(hashes);
    }
}
