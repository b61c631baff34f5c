package io.alicemultiverse.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * Everything the catalog knows about one asset, the record behind the MCP tool {@code get_asset}: its columns,
 * tags, what vision models said of it, and the image a clip was made from or the clips made from an image.
 */
public record AssetJson(
        @JsonProperty("content_hash") String contentHash,
        @JsonPropertyDescription("Path inside the library") String path,
        @JsonProperty("original_path") @JsonPropertyDescription("Where it was found in the inbox") String originalPath,
        @JsonProperty("media_type") String mediaType,
        String format, Integer width, Integer height,
        @JsonPropertyDescription("Seconds, for a video") Double duration,
        Long bytes, Long mtime, String source,
        @JsonProperty("ai_generated") Boolean aiGenerated,
        String project,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("organized_at") String organizedAt,
        String prompt, String negative, String model,
        List<String> seeds,
        @JsonPropertyDescription("The generation parameters as inspect_file reads them") Map<String, Object> params,
        @JsonPropertyDescription("The metadata chunks as read") Map<String, Object> raw,
        @JsonPropertyDescription("The organize run that filed it") String run,
        List<Tag> tags,
        List<Understanding> understanding,
        @JsonProperty("made_from") @JsonInclude(JsonInclude.Include.NON_NULL) Ref madeFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Ref> clips) {

    // a column added to assets must be added here too: reading a row with a key this record lacks fails
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A tag and where it came from ({@code user}, {@code prompt}, {@code understanding}…). */
    public record Tag(String tag, String category, String origin) {
    }

    /** What one provider and model said of the asset. */
    public record Understanding(String provider, String model, String description,
                                @JsonPropertyDescription("The tags it gave, as stored (by category)") Object tags,
                                String prompt, String negative, @JsonProperty("created_at") String createdAt) {
    }

    /** Another asset: its content hash, and its path when it is in this library. */
    public record Ref(@JsonProperty("content_hash") String contentHash, String path) {
    }

    /** The record of a row as {@link AssetViews#asset} reads it. */
    static AssetJson of(Map<String, Object> row) {
        return STRICT.convertValue(row, AssetJson.class);
    }
}
