package io.alicemultiverse.catalog;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.Map;

/**
 * What search writes to the catalog besides assets: user tags (which move the change counter and drop the assets'
 * embeddings, as their search text changed) and text embeddings (which change no search text). Not thread-safe
 * (uses the catalog's connection).
 */
public final class SearchStore {
    private final Catalog catalog;

    SearchStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The unique index of user tags on PostgreSQL (migration 8). */
    static final String USER_TAG = "(content_hash, tag) WHERE origin = 'user'";

    /**
     * Adds ({@code add}) or removes user tags on assets in one transaction; returns how many tag rows changed.
     * Tags are stored as given (callers normalise them).
     */
    public int changeUserTags(Collection<String> contentHashes, Collection<String> tags, boolean add) {
        int[] changed = {0};
        catalog.inTransaction(() -> {
            String sql = add
                    ? "INSERT INTO tags SELECT ?, ?, 'user', 'user', NULL WHERE NOT EXISTS "
                    + "(SELECT 1 FROM tags WHERE content_hash = ? AND tag = ? AND origin = 'user')"
                    + catalog.dialect().onConflictDoNothing(USER_TAG)
                    : "DELETE FROM tags WHERE content_hash = ? AND tag = ? AND origin = 'user'";
            try (PreparedStatement ps = catalog.connection().prepareStatement(sql)) {
                for (String h : contentHashes) {
                    for (String t : tags) {
                        ps.setString(1, h);
                        ps.setString(2, t);
                        if (add) {
                            ps.setString(3, h);
                            ps.setString(4, t);
                        }
                        changed[0] += ps.executeUpdate();
                    }
                }
            }
            if (changed[0] > 0) {
                catalog.searchTextChanged(contentHashes);
            }
        });
        return changed[0];
    }

    /** Stores embeddings of one model (replacing earlier ones of those assets). */
    public void putEmbeddings(String model, Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        catalog.inTransaction(() -> {
            long stored;
            try (java.sql.Statement s = catalog.connection().createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT nextval('embeddings_stored')")) {
                rs.next();
                stored = rs.getLong(1); // the batch's mark: caches of this catalog read what is newer than theirs
            }
            catalog.deleteWhereIn("embeddings", "content_hash", vectors.keySet());
            try (BulkRows a = catalog.rows("embeddings", 4)) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    a.row(e.getKey(), model, e.getValue(), stored);
                }
            }
        });
    }
}
