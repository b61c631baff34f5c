package io.alicemultiverse.catalog;

/**
 * One write-ahead journal line: an operation on a user file, recorded as {@link JournalState#PLANNED} before it
 * happens and as {@link JournalState#DONE} (or {@link JournalState#FAILED}, {@link JournalState#UNDONE}) after. The
 * journal is append-only; an operation's state is its latest line. Paths are absolute in memory (as this machine
 * reaches the files); the catalog stores a path under the library relative to it, with forward slashes, and a path
 * outside it (an inbox file) absolute, so machines that mount a shared library at different places, or a library
 * folder moved since, read the same files ({@link Journal}).
 */
public record JournalEntry(String run, int seq, JournalOp operation, String source, String target,
                           String contentHash, JournalState state) {

    public JournalEntry withState(JournalState newState) {
        return new JournalEntry(run, seq, operation, source, target, contentHash, newState);
    }
}
