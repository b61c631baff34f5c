package io.alicemultiverse.timeline;

/**
 * Non-drop-frame SMPTE timecode {@code HH:MM:SS:FF} at a whole-number rate. Stateless.
 */
final class Timecode {
    private Timecode() {
    }

    static String of(long frames, int fps) {
        if (frames < 0) {
            throw new IllegalArgumentException("negative timecode: " + frames);
        }
        long ff = frames % fps;
        long totalSeconds = frames / fps;
        long hh = totalSeconds / 3600;
        if (hh > 99) {
            throw new IllegalArgumentException("timecode past 99 hours: " + frames + " frames at " + fps + " fps");
        }
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d:%02d", hh, (totalSeconds / 60) % 60,
                totalSeconds % 60, ff);
    }
}
