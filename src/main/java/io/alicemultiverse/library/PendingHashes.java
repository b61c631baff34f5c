package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetReads;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.hash.PixelHasher;
import io.alicemultiverse.media.MediaFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The perceptual hashes organize leaves for later. Decoding every picture to hash it was two thirds of the CPU of
 * organizing an inbox whose prompts all differ (PNG inflate above all), and nothing organize does needs them: only
 * near-duplicate search does. So organize catalogues files without them, and they are computed here from the
 * library's files — by a long-running owner in the background, or by the next {@code similar} or {@code dedup}
 * before it answers. A file whose pixels cannot be decoded (or that is gone) gets an empty row, so it is not tried
 * again; {@code alice index rebuild} computes everything anew.
 *
 * <p>Catalog reads and writes happen under the caller's lock ({@code lock}), decoding outside it, a batch at a
 * time. Thread-safe when every user of the catalog holds that lock.
 */
public final class PendingHashes {
    /** Files a batch decodes between two catalog writes (about 0.1–0.3 s of one core). */
    public static final int BATCH = 64;
    /** Pending assets read by one query when all are hashed now. */
    private static final int LIST = 4096;

    private final Catalog catalog;
    private final Path root;
    private final PixelHasher hasher;
    private final Object lock;

    public PendingHashes(Catalog catalog, Path root, PixelHasher hasher, Object lock) {
        this.catalog = catalog;
        this.root = root.toAbsolutePath().normalize();
        this.hasher = hasher;
        this.lock = lock;
    }

    /** The next batch to hash (read under the lock); empty when none is left. */
    public List<AssetReads.Unhashed> next(int limit) {
        synchronized (lock) {
            return catalog.reads().unhashed(limit);
        }
    }

    /** How many assets wait for their hashes. */
    public long count() {
        synchronized (lock) {
            return catalog.reads().unhashedCount();
        }
    }

    /** Decodes and hashes one batch, without the lock, on {@code pool} (or this thread when null). */
    public Map<String, ImageHashes> hash(List<AssetReads.Unhashed> batch, ExecutorService pool) {
        Map<String, ImageHashes> out = new LinkedHashMap<>();
        if (pool == null) {
            batch.forEach(a -> out.put(a.contentHash(), hash(a)));
            return out;
        }
        List<Future<ImageHashes>> futures = new ArrayList<>();
        batch.forEach(a -> futures.add(pool.submit(() -> hash(a))));
        for (int i = 0; i < batch.size(); i++) {
            try {
                out.put(batch.get(i).contentHash(), futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("hashing interrupted", e);
            } catch (ExecutionException e) {
                out.put(batch.get(i).contentHash(), null);
            }
        }
        return out;
    }

    /** Stores a batch's hashes (under the lock). */
    public void store(Map<String, ImageHashes> hashes) {
        // an owner's background thread and a command it runs for another process fill the catalog from two
        // threads, each through its own connection: their check-then-insert takes turns under the library's lock,
        // so each content gets one row
        synchronized (lock) {
            catalog.addHashes(hashes);
        }
    }

    /**
     * Hashes every pending asset now, {@code threads} files at a time; {@code progress} hears the running count
     * after each batch. Returns how many assets were hashed (or found undecodable).
     */
    public int fillAll(int threads, IntConsumer progress) {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, DaemonThreads.named("alice-hash"))
                : null;
        int done = 0;
        try {
            // the list is read a few thousand at a time (one query each: finding what lacks hashes scans the
            // tables), and hashed and stored in parts, a larger part when several threads share it
            int size = BATCH * Math.max(1, threads);
            while (true) {
                List<AssetReads.Unhashed> pending = next(LIST);
                if (pending.isEmpty()) {
                    return done;
                }
                for (int from = 0; from < pending.size(); from += size) {
                    List<AssetReads.Unhashed> batch = pending.subList(from, Math.min(pending.size(), from + size));
                    store(hash(batch, pool));
                    done += batch.size();
                    progress.accept(done);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Hashes those of {@code hashes} still pending now, {@code threads} files at a time (understand, before it
     * groups near duplicates, so none is paid for because its hash was not there yet); returns how many.
     */
    public int fill(java.util.Collection<String> hashes, int threads) {
        List<AssetReads.Unhashed> pending;
        synchronized (lock) {
            pending = catalog.reads().unhashed(hashes);
        }
        if (pending.isEmpty()) {
            return 0;
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, DaemonThreads.named("alice-hash"))
                : null;
        try {
            store(hash(pending, pool));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return pending.size();
    }

    /** Hashes one asset now if it is still pending (a similar query about a just-organized file); true if it was. */
    public boolean fill(String contentHash) {
        return fill(List.of(contentHash), 1) > 0;
    }

    /** One asset's hashes from its library file; null when the file is gone, outside the library or undecodable. */
    private ImageHashes hash(AssetReads.Unhashed a) {
        Path file = root.resolve(a.path()).normalize();
        // the catalog may be shared with other users (PostgreSQL): never follow a path out of the library
        if (!file.startsWith(root) || file.startsWith(root.resolve(".alice")) || !Files.isRegularFile(file)) {
            return null;
        }
        MediaFormat format = MediaFormat.ofId(a.format());
        if (!format.isImage() && !format.isVideo()) {
            return null;
        }
        byte[] content = null;
        if (format.isImage()) {
            try {
                // decoded from memory, as organize did: a PNG is inflated in one call (libdeflate) instead of
                // streamed through zlib, half the CPU
                content = Files.size(file) <= IN_MEMORY_LIMIT ? Files.readAllBytes(file) : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return hasher.hash(file, format, content);
    }

    /** Larger images are decoded from the file. */
    private static final long IN_MEMORY_LIMIT = 64L << 20;
}
