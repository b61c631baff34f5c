package io.alicemultiverse.catalog;

/**
 * One write-ahead journal line: an operation on a user file, recorded as {@code planned} before it happens and
 * as {@code done} (or {@code failed}, {@code undone}) after. The journal is append-only; an operation's state is
 * its latest line. Paths are absolute.
 *
 * @param operation {@code copy}, {@code move}, {@code duplicate-move}, {@code trash}, {@code restore}
 */
public record JournalEntry(String run, int seq, String operation, String source, String target,
                           String contentHash, String state) {

    public JournalEntry withState(String newState) {
        return new JournalEntry(run, seq, operation, source, target, contentHash, newState);
    }
}
