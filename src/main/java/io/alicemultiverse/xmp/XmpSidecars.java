package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPException;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.SidecarFacts;
import io.alicemultiverse.media.AtomicReplace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code <file>.xmp} sidecars beside library files (never touching the files themselves) and reads tags and
 * ratings edited in other tools back as user tags. Sidecars are written crash-safely (temporary file, fsync, rename)
 * by a few threads, since the time goes to fsync; one that would not change is not rewritten. A sidecar name that is
 * a symbolic link is refused (it could point out of the library). The catalog is read and written by the calling
 * thread only.
 */
public final class XmpSidecars {
    /** What a write did. */
    public record WriteResult(int written, int unchanged, List<String> errors, double seconds) {
    }

    /** What a read found: sidecars read, the user tags added (per asset), problems naming their files. */
    public record ReadResult(int sidecars, int tagsAdded, Set<String> changedAssets, List<String> errors) {
    }

    private static final int THREADS = 4;

    private XmpSidecars() {
    }

    /**
     * The rating to take from a sidecar: its {@code xmp:Rating} when another tool changed it since alice last wrote
     * or took one ({@code alice:rating}); 0 when it was cleared there; null when there is nothing to take (unchanged,
     * or only the local analyzer's stars).
     */
    private static Integer changedRating(Sidecar s, SidecarFacts f) {
        if (java.util.Objects.equals(s.rating(), s.syncedRating())) {
            return null;
        }
        if (s.rating() == null) {
            return s.syncedRating() == null ? null : 0;
        }
        if (SidecarTags.rating(f.tags()) == null && s.rating().equals(f.stars())) {
            return null;
        }
        return s.rating();
    }

    /**
     * Keeps a rating a person cleared cleared: after the user tags {@code tags} were removed from {@code hashes}, an
     * asset that lost a {@code rating N} and has no other gets {@code rating 0}, so the local analyzer's stars do not
     * fill its sidecar's {@code xmp:Rating} again; after they were added, a new rating replaces {@code rating 0}.
     * Returns whether it changed a tag.
     */
    public static boolean keepRatingsCleared(Catalog catalog, Collection<String> hashes, List<String> tags,
                                             boolean added) {
        String cleared = SidecarTags.rating(0);
        if (tags.stream().noneMatch(t -> SidecarTags.special(t) && t.startsWith("rating ") && !t.equals(cleared))) {
            return false;
        }
        if (added) {
            return catalog.searchStore().changeUserTags(hashes, List.of(cleared), false) > 0;
        }
        List<String> unrated = catalog.sidecarFacts(hashes).stream()
                .filter(f -> SidecarTags.rating(f.tags()) == null).map(SidecarFacts::contentHash).toList();
        return !unrated.isEmpty() && catalog.searchStore().changeUserTags(unrated, List.of(cleared), true) > 0;
    }

    /** Adds {@code tag} to {@code fresh} unless the asset has it or it was removed in alice since its last write. */
    private static void take(String tag, Set<String> have, Set<String> removedHere, List<String> fresh) {
        if (!removedHere.contains(tag) && have.add(tag)) {
            fresh.add(tag);
        }
    }

