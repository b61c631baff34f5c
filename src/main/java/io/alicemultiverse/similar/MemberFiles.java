package io.alicemultiverse.similar;

import io.alicemultiverse.hash.PerceptualHash;
import io.alicemultiverse.media.FileCompleteness;
import io.alicemultiverse.media.MeanColour;
import io.alicemultiverse.media.MediaFormat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * What duplicate grouping learns from the files of group members, asked only about members of groups: whether a
 * file is damaged, whether it is greyscale (a desaturated copy loses to its colour original), and whether two files
 * hold the same pixels (which alone makes a group {@code exact}). Implementations are thread-safe.
 */
interface MemberFiles {
    /**
     * Largest pHash distance at which two images of one size may still hold the same pixels: an interlaced PNG is
     * hashed along another decoding path than a plain one and lands a few bits away (its dHash up to 5 or more).
     */
    int SAME_PIXELS_BITS = 6;

    /** Whether {@code a}'s file stops short of its end (a truncated download). */
    boolean damaged(DedupAsset a);

    /** Whether {@code a} is greyscale ({@link MeanColour#chroma} under {@link MeanColour#GREY_CHROMA}); false when unknown. */
    boolean greyscale(DedupAsset a);

    /** Whether {@code a} and {@code b}, two images, hold the same pixels. */
    boolean samePixels(DedupAsset a, DedupAsset b);

    /**
     * Whether every one of {@code members} (two or more) holds the same pixels as the first, all being images. Then
     * they are alike in every respect the pixels decide (greyscale among them), which need not be asked.
     */
    default boolean allSamePixels(java.util.List<DedupAsset> members) {
        DedupAsset first = members.get(0);
        for (DedupAsset m : members) {
            if (m.isVideo() || m != first && !samePixels(first, m)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Facts from hashes alone, for callers without the files: nothing is greyscale, and two images hold the same
     * pixels when dHash, pHash, size and (flat pictures) mean colour are equal.
     */
    static MemberFiles hashesOnly(Predicate<DedupAsset> damaged) {
        return new MemberFiles() {
            @Override
            public boolean damaged(DedupAsset a) {
                return damaged.test(a);
            }

            @Override
            public boolean greyscale(DedupAsset a) {
                return false;
            }

            @Override
            public boolean samePixels(DedupAsset a, DedupAsset b) {
                return a.dhash() == b.dhash() && a.phash() == b.phash() && a.width() == b.width()
                        && a.height() == b.height() && java.util.Objects.equals(a.colour(), b.colour());
            }
        };
    }

    /**
     * Facts read from the library's files under {@code root}: completeness from the container's end, greyscale from
     * a decode of the colours (once per asset), same pixels from a full decode of both — only for two images of one
     * size whose pHashes lie within {@link #SAME_PIXELS_BITS} and not known to differ in greyscale; a group is
     * decoded once a member when all its members hold one picture. A file that cannot be decoded is not greyscale
     * and holds no one's pixels.
     */
    static MemberFiles onDisk(Path root) {
        return onDisk(root, MemberFacts.inMemory());
    }

    /** {@link #onDisk(Path)}, remembering what decodes found in {@code facts} (see {@link MemberFacts}). */
    static MemberFiles onDisk(Path root, MemberFacts facts) {
        return new MemberFiles() {
            @Override
            public boolean damaged(DedupAsset a) {
                return !FileCompleteness.complete(root.resolve(a.path()));
            }

            @Override
            public boolean greyscale(DedupAsset a) {
                if (a.isVideo()) {
                    return false;
                }
                Boolean known = facts.grey(a.contentHash());
                if (known != null) {
                    return known;
                }
                boolean grey;
                try {
                    grey = MeanColour.chroma(root.resolve(a.path()), null, MediaFormat.ofId(a.format()))
                            < MeanColour.GREY_CHROMA;
                } catch (IOException | RuntimeException e) {
                    return false; // not remembered: a file that could not be read may be readable next time
                }
                facts.grey(a.contentHash(), grey);
                return grey;
            }

            @Override
            public boolean samePixels(DedupAsset a, DedupAsset b) {
                if (!mayBeSame(a, b)) {
                    return false;
                }
                Boolean known = facts.same(a.contentHash(), b.contentHash());
                if (known != null) {
                    return known;
                }
                Path fa = root.resolve(a.path());
                Path fb = root.resolve(b.path());
                boolean same = Pixels.within(2L * a.width() * a.height(), () -> Pixels.same(fa,
                        isPng(a) ? Pixels.png(fa) : null, fb, isPng(b)));
                remember(a, b, same);
                return same;
            }

            /** Decodes the first member once and each other once, stopping at the first that differs. */
            @Override
            public boolean allSamePixels(java.util.List<DedupAsset> members) {
                DedupAsset first = members.get(0);
                java.util.List<DedupAsset> unknown = new java.util.ArrayList<>();
                for (DedupAsset m : members.subList(1, members.size())) {
                    Boolean known = mayBeSame(first, m) ? facts.same(first.contentHash(), m.contentHash())
                            : Boolean.FALSE;
                    if (Boolean.FALSE.equals(known)) {
                        return false;
                    }
                    if (known == null) {
                        unknown.add(m);
                    }
                }
                if (unknown.isEmpty()) {
                    return true;
                }
                Path ff = root.resolve(first.path());
                return Pixels.within(2L * first.width() * first.height(), () -> {
                    Pixels.PngPixels png = isPng(first) ? Pixels.png(ff) : null; // read once for every member
                    for (DedupAsset m : unknown) {
                        boolean same = Pixels.same(ff, png, root.resolve(m.path()), isPng(m));
                        remember(first, m, same);
                        if (!same) {
                            return false;
                        }
                    }
                    return true;
                });
            }

            private boolean isPng(DedupAsset a) {
                return "png".equals(a.format());
            }

            /**
             * What the catalogue alone rules out: a video, another size, pHashes too far apart, or one picture
             * greyscale and the other not (when both are known: a desaturated copy is never decoded in full).
             */
            private boolean mayBeSame(DedupAsset a, DedupAsset b) {
                if (a.isVideo() || b.isVideo() || a.width() != b.width() || a.height() != b.height()
                        || PerceptualHash.distance(a.phash(), b.phash()) > SAME_PIXELS_BITS) {
                    return false;
                }
                Boolean greyA = facts.grey(a.contentHash());
                Boolean greyB = facts.grey(b.contentHash());
                return greyA == null || greyB == null || greyA.equals(greyB);
            }

            /** Keeps a decoded answer; a "no" only when both files could be read (it may be readable next time). */
            private void remember(DedupAsset a, DedupAsset b, boolean same) {
                if (same || (java.nio.file.Files.isReadable(root.resolve(a.path()))
                        && java.nio.file.Files.isReadable(root.resolve(b.path())))) {
                    facts.same(a.contentHash(), b.contentHash(), same);
                }
            }
        };
    }

    /** Videos: the hash rule ({@code exact} when every keyframe and the size are equal). */
    static boolean sameVideo(DedupAsset a, DedupAsset b) {
        return a.isVideo() && b.isVideo() && a.dhash() == b.dhash() && a.phash() == b.phash()
                && a.width() == b.width() && a.height() == b.height() && Arrays.equals(a.frames(), b.frames());
    }
}
