package io.alicemultiverse.hash;

import io.alicemultiverse.media.GrayImage;
import io.alicemultiverse.media.HashGrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A video's likeness: the pHashes of its frames at 25%, 50% and 75% of its duration (ffmpeg). Stateless. */
public final class VideoHashes {
    /** Where the keyframes are taken, as fractions of the duration. */
    static final double[] POSITIONS = {0.25, 0.5, 0.75};

    private VideoHashes() {
    }

    /**
     * The keyframe pHashes of {@code video}.
     *
     * @throws IOException when ffmpeg is missing or a frame cannot be decoded
     */
    public static long[] of(Path video) throws IOException {
        List<GrayImage> frames = HashGrid.videoFrames(video, HashGrid.HASH_SIZE, POSITIONS);
        long[] out = new long[frames.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = PerceptualHash.pHash(frames.get(i));
        }
        return out;
    }
}
