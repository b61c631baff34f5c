package io.alicemultiverse.timeline;

import java.util.List;

/**
 * An ordered sequence of clips on one video track at a whole-number frame rate, starting at record timecode
 * 01:00:00:00 (the usual programme start in editors). Immutable.
 */
public record Timeline(String name, int fps, List<Clip> clips) {
    /** The record timecode of the first frame, in seconds: one hour. */
    public static final int START_SECONDS = 3600;

    public Timeline {
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("--fps must be a whole number from 1 to 60, not " + fps);
        }
        clips = List.copyOf(clips);
    }

    /** The record start in frames. */
    public long startFrame() {
        return (long) START_SECONDS * fps;
    }

    /** The total length in frames. */
    public long frames() {
        return clips.stream().mapToLong(Clip::frames).sum();
    }
}
