package io.alicemultiverse.similar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyframe pHashes of videos already decoded, by content hash, in
 * {@code <library>/.alice/cache/video-frames-2.json}: a video's bytes never change under its content hash, so an entry
 * goes stale only when the pHash rule changes (the number in the name: 2 since flat frames, a black one say, are coded
 * by their mean), and {@code dedup} runs ffmpeg only for videos it has not seen. The file of an earlier rule is
 * deleted when the cache is opened. Derived data: a missing or unreadable file is an empty cache, and saving is
 * best-effort (a temporary file renamed into place). Not thread-safe.
 */
final class VideoFrameCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, long[]> frames;
    private boolean changed;

    private VideoFrameCache(Path file, Map<String, long[]> frames) {
        this.file = file;
        this.frames = frames;
    }

    static Path file(Path library) {
        return library.resolve(".alice").resolve("cache").resolve("video-frames-2.json");
    }

    static VideoFrameCache open(Path library) {
        Path f = file(library);
        Map<String, long[]> read = new HashMap<>();
        try {
            Files.deleteIfExists(f.resolveSibling("video-frames.json")); // pHashes of the rule before flat frames
            if (Files.isRegularFile(f)) {
                read.putAll(JSON.readValue(f.toFile(), new TypeReference<Map<String, long[]>>() {
                }));
            }
        } catch (IOException e) {
            read.clear(); // rebuilt as videos are met again
        }
        return new VideoFrameCache(f, read);
    }

    /** The cached frames of {@code contentHash}, or null. */
    long[] get(String contentHash) {
        return frames.get(contentHash);
    }

    void put(String contentHash, long[] keyframes) {
        frames.put(contentHash, keyframes);
        changed = true;
    }

    /** Writes the cache when something was added; a failure leaves the old file (the cache is only a shortcut). */
    void saveIfChanged() {
        if (!changed) {
            return;
        }
        try {
            io.alicemultiverse.media.Folders.create(file.getParent());
            Path tmp = io.alicemultiverse.catalog.PrivateFiles.newTemp(file); // 0600, a fresh name
            try {
                JSON.writeValue(tmp.toFile(), frames);
                io.alicemultiverse.catalog.PrivateFiles.replace(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
            changed = false;
        } catch (IOException e) {
            // next run decodes these videos again
        }
    }
}
