package io.alicemultiverse.video;

import io.alicemultiverse.http.HttpCall;
import io.alicemultiverse.http.HttpFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Streams one output URL to a {@code .part} file, resuming with a {@code Range} request when an earlier attempt left
 * part of it, and checks the length the server announced; the file is complete (and fsynced) when this returns,
 * else a {@link Delivery.Failure} says whether to retry or fetch a fresh URL. Written by hand because the download
 * must resume, bound its size and tell an expired URL from a dropped connection — the HTTP layer gives the pieces.
 * Stateless.
 */
final class Download {
    /** A generous ceiling for one clip: a hostile or broken server cannot fill the disk. */
    static final long MAX_BYTES = 4L << 30;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration READ = Duration.ofSeconds(60);
    private static final int REDIRECTS = 5;

    private Download() {
    }

    /** Downloads {@code url} into {@code part} (resuming what is there). */
    static void fetch(String url, Path part) throws Delivery.Failure {
        fetch(url, part, Map.of());
    }

    /**
     * Downloads {@code url} with {@code headers} (an API key the URL needs) into {@code part}. The headers go to the
     * URL's own origin only: a redirect to another host (storage behind a CDN) gets none of them.
     */
    static void fetch(String url, Path part, Map<String, String> headers) throws Delivery.Failure {
        fetch(url, part, headers, Download::usableSpace);
    }

    /**
     * As {@link #fetch(String, Path, Map)}, with {@code usableSpace} telling how many bytes the folder of
     * {@code part} can still take: an announced clip that does not fit is not started (the disk is not filled to
     * the brim for a download that must fail), and one past {@link #MAX_BYTES} is refused outright.
     */
    static void fetch(String url, Path part, Map<String, String> headers, ToLongFunction<Path> usableSpace)
            throws Delivery.Failure {
        fetch(url, part, headers, usableSpace, MAX_BYTES);
    }

