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
     * size whose pHashes lie within {@link #SAME_PIXELS_BITS}. A file that cannot be decoded is not greyscale and
     * holds no one's pixels.
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
                if (a.isVideo() || b.isVideo() || a.width() != b.width() || a.height() != b.height()
                        || PerceptualHash.distance(a.phash(), b.phash()) > SAME_PIXELS_BITS) {
                    return false;
                }
                Boolean known = facts.same(a.contentHash(), b.contentHash());
                if (known != null) {
                    return known;
                }
                boolean same = DuplicateResolver.samePixels(root.resolve(a.path()), root.resolve(b.path()));
                if (same || (java.nio.file.Files.isReadable(root.resolve(a.path()))
                        && java.nio.file.Files.isReadable(root.resolve(b.path())))) {
                    facts.same(a.contentHash(), b.contentHash(), same);
                }
                return same;
            }
        };
    }

    /** Videos: the hash rule ({@code exact} when every keyframe and the size are equal). */
    static boolean sameVideo(DedupAsset a, DedupAsset b) {
        return a.isVideo() && b.isVideo() && a.dhash() == b.dhash() && a.phash() == b.phash()
                && a.width() == b.width() && a.height() == b.height() && Arrays.equals(a.frames(), b.frames());
    }
}
