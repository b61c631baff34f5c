package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.ThumbnailCache;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metrics.AliceMetrics;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The routes that send an asset's bytes: its thumbnail (made once, then cached) and its file, whole or by range.
 * Only by content hash, only from the path the catalog holds, and only when that path resolves (symbolic links
 * included) inside the library and outside its private {@code .alice/} folder. Thread-safe: catalog reads hold the library's lock.
 */
final class AssetFiles {
    private final LibraryService library;
    private final Path root;
    private final ThumbnailCache thumbnails;
    private final AliceMetrics metrics;

    AssetFiles(LibraryService library, ThumbnailCache thumbnails, AliceMetrics metrics) {
        this.library = library;
        this.root = library.root();
        this.thumbnails = thumbnails;
        this.metrics = metrics;
    }

    void thumbnail(Context ctx) throws IOException {
        String hash = WebServer.hash(ctx);
        Path cached = thumbnails.cached(hash);
        metrics.thumbnail(cached != null);
        Path thumb = cached;
        if (thumb == null) {
            Optional<Served> file = fileOf(hash);
            if (file.isEmpty()) {
                WebServer.error(ctx, 404, "no asset " + hash);
                return;
            }
            try {
                thumb = thumbnails.get(hash, file.get().path());
            } catch (IOException e) {
                // a file no decoder can read (a truncated video, an image too large): the client is told why, and
                // the server's log says which file, instead of an unexplained 500
                System.getLogger(AssetFiles.class.getName()).log(System.Logger.Level.WARNING,
                        "no thumbnail for " + file.get().path() + ": " + e.getMessage());
                WebServer.error(ctx, 422, "cannot make a thumbnail of this asset: " + e.getMessage());
                return;
            }
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType("image/jpeg");
        ctx.result(Files.readAllBytes(thumb));
    }

    /**
     * The asset's bytes, whole or the one range a {@code Range} header asks for (206; 416 past the end): a browser
     * seeks in a video that way. The content hash names the bytes, so a range never mixes two versions of a file.
     */
    void file(Context ctx) throws IOException {
        String hash = WebServer.hash(ctx);
        Optional<Served> file = fileOf(hash);
        if (file.isEmpty()) {
            WebServer.error(ctx, 404, "no asset " + hash);
            return;
        }
        Path path = file.get().path();
        long size = Files.size(path);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(file.get().format().contentType());
        ByteRange range = ByteRange.of(ctx.header("Range"), size);
        if (range == null) {
            ctx.header("Content-Length", Long.toString(size));
            ctx.result(Files.newInputStream(path));
        } else if (!range.satisfiable()) {
            ctx.status(416).header("Content-Range", range.contentRange(size)).result("");
        } else {
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path);
            channel.position(range.start());
            ctx.status(206).header("Content-Range", range.contentRange(size))
                    .header("Content-Length", Long.toString(range.length()));
            ctx.result(new Slice(java.nio.channels.Channels.newInputStream(channel), range.length()));
        }
    }

    /** At most {@code left} bytes of a stream (a range of the file), closing the stream with itself. */
    private static final class Slice extends java.io.FilterInputStream {
        private long left;

        Slice(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A file the library may serve, and its format (which names the content type). */
    private record Served(Path path, MediaFormat format) {
    }

    /** The asset's file, only if it resolves (symbolic links included) inside the library, outside {@code .alice/}. */
    private Optional<Served> fileOf(String hash) throws IOException {
        Optional<Map<String, Object>> a = asset(hash);
        if (a.isEmpty() || a.get().get("path") == null) {
            return Optional.empty();
        }
        Path p = root.resolve(a.get().get("path").toString()).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return Optional.empty();
        }
        Path real = p.toRealPath();
        Path realRoot = root.toRealPath();
        Object format = a.get().get("format");
        // never the library's private folder (the catalog, the owner's token), whatever link leads there
        return real.startsWith(realRoot) && !real.startsWith(realRoot.resolve(".alice"))
                ? Optional.of(new Served(real, MediaFormat.ofId(format == null ? null : format.toString())))
                : Optional.empty();
    }

    private Optional<Map<String, Object>> asset(String hash) {
        synchronized (library) {
            return library.asset(hash);
        }
    }
}
