package io.alicemultiverse.library;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a watch keeps of the files {@code alice undo} put back into its inbox: such a file stays there as long as it
 * holds the very bytes the undo restored, so undoing a run the watch filed sticks instead of being filed again the
 * next moment. A file changed since (other bytes) is filed as any arriving file, and a one-off {@code alice
 * organize} files them all. A file is hashed once per size and time it shows, not on every cycle. Used by one thread
 * (the watch's).
 */
final class UndoneFiles {
    /** Files found holding what the undo put back, with the size and time they had then. */
    private final Map<Path, long[]> held = new HashMap<>();

    /** Whether {@code item} is a file an undo put back (per {@code restored}: path → content), unchanged since. */
    boolean holds(InboxScanner.Item item, Map<String, String> restored) {
        String hash = restored.get(item.path().toString());
        if (hash == null) {
            held.remove(item.path());
            return false;
        }
        long[] seen = held.get(item.path());
        if (seen != null && seen[0] == item.bytes() && seen[1] == item.mtime()) {
            return true;
        }
        if (SafeFiles.hasContent(item.path(), hash)) {
            held.put(item.path(), new long[]{item.bytes(), item.mtime()});
            return true;
        }
        held.remove(item.path());
        return false;
    }
}
