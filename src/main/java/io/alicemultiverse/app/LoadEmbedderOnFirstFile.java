package io.alicemultiverse.app;

import io.alicemultiverse.library.OrganizeListener;
/**
 * Passes everything on, and the first time a file is filed into the library starts loading the embedding model
 * in the background: {@link LibraryService#catalogued} embeds the new prompts after the run, and the ~0.5 s of loading then
 * overlaps reading files instead of following it. Runs with nothing new never load it.
 */
final class LoadEmbedderOnFirstFile implements OrganizeListener {
    private final OrganizeListener next;
    private final Runnable load;
    private boolean started;

    LoadEmbedderOnFirstFile(OrganizeListener next, Runnable load) {
        this.next = next;
        this.load = load;
    }

    @Override
    public void started(String run, int total) {
        next.started(run, total);
    }

    @Override
    public void progressed(int done, int total) {
        next.progressed(done, total);
    }

    @Override
    public void planned(String source, String target, String action) {
        if (!started && (action.equals("copy") || action.equals("move"))) {
            started = true;
            load.run();
        }
        next.planned(source, target, action);
    }

    @Override
    public void failed(String path, String error) {
        next.failed(path, error);
    }

    @Override
    public void waiting(String who) {
        next.waiting(who);
    }

    @Override
    public void noted(String path, String note) {
        next.noted(path, note);
    }
}
