package io.alicemultiverse.library;

/** Hears what an organize run does, for progress and reports. Called from the run's coordinating thread. */
public interface OrganizeListener {
    /** The run found {@code total} files to consider. */
    default void started(String run, int total) { }

    /** One file is settled (organized, duplicate, unchanged or failed). */
    default void progressed(int done, int total) { }

    /** A file was (or, in a dry run, would be) handled: {@code action} is copy, move, duplicate or duplicate-move. */
    default void planned(String source, String target, String action) { }

    /** A file could not be organized; it stays where it is. */
    default void failed(String path, String error) { }

    /** The run waits for {@code who} (another process's run on the same shared library) to finish first. */
    default void waiting(String who) { }

    /** Something worth telling that is not an error (a stray sidecar left in the inbox). */
    default void noted(String path, String note) { }

    OrganizeListener NONE = new OrganizeListener() { };
}
