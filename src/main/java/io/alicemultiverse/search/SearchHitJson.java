package io.alicemultiverse.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * The documented JSON shape of a search hit, the one record behind {@code alice search --json}, the web API and
 * the MCP result: {@code {"content_hash", "path", "source", "project", "created_at", "prompt", "tags", "score"}}
 * (and {@code thumbnail} where the gallery serves one).
 */
public record SearchHitJson(
        @JsonProperty("content_hash") @JsonPropertyDescription("SHA-256 of the file's bytes") String contentHash,
        @JsonPropertyDescription("Path inside the library") String path,
        @JsonPropertyDescription("Generator id, e.g. comfyui, midjourney") String source,
        String project,
        @JsonProperty("created_at") @JsonPropertyDescription("ISO-8601 local date-time") String createdAt,
        String prompt,
        List<String> tags,
        @JsonPropertyDescription("Relevance; null when only filters matched") Double score,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonPropertyDescription("URL of the gallery's thumbnail")
        String thumbnail) {

    public static SearchHitJson of(SearchHit h) {
        return new SearchHitJson(h.contentHash(), h.path(), h.source(), h.project(),
                h.createdAt() == null ? null : h.createdAt().toString(), h.prompt(), h.tags(), h.score(), null);
    }

    /** The same hit with the URL of its thumbnail. */
    public SearchHitJson withThumbnail(String url) {
        return new SearchHitJson(contentHash, path, source, project, createdAt, prompt, tags, score, url);
    }

    /** How many assets matched in all, or the page's size when the result does not know. */
    public static long total(SearchResult r) {
        return r.total() >= 0 ? r.total() : r.hits().size();
    }
}
