package io.alicemultiverse.catalog;

import io.alicemultiverse.hash.ImageHashes;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed catalog reads for the domain packages (rebuild, dedup, understanding, tag listings): the SQL stays here so a
 * second backend implements these methods, not queries scattered over the code base. Not thread-safe, like the
 * {@link Catalog} it reads.
 */
public final class AssetReads {
    /** Where a catalogued file came from, which a rebuild keeps. */
    public record Provenance(String path, String originalPath, String project, LocalDateTime organizedAt,
                             String run) {
    }

    /**
     * One catalogued asset with a pHash, as dedup needs it. {@code createdAt} is null when unknown; {@code zhash}
     * (the pHash of the centre 95 %) when it was catalogued before that hash existed; {@code colour} (a flat
     * picture's mean colour, {@code 0xRRGGBB}) for other pictures and when it could not be decoded.
     */
    public record HashedAsset(String contentHash, String path, String format, int width, int height, long dhash,
                              long phash, Long zhash, int richness, LocalDateTime createdAt, boolean video,
                              Integer colour) {
    }

    /** One catalogued image, as understanding selects it. */
    public record ImageRow(String contentHash, String path, String prompt, String project) {
    }

    /** The generation prompt and project of one asset (either may be null). */
    public record PromptAndProject(String prompt, String project) {
    }

    /** Origins a tag can have. */
    public static final List<String> TAG_ORIGINS = List.of("prompt", "understanding", "user");

    private final Catalog catalog;

