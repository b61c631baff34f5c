package io.alicemultiverse.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catalog reads shaped for the surfaces (MCP, web): rows as ordered plain maps of strings, numbers and lists, so any
 * surface can render them as JSON. Not thread-safe, like the {@link Catalog} it reads.
 */
public final class AssetViews {
    private final Catalog catalog;

    AssetViews(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * An asset's full record with its tags and understanding results (no hashes), and for generated clips and
     * their start images the link between them (see {@link #lineage}).
     */
    public Optional<Map<String, Object>> asset(String contentHash) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = catalog.connection().prepareStatement("SELECT * FROM assets WHERE content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), plain(rs.getObject(i)));
                    }
                    row.put("params", parseJson(row.get("params")));
                    row.put("raw", parseJson(row.get("raw")));
                    row.put("tags", tagsOf(contentHash));
                    row.put("understanding", understandingOf(contentHash));
                    lineage(row, contentHash);
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw catalog.fail("read asset", e);
        }
        return out.stream().findFirst();
    }

    /** {@link #asset} as its typed record. */
    public Optional<AssetJson> assetRecord(String contentHash) {
        return asset(contentHash).map(AssetJson::of);
    }

    /**
     * Both directions between a generated clip and the library image it was made from: {@code made_from} on the clip
     * ({@code {content_hash, path}}, path null when the image is not in this library) and {@code clips} on the image
     * (every clip made from it, oldest first). The link is the clip's {@code params.extra.source_image}.
     */
    private void lineage(Map<String, Object> row, String contentHash) {
        Object params = row.get("params");
        if (params instanceof Map<?, ?> p && p.get("extra") instanceof Map<?, ?> extra
                && extra.get("source_image") instanceof String source && !source.isBlank()) {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("content_hash", source);
            from.put("path", catalog.select("SELECT path FROM assets WHERE content_hash = ?", List.of(source),
                    rs -> rs.getString(1)).stream().findFirst().orElse(null));
            row.put("made_from", from);
        }
        // only videos are clips: the JSON is read for those rows alone
        List<Map<String, Object>> clips = catalog.select("SELECT content_hash, path FROM assets "
                + "WHERE media_type = 'video' AND ((params -> 'extra') ->> 'source_image') = ? ORDER BY created_at, path",
                List.of(contentHash), rs -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("content_hash", rs.getString(1));
                    c.put("path", rs.getString(2));
                    return c;
                });
        if (!clips.isEmpty()) {
            row.put("clips", clips);
        }
    }

    /**
     * The newest assets, optionally only of one source or project (the project whatever its case):
     * {@code [{content_hash, path, source, project, created_at, prompt, media_type}]}.
     */
    public List<Map<String, Object>> recent(int limit, int offset, String source, String project) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT content_hash, path, source, project, created_at, prompt, "
                + "media_type, width, height FROM assets WHERE 1 = 1");
        if (source != null) {
            sql.append(" AND source = ?");
            params.add(source);
        }
        if (project != null) { // whatever its case, as a search's project filter (FilterRule.PROJECT)
            sql.append(" AND lower(project) = ?");
            params.add(project.strip().toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(" ORDER BY created_at DESC NULLS LAST, path LIMIT ? OFFSET ?");
        params.add(Math.max(0, limit));
        params.add(Math.max(0, offset));
        return catalog.select(sql.toString(), params, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnName(i), plain(rs.getObject(i)));
            }
            return m;
        });
    }

    /** The latest organize runs with how many assets each catalogued and how long it took, newest first. */
    public List<Map<String, Object>> organizeRuns(int limit) {
        return catalog.select("""
                SELECT r.run, r.mode, r.started_at, r.finished_at, r.status, count(a.content_hash) AS organized,
                       extract(epoch FROM r.finished_at) - extract(epoch FROM r.started_at) AS seconds
                FROM runs r LEFT JOIN assets a ON a.run = r.run
                WHERE r.command = 'organize'
                GROUP BY r.run, r.mode, r.started_at, r.finished_at, r.status ORDER BY r.started_at DESC LIMIT ?""", List.of(Math.max(1, limit)), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnName(i), plain(rs.getObject(i)));
            }
            return m;
        });
    }

    /** Tags of one asset: {@code [{tag, category, origin}]}. */
    public List<Map<String, Object>> tagsOf(String contentHash) {
        return catalog.select("SELECT tag, category, origin FROM tags WHERE content_hash = ? ORDER BY origin, tag",
                List.of(contentHash), rs -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("tag", rs.getString(1));
                    t.put("category", rs.getString(2));
                    t.put("origin", rs.getString(3));
                    return t;
                });
    }

    /**
     * What vision models said of one asset, newest first: {@code [{provider, model, description, tags, prompt,
     * negative, created_at}]}, {@code tags} being the stored JSON by category.
     */
    public List<Map<String, Object>> understandingOf(String contentHash) {
        return catalog.select("""
                SELECT provider, model, description, tags, prompt, negative, created_at FROM understanding
                WHERE content_hash = ? ORDER BY created_at DESC, provider, model""", List.of(contentHash), rs -> {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("provider", rs.getString(1));
            u.put("model", rs.getString(2));
            u.put("description", rs.getString(3));
            u.put("tags", parseJson(rs.getString(4)));
            u.put("prompt", rs.getString(5));
            u.put("negative", rs.getString(6));
            u.put("created_at", plain(rs.getObject(7)));
            return u;
        });
    }

    /** A JDBC value as plain Java (lists, strings, numbers), so any surface can render it as JSON. */
    private static Object plain(Object v) throws SQLException {
        if (v instanceof java.sql.Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(plain(item));
            }
            return out;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.time.temporal.TemporalAccessor || v instanceof java.util.Date) {
            return v.toString();
        }
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }

    private static Object parseJson(Object v) {
        if (!(v instanceof String s)) {
            return v;
        }
        try {
            return JSON_READER.readValue(s, Object.class);
        } catch (java.io.IOException e) {
            return s;
        }
    }

    private static final ObjectMapper JSON_READER =
            new ObjectMapper();

}
