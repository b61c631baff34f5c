package io.alicemultiverse.video;

import io.alicemultiverse.testsupport.Ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real, distinct MP4 clips made with ffmpeg (one per index, cached for the test run). */
final class Clips {
    private static final Map<Integer, byte[]> CACHE = new ConcurrentHashMap<>();

    private Clips() {
    }

    static byte[] mp4(int n) {
        return CACHE.computeIfAbsent(n, i -> {
            try {
                Path dir = Files.createTempDirectory("alice-clip");
                Path out = dir.resolve("clip.mp4");
                Ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5", "-pix_fmt", "yuv420p",
                        "-metadata", "comment=clip " + i, out.toString());
                byte[] b = Files.readAllBytes(out);
                Files.delete(out);
                Files.delete(dir);
                return b;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("ffmpeg is needed for the video tests (.ci/run installs it)", e);
            }
        });
    }
}
