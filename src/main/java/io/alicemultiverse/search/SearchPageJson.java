package io.alicemultiverse.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * One page of search results as the web API and the MCP tool return it: how many matched, the hits, and when nothing
 * matched because no word of the query is known, those words ({@link SearchResult#unknownWords}).
 */
public record SearchPageJson(
        @JsonPropertyDescription("How many assets matched in all (null when not counted)") Long total,
        @JsonProperty("took_ms") @JsonInclude(JsonInclude.Include.NON_NULL) Double tookMs,
        List<SearchHitJson> items,
        @JsonProperty("unknown_words") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonPropertyDescription("When nothing matched: the query's words, none of which this library or the "
                + "dictionary knows (a typo?)") List<String> unknownWords) {

    /** The page of {@code r}, counted. */
    public static SearchPageJson of(SearchResult r) {
        return new SearchPageJson(SearchHitJson.total(r), null, r.hits().stream().map(SearchHitJson::of).toList(),
                r.unknownWords());
    }
}
