package io.alicemultiverse.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Decodes one frame of a video, or an AVIF/HEIC/JPEG XL still, with {@code ffmpeg} run as a process (Debian package
 * {@code ffmpeg}): {@code ffmpeg -v error [-ss T] -i FILE -frames:v 1 -vf scale=4S:4S:flags=area,format=rgb24 -f
 * rawvideo -}, then area-averages the 4S × 4S RGB frame with the {@link Luma} rule. RGB rather than ffmpeg's
 * {@code gray} keeps the luminance definition the same as the other decoders (ffmpeg's grey is limited-range Y);
 * ffmpeg drops alpha instead of compositing it. Stateless and thread-safe.
 */
final class FfmpegGray {
    private static final long TIMEOUT_SECONDS = 60;

    private FfmpegGray() {
    }

    static GrayImage frame(Path file, int size, double atSeconds) throws IOException {
        int side = size * ImageIoGray.OVERSAMPLE;
        byte[] rgb = rgb(file, side, atSeconds);
        AreaGrid grid = new AreaGrid(side, side, size, size);
        float[] lum = new float[side];
        for (int y = 0, i = 0; y < side; y++) {
            for (int x = 0; x < side; x++, i += 3) {
                lum[x] = Luma.of(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
            }
            grid.addRow(lum);
        }
        return grid.result();
    }

    /** The frame at {@code atSeconds} scaled by ffmpeg's area filter to {@code side × side}, 3 bytes (RGB) a pixel. */
    static byte[] rgb(Path file, int side, double atSeconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        if (atSeconds > 0 && Double.isFinite(atSeconds)) {
            cmd.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", atSeconds)));
        }
        cmd.addAll(List.of("-i", file.toAbsolutePath().toString(), "-frames:v", "1", "-an", "-sn",
                "-vf", "scale=" + side + ":" + side + ":flags=area,format=rgb24", "-f", "rawvideo", "-"));
        return run(cmd, side * side * 3, file);
    }

    private static byte[] run(List<String> cmd, int expected, Path file) throws IOException {
        Path errors = Files.createTempFile("alice-ffmpeg", ".log");
        Process p = null;
        try {
            try {
                p = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new IOException("ffmpeg is needed to decode " + file.getFileName()
                        + " but could not be run (install the Debian package ffmpeg): " + e.getMessage(), e);
            }
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(expected);
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg took more than " + TIMEOUT_SECONDS + " s on " + file.getFileName());
            }
            if (out.length < expected) {
                String why = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8).strip();
                if (why.length() > 500) {
                    why = why.substring(0, 500) + "…";
                }
                throw new IOException("ffmpeg decoded no frame from " + file.getFileName()
                        + " (exit " + p.exitValue() + (why.isEmpty() ? "" : ": " + why) + ")");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg decoded " + file.getFileName(), e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(errors);
        }
    }
}
