package io.alicemultiverse.similar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented JSON shape of duplicate groups and similar matches, as ordered plain maps shared by every surface:
 * {@code {"group", "kind", "keep", "reason", "members": [{"path", "content_hash", "distance"}]}} and
 * {@code {"content_hash", "path", "distance"}}. Stateless.
 */
public final class DuplicateGroupJson {
    private DuplicateGroupJson() {
    }

    public static Map<String, Object> toMap(DuplicateGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", g.group());
        m.put("kind", g.kind().id());
        m.put("keep", g.keep().path());
        m.put("reason", g.reason());
        List<Map<String, Object>> members = new ArrayList<>();
        for (DuplicateGroup.Member x : g.members()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", x.asset().path());
            row.put("content_hash", x.asset().contentHash());
            row.put("distance", x.distance());
            members.add(row);
        }
        m.put("members", members);
        return m;
    }

    public static Map<String, Object> toMap(SimilarFinder.Match match) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content_hash", match.contentHash());
        m.put("path", match.path());
        m.put("distance", match.distance());
        return m;
    }

}
