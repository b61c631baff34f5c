package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;

/** Computes the perceptual hashes organize left for later before near-duplicate search, saying so on stderr. */
final class HashProgress {
    private HashProgress() {
    }

    static void hashPending(LibraryService library) {
        long pending = library.pendingHashCount();
        if (pending == 0) {
            return;
        }
        long started = System.nanoTime();
        Output.err().printf("alice: hashing %,d new files for near-duplicate search…%n", pending);
        int done = library.hashPending(n -> { });
        Output.err().printf("alice: hashed %,d files in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
    }
}
