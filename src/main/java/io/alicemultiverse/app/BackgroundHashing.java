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

    @Override
    public List<AssetReads.Unhashed> next() {
        List<AssetReads.Unhashed> batch = pending.next(PendingHashes.BATCH);
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public Map<String, ImageHashes> compute(List<AssetReads.Unhashed> batch) {
        return pending.hash(batch, null);
    }

    @Override
    public void store(List<AssetReads.Unhashed> batch, Map<String, ImageHashes> hashes) {
        pending.store(hashes);
    }
}
