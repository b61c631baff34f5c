package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg for tests that need media ImageIO cannot write (WebP, MP4). Callers check availability first. */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    /** Runs {@code ffmpeg -v error -y ARGS...}; throws when it fails. */
    public static void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + cmd + "\n" + out);
        }
    }

    /** Converts {@code png} to a lossy WebP at {@code quality}. */
    public static void webp(Path png, Path webp, int quality) throws IOException, InterruptedException {
        run("-i", png.toString(), "-c:v", "libwebp", "-quality", Integer.toString(quality), webp.toString());
    }
}
