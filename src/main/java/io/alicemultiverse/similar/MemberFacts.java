package io.alicemultiverse.similar;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link MemberFiles#onDisk} learnt by decoding group members, by content hash, in
 * {@code <library>/.alice/cache/member-facts-1.json}: whether a picture is greyscale, and whether two pictures hold
 * the same pixels. A content hash's bytes never change, so an entry goes stale only when those rules change (the
 * number in the name), and a second {@code dedup} decodes only members it has not met (each decode is tens of
 * milliseconds: a thousand groups took half a minute every run). Derived data: a missing or unreadable file is an
 * empty cache, and saving is best-effort (a private temporary file renamed into place). Thread-safe.
 */
final class MemberFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The on-disk shape. */
    record Stored(Map<String, Boolean> grey, Map<String, Boolean> same) {
    }

    private final Path file;
    private final Map<String, Boolean> grey;
    private final Map<String, Boolean> same;
    private volatile boolean changed;

    private MemberFacts(Path file, Map<String, Boolean> grey, Map<String, Boolean> same) {
        this.file = file;
        this.grey = new ConcurrentHashMap<>(grey);
        this.same = new ConcurrentHashMap<>(same);
    }

    static Path file(Path library) {
        return library.resolve(".alice").resolve("cache").resolve("member-facts-1.json");
    }

    /** The library's cache, empty when it has none or it cannot be read. */
    static MemberFacts open(Path library) {
        Path f = file(library);
        try {
            if (Files.isRegularFile(f)) {
                Stored s = JSON.readValue(f.toFile(), Stored.class);
                return new MemberFacts(f, s.grey() == null ? Map.of() : s.grey(),
                        s.same() == null ? Map.of() : s.same());
            }
        } catch (IOException | RuntimeException e) {
            // rebuilt as members are met again
        }
        return new MemberFacts(f, Map.of(), Map.of());
    }

    /** A cache kept in memory only (for callers without a library folder). */
    static MemberFacts inMemory() {
        return new MemberFacts(null, Map.of(), Map.of());
    }

    Boolean grey(String contentHash) {
        return grey.get(contentHash);
    }

    void grey(String contentHash, boolean isGrey) {
        grey.put(contentHash, isGrey);
        changed = true;
    }

    Boolean same(String a, String b) {
        return same.get(pair(a, b));
    }

    void same(String a, String b, boolean isSame) {
        same.put(pair(a, b), isSame);
        changed = true;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** Writes the cache when something was added; a failure leaves the old file (the cache is only a shortcut). */
    void saveIfChanged() {
        if (!changed || file == null) {
            return;
        }
        try {
            io.alicemultiverse.media.Folders.create(file.getParent());
            Path tmp = io.alicemultiverse.catalog.PrivateFiles.newTemp(file); // 0600, a fresh name
            try {
                JSON.writeValue(tmp.toFile(), new Stored(Map.copyOf(grey), Map.copyOf(same)));
                io.alicemultiverse.catalog.PrivateFiles.replace(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
            changed = false;
        } catch (IOException e) {
            // the next run decodes these members again
        }
    }
}