    /**
     * As {@link #fetch(String, Path, Map, ToLongFunction)} with a ceiling of {@code maxBytes}: a clip announced past
     * it is not started, and a body that runs past it (no length announced, a chunked answer) is cut at the ceiling,
     * its partial file deleted and the failure {@link Delivery.Failure.Kind#TOO_LARGE}: another try would download
     * the same gigabytes again.
     */
    static void fetch(String url, Path part, Map<String, String> headers, ToLongFunction<Path> usableSpace,
                      long maxBytes) throws Delivery.Failure {
        String at = url;
        String origin = origin(url);
        for (int hop = 0; hop <= REDIRECTS; hop++) {
            long have = exists(part);
            HttpCall.Request r = HttpCall.Request.of("GET", at).header("Accept", "*/*");
            if (origin.equals(origin(at))) {
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    r = r.header(h.getKey(), h.getValue());
                }
            }
            if (have > 0) {
                r = r.header("Range", "bytes=" + have + "-");
            }
            long expected = -1; // the whole file's length, once the answer says it
            try (HttpCall.Streamed s = HttpCall.stream(r, CONNECT, READ)) {
                int status = s.status();
                if (status >= 300 && status < 400 && s.header("Location") != null) {
                    at = java.net.URI.create(at).resolve(s.header("Location")).toString(); // CDNs redirect to storage
                    continue;
                }
                if (status == 403 || status == 404 || status == 410) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.EXPIRED,
                            "the output URL answered " + status + " (expired or removed)");
                }
                if (status == 416 && have > 0) {
                    Files.deleteIfExists(part); // what we hold does not fit the file any more: start over
                    throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "the partial download no longer fits");
                }
                if (status != 200 && status != 206) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "the download answered " + status);
                }
                boolean append = status == 206;
                expected = total(s, append, have);
                if (expected > maxBytes) {
                    Files.deleteIfExists(part);
                    throw new Delivery.Failure(Delivery.Failure.Kind.TOO_LARGE, "the clip would be " + expected
                            + " bytes, more than the " + maxBytes + " a clip may have");
                }
                long needed = expected - (append ? have : 0);
                long free = expected < 0 ? Long.MAX_VALUE : usableSpace.applyAsLong(part.toAbsolutePath().getParent());
                if (needed > free) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "the clip needs " + needed
                            + " bytes but " + part.toAbsolutePath().getParent() + " has " + free + " free");
                }
                try {
                    write(s.body(), part, append, maxBytes);
                } catch (TooLarge e) {
                    Files.deleteIfExists(part);
                    throw new Delivery.Failure(Delivery.Failure.Kind.TOO_LARGE, e.getMessage());
                }
                long got = exists(part);
                if (expected >= 0 && got != expected) {
                    throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT,
                            "the download stopped at " + got + " of " + expected + " bytes");
                }
                return;
            } catch (HttpFailure e) {
                throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "download: " + e.getMessage());
            } catch (IOException e) {
                // a connection closed short of its Content-Length ends the body quietly on Java 17 (the length check
                // above), with an IOException on later Javas: the same message either way
                // the reason too: "No space left on device" is worth reading
                throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "the download stopped at " + exists(part)
                        + (expected >= 0 ? " of " + expected : "") + " bytes (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
        }
        throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "too many redirects");
    }

    /** Writes a clip the provider handed over inline (already in memory) into {@code part}, whole and fsynced. */
    static void write(byte[] clip, Path part, long maxBytes) throws Delivery.Failure {
        writeStreamed(part, maxBytes, out -> out.write(clip));
    }

    /** Writes bytes to a stream, as a provider's reader decodes them. */
    interface ClipWriter {
        void write(java.io.OutputStream out) throws IOException, Delivery.Failure;
    }

    /**
     * Writes a clip the provider hands over inline into {@code part} as {@code writer} produces it (decoding base64
     * from a reply, say), whole and fsynced: nothing past {@code maxBytes} reaches the disk, and a clip that runs past
     * it fails {@link Delivery.Failure.Kind#TOO_LARGE}. An inline clip cannot be resumed, so whatever stops the
     * writer leaves no partial file.
     */
    static void writeStreamed(Path part, long maxBytes, ClipWriter writer) throws Delivery.Failure {
        boolean done = false;
        try {
            io.alicemultiverse.media.Folders.create(part.getParent());
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 java.io.OutputStream out = new java.io.BufferedOutputStream(new Bounded(ch, maxBytes), 64 * 1024)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            done = true;
        } catch (TooLarge e) {
            throw new Delivery.Failure(Delivery.Failure.Kind.TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new Delivery.Failure(Delivery.Failure.Kind.TRANSIENT, "writing the clip: " + e.getMessage());
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // overwritten by the next attempt
                }
            }
        }
    }

    /** A file channel that takes at most {@code max} bytes in all. */
    private static final class Bounded extends java.io.OutputStream {
        private final FileChannel out;
        private final long max;
        private long written;

        Bounded(FileChannel out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new TooLarge("the inline clip ran past " + max + " bytes, the most a clip may have; stopped "
                        + "there");
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }

    /** Scheme, host and port: where headers meant for one server may go. */
    private static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return (u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).toLowerCase(java.util.Locale.ROOT);
    }

    /** The whole file's length the answer announces, -1 when it does not say. */
    private static long total(HttpCall.Streamed s, boolean partial, long have) {
        try {
            if (partial) {
                String range = s.header("Content-Range"); // bytes 100-999/1000
                int slash = range == null ? -1 : range.lastIndexOf('/');
                if (slash > 0 && !range.endsWith("*")) {
                    return Long.parseLong(range.substring(slash + 1).strip());
                }
                String length = s.header("Content-Length");
                return length == null ? -1 : have + Long.parseLong(length.strip());
            }
            String length = s.header("Content-Length");
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(InputStream in, Path part, boolean append, long maxBytes) throws IOException {
        io.alicemultiverse.media.Folders.create(part.getParent());
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[64 * 1024];
            long written = out.size();
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    written += n;
                    if (written > maxBytes) { // nothing past the ceiling reaches the disk
                        throw new TooLarge("the download ran past " + maxBytes + " bytes, the most a clip may have,"
                                + " without announcing its length; stopped there");
                    }
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
            } finally {
                out.force(true); // what was received survives a crash, so the next attempt resumes from it
            }
        }
    }

    /** A body that went past the ceiling: no retry makes it fit. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** What the filesystem holding {@code dir} (or its nearest existing parent) can still take. */
    static long usableSpace(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            try {
                return Files.getFileStore(d).getUsableSpace();
            } catch (IOException e) {
                // not created yet: ask its parent
            }
        }
        return Long.MAX_VALUE;
    }

    private static long exists(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
