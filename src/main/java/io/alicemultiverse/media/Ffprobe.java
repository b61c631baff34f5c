package io.alicemultiverse.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ffprobe} (Debian package {@code ffmpeg}) as a process to read a video container's streams and tags.
 * Optional at run time: {@link #isAvailable()} says whether it is installed. Thread-safe.
 */
public final class Ffprobe {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 30;
    private static final int MAX_OUTPUT = 8 * 1024 * 1024;
    private static volatile Boolean available;

    private Ffprobe() {
    }

    /** Whether an {@code ffprobe} executable answers on the PATH (checked once). */
    public static boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            a = check();
            available = a;
        }
        return a;
    }

    private static boolean check() {
        try {
            Process p = new ProcessBuilder("ffprobe", "-version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The {@code -show_format -show_streams} JSON for {@code file}, or empty when ffprobe fails on it. */
    public static Optional<JsonNode> probe(Path file) throws IOException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", file.toAbsolutePath().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            byte[] out = in.readNBytes(MAX_OUTPUT);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0 || out.length == 0) {
                return Optional.empty();
            }
            return Optional.of(MAPPER.readTree(out));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            p.destroy();
        }
    }
}