    /** The sidecar of {@code file}: its full name plus {@code .xmp} (darktable's and digiKam's convention). */
    public static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".xmp");
    }

    /** Writes or refreshes the sidecars of the assets {@code hashes} names (every asset when null). */
    public static WriteResult write(Catalog catalog, Path root, Collection<String> hashes) throws InterruptedException {
        long start = System.nanoTime();
        List<SidecarFacts> all = catalog.sidecarFacts(hashes);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "alice-xmp");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SidecarFacts f : all) {
                done.add(pool.submit(() -> {
                    try {
                        if (writeOne(root, f)) {
                            written.incrementAndGet();
                        } else {
                            unchanged.incrementAndGet();
                        }
                    } catch (IOException | XMPException | RuntimeException e) {
                        errors.add(f.path() + ".xmp: " + e.getMessage());
                    }
                }));
            }
            for (Future<?> d : done) {
                try {
                    d.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new WriteResult(written.get(), unchanged.get(), List.copyOf(errors), (System.nanoTime() - start) / 1e9);
    }

    private static boolean writeOne(Path root, SidecarFacts f) throws IOException, XMPException {
        Path file = root.resolve(f.path()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the library file is missing or not a plain file");
        }
        Path sidecar = sidecarOf(file);
        if (Files.isSymbolicLink(sidecar)) {
            throw new IOException("is a symbolic link; not written through");
        }
        byte[] existing = Files.isRegularFile(sidecar) ? Files.readAllBytes(sidecar) : null;
        byte[] fresh = SidecarWriter.write(f, null);
        // a sidecar only we wrote, and still current, is byte for byte what we would write now: no parse needed
        if (existing != null && Arrays.equals(existing, fresh)) {
            return false;
        }
        byte[] bytes = existing == null ? fresh : SidecarWriter.write(f, existing);
        if (existing != null && Arrays.equals(SidecarWriter.normalised(existing), bytes)) {
            return false;
        }
        AtomicReplace.write(sidecar, bytes);
        return true;
    }

    /**
     * Reads the sidecars of the assets {@code hashes} names (every asset when null) and adds, as user tags
     * ({@link SidecarTags}), every subject, keyword path (with its last level), colour and pick label the asset
     * does not have yet, and a rating set in another tool as {@code rating N} (replacing the one the asset had).
     */
    public static ReadResult read(Catalog catalog, Path root, Collection<String> hashes) {
        int sidecars = 0;
        List<String> errors = new ArrayList<>();
        CatalogBatch batch = new CatalogBatch();
        Set<String> changed = new LinkedHashSet<>();
        int added = 0;
        for (SidecarFacts f : catalog.sidecarFacts(hashes)) {
            Path sidecar = sidecarOf(root.resolve(f.path()).normalize());
            if (!Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Sidecar s;
            try {
                s = SidecarReader.read(sidecar);
            } catch (IOException e) {
                errors.add(e.getMessage());
                continue;
            }
            sidecars++;
            Set<String> have = new HashSet<>();
            for (AssetRecord.Tag t : f.tags()) {
                have.add(t.tag().toLowerCase(Locale.ROOT));
            }
            // what alice held at its last write and holds no more was removed here since: it is not brought back
            Set<String> removedHere = new HashSet<>(s.synced());
            removedHere.addAll(s.ours());
            removedHere.removeAll(have);
            List<String> fresh = new ArrayList<>();
            for (String subject : s.subjects()) {
                String tag = SidecarReader.keyword(subject);
                // "rating 5" or "label:red" among the keywords is what an earlier alice wrote there by mistake
                if (!tag.isEmpty() && tag.length() <= 100 && !SidecarTags.special(tag)) {
                    take(tag, have, removedHere, fresh);
                }
            }
            for (String path : s.paths()) {
                if (!removedHere.contains(path)) { // a path removed here brings back neither it nor its last level
                    take(path, have, removedHere, fresh);
                    take(SidecarTags.leaf(path), have, removedHere, fresh);
                }
            }
            s.labels().forEach(label -> take(SidecarTags.LABEL + label, have, removedHere, fresh));
            s.picks().forEach(pick -> take(SidecarTags.PICK + pick, have, removedHere, fresh));
            // a label, pick or keyword path both held at alice's last write that the sidecar lost was removed there
            List<String> removedThere = s.synced().stream().filter(t -> have.contains(t) && !s.holds(t)).toList();
            if (!removedThere.isEmpty()) {
                catalog.searchStore().changeUserTags(List.of(f.contentHash()), removedThere, false);
                changed.add(f.contentHash());
            }
            Integer rating = changedRating(s, f);
            if (rating != null) {
                List<String> others = f.tags().stream().filter(t -> "user".equals(t.origin()))
                        .map(AssetRecord.Tag::tag).filter(t -> SidecarTags.special(t) && t.startsWith("rating ")
                                && !t.equals(SidecarTags.rating(rating))).toList();
                if (!others.isEmpty()) { // the rating is one value: the sidecar's replaces the one alice had
                    catalog.searchStore().changeUserTags(List.of(f.contentHash()), others, false);
                    changed.add(f.contentHash());
                }
                // cleared there: "rating 0" keeps it cleared (the analyzer's stars do not fill it)
                if (have.add(SidecarTags.rating(rating))) {
                    fresh.add(SidecarTags.rating(rating));
                }
            }
            for (String tag : fresh) {
                batch.userTag(f.contentHash(), tag, "user");
                changed.add(f.contentHash());
                added++;
            }
        }
        catalog.commit(batch);
        return new ReadResult(sidecars, added, changed, errors);
    }
}