    AssetReads(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Content hashes of the assets a run filed. */
    public List<String> hashesOfRun(String run) {
        return catalog.select("SELECT content_hash FROM assets WHERE run = ?", List.of(run), rs -> rs.getString(1));
    }

    /**
     * Every tag with the number of catalogued assets carrying it, most used first (ties by tag); {@code origin} null
     * for all origins, else one of {@link #TAG_ORIGINS}.
     */
    public Map<String, Long> tagCounts(String origin) {
        if (origin != null && !TAG_ORIGINS.contains(origin)) {
            throw new IllegalArgumentException("origin must be one of " + TAG_ORIGINS + ", not '" + origin + "'");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        catalog.select("SELECT tag, count(DISTINCT content_hash) AS n FROM tags WHERE content_hash IN "
                        + "(SELECT content_hash FROM assets)" + (origin == null ? "" : " AND origin = ?")
                        + " GROUP BY tag ORDER BY n DESC, tag", origin == null ? List.of() : List.of(origin),
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Every asset's provenance, by content hash. */
    public Map<String, Provenance> provenance() {
        Map<String, Provenance> out = new HashMap<>();
        catalog.select("SELECT content_hash, original_path, project, organized_at, run, path FROM assets", List.of(),
                rs -> {
                    Timestamp t = rs.getTimestamp(4);
                    out.put(rs.getString(1), new Provenance(rs.getString(6), rs.getString(2), rs.getString(3),
                            t == null ? null : t.toLocalDateTime(), rs.getString(5)));
                    return null;
                });
        return out;
    }

    /**
     * Every asset with a pHash, by path. Timestamps are read as epoch microseconds (a plain {@code long}: DuckDB's
     * JDBC {@code getTimestamp} was a third of the load time over 100,000 rows).
     */
    public List<HashedAsset> hashedAssets() {
        return catalog.select("""
                SELECT a.content_hash, a.path, a.format, coalesce(a.width, 0), coalesce(a.height, 0), h.dhash, h.phash,
                       CAST(a.prompt IS NOT NULL AS INTEGER) + CAST(a.model IS NOT NULL AS INTEGER)
                       + CAST(coalesce(array_to_string(a.seeds, ''), '') <> '' AS INTEGER),
                       CAST(round(extract(epoch FROM a.created_at) * 1000000) AS BIGINT), a.media_type = 'video',
                       h.zhash, h.colour
                FROM assets a JOIN hashes h USING (content_hash)
                WHERE h.phash IS NOT NULL ORDER BY a.path""", List.of(), rs -> {
            long z = rs.getLong(11);
            Long zhash = rs.wasNull() ? null : z;
            int k = rs.getInt(12);
            Integer colour = rs.wasNull() ? null : k;
            long createdMicros = rs.getLong(9);
            LocalDateTime created = rs.wasNull() ? null : LocalDateTime.ofEpochSecond(
                    Math.floorDiv(createdMicros, 1_000_000L), (int) Math.floorMod(createdMicros, 1_000_000L) * 1000,
                    ZoneOffset.UTC);
            return new HashedAsset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                    rs.getLong(6), rs.getLong(7), zhash, rs.getInt(8), created, rs.getBoolean(10), colour);
        });
    }

    /** A catalogued asset whose perceptual hashes were never computed. */
    public record Unhashed(String contentHash, String path, String format) {
    }

    /**
     * Up to {@code limit} assets that have no row in {@code hashes}: organize catalogues files without decoding
     * their pixels and leaves the hashes for later (an owner in the background, or the next similar or dedup).
     */
    public List<Unhashed> unhashed(int limit) {
        return catalog.select("""
                SELECT a.content_hash, a.path, a.format FROM assets a
                WHERE NOT EXISTS (SELECT 1 FROM hashes h WHERE h.content_hash = a.content_hash)
                ORDER BY a.path LIMIT ?""", List.of(limit),
                rs -> new Unhashed(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Those of {@code hashes} that have no perceptual hashes yet. */
    public List<Unhashed> unhashed(java.util.Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        return catalog.select("SELECT a.content_hash, a.path, a.format FROM assets a WHERE a.content_hash "
                + SearchSql.IN_HASHES + " AND NOT EXISTS (SELECT 1 FROM hashes h WHERE h.content_hash = a.content_hash)",
                List.of(SearchSql.hashList(hashes)), rs -> new Unhashed(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** How many assets have no perceptual hashes yet (see {@link #unhashed}). */
    public long unhashedCount() {
        return catalog.select("SELECT count(*) FROM assets a WHERE NOT EXISTS "
                + "(SELECT 1 FROM hashes h WHERE h.content_hash = a.content_hash)", List.of(), rs -> rs.getLong(1))
                .get(0);
    }

    /**
     * The assets whose content hash starts with {@code prefix} (lower-case hex, checked by the caller), at most
     * {@code limit}: content hash → library path, by hash.
     */
    public Map<String, String> assetsWithPrefix(String prefix, int limit) {
        Map<String, String> out = new LinkedHashMap<>();
        catalog.select("SELECT content_hash, path FROM assets WHERE starts_with(content_hash, ?) "
                + "ORDER BY content_hash LIMIT ?", List.of(prefix, limit), rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** The library path (relative, forward slashes) of the asset with this content hash, if it is catalogued. */
    public Optional<String> pathOf(String contentHash) {
        return catalog.select("SELECT path FROM assets WHERE content_hash = ?", List.of(contentHash),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /** Whether an asset with this content hash is catalogued. */
    public boolean contains(String contentHash) {
        return !catalog.select("SELECT 1 FROM assets WHERE content_hash = ?", List.of(contentHash), rs -> 1).isEmpty();
    }

    /** The content hash of the asset at {@code path} (relative to the library, with forward slashes), if any. */
    public Optional<String> hashAtPath(String path) {
        return catalog.select("SELECT content_hash FROM assets WHERE path = ?", List.of(path), rs -> rs.getString(1))
                .stream().findFirst();
    }

    /** Both perceptual hashes (and a flat picture's colour) of those of {@code contentHashes} that have them. */
    public Map<String, ImageHashes> imageHashes(Set<String> contentHashes) {
        Map<String, ImageHashes> out = new HashMap<>();
        if (contentHashes.isEmpty()) {
            return out;
        }
        // the whole table (two longs a row) is read and filtered here: cheap, and no array binding needed
        catalog.select("SELECT content_hash, dhash, phash, colour FROM hashes"
                        + " WHERE phash IS NOT NULL AND dhash IS NOT NULL", List.of(), rs -> {
                    if (contentHashes.contains(rs.getString(1))) {
                        int k = rs.getInt(4);
                        Integer colour = rs.wasNull() ? null : k;
                        out.put(rs.getString(1), new ImageHashes(rs.getLong(2), rs.getLong(3), null, colour));
                    }
                    return null;
                });
        return out;
    }

    /** Every catalogued image (videos left out), by path. */
    public List<ImageRow> images() {
        return catalog.select("""
                SELECT content_hash, path, prompt, project FROM assets
                WHERE coalesce(media_type, 'image') = 'image' ORDER BY path""", List.of(),
                rs -> new ImageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** The catalogued images among {@code contentHashes}, in their order (videos and unknown hashes left out). */
    public List<ImageRow> images(Collection<String> contentHashes) {
        if (contentHashes.isEmpty()) {
            return List.of();
        }
        Map<String, ImageRow> found = new HashMap<>();
        catalog.select("""
                SELECT content_hash, path, prompt, project FROM assets
                WHERE coalesce(media_type, 'image') = 'image'
                AND content_hash IN (SELECT unnest(string_to_array(?, ',')))""", List.of(String.join(",", contentHashes)),
                rs -> found.put(rs.getString(1), new ImageRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))));
        List<ImageRow> out = new ArrayList<>();
        contentHashes.stream().map(found::get).filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    /** The prompt and project of a catalogued asset. */
    public Optional<PromptAndProject> promptAndProject(String contentHash) {
        return catalog.select("SELECT prompt, project FROM assets WHERE content_hash = ?", List.of(contentHash),
                rs -> new PromptAndProject(rs.getString(1), rs.getString(2))).stream().findFirst();
    }
}
