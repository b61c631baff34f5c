package io.alicemultiverse.catalog;

import java.util.ArrayList;
import java.util.List;

/** What one batch writes to the catalog in a single transaction. Mutable while built; one thread. */
public final class CatalogBatch {
    /** An inbox file whose content was already in the library. */
    public record Duplicate(String run, String source, String contentHash, String keptPath, String movedTo) {
    }

    private final List<AssetRecord> assets = new ArrayList<>();
    private final List<String> removedAssets = new ArrayList<>();
    private final List<InboxFile> inboxFiles = new ArrayList<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final List<String[]> userTags = new ArrayList<>();

    public CatalogBatch add(AssetRecord a) { assets.add(a); return this; }

    public CatalogBatch remove(String contentHash) { removedAssets.add(contentHash); return this; }

    public CatalogBatch inbox(InboxFile f) { inboxFiles.add(f); return this; }

    public CatalogBatch duplicate(Duplicate d) { duplicates.add(d); return this; }

    public CatalogBatch journal(JournalEntry e) { journal.add(e); return this; }

    public CatalogBatch userTag(String contentHash, String tag, String category) {
        userTags.add(new String[]{contentHash, tag, category});
        return this;
    }

    public List<AssetRecord> assets() { return assets; }

    public List<String> removedAssets() { return removedAssets; }

    public List<InboxFile> inboxFiles() { return inboxFiles; }

    public List<Duplicate> duplicates() { return duplicates; }

    public List<JournalEntry> journal() { return journal; }

    public List<String[]> userTags() { return userTags; }

    public boolean isEmpty() {
        return assets.isEmpty() && removedAssets.isEmpty() && inboxFiles.isEmpty() && duplicates.isEmpty()
                && journal.isEmpty() && userTags.isEmpty();
    }
}
