package io.alicemultiverse.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.alicemultiverse.similar.DuplicateGroupJson;
import io.alicemultiverse.similar.SimilarMatchJson;
import io.alicemultiverse.video.VideoJobJson;

import java.util.List;

/**
 * The answers of the tools that only MCP gives in this shape (the others return the records the CLI's
 * {@code --json} and the web API share). A structured result is a JSON object, so lists come wrapped.
 */
final class ToolResults {
    private ToolResults() {
    }

    /** {@code find_similar}: the nearest first. */
    record Matches(List<SimilarMatchJson> matches) {
    }

    /** {@code find_duplicates}: the groups, largest saving first. */
    record Groups(List<DuplicateGroupJson> groups) {
    }

    /** {@code tag_assets}: how many assets were tagged, with which tags, and any sidecar that could not be written. */
    record Tagged(int assets, List<String> tags,
                  @JsonPropertyDescription("added or removed") String action,
                  @JsonProperty("sidecar_problems") @com.fasterxml.jackson.annotation.JsonInclude(
                          com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                  List<String> sidecarProblems) {
    }

    /** {@code list_video_jobs}: oldest first. */
    record Jobs(List<VideoJobJson> jobs) {
    }

    /** {@code generate_video} with {@code dry_run}: the estimate, nothing sent. */
    record VideoEstimate(@JsonProperty("dry_run") boolean dryRun,
                         @JsonProperty("estimate_usd") Double estimateUsd,
                         @JsonProperty("prices_as_of") String pricesAsOf,
                         @JsonPropertyDescription("Why a real call would be refused (budget_usd, the daily or "
                                 + "monthly budget), else null") String refused,
                         String next) {
    }

    /** {@code export_timeline}: the timeline file's text and what it holds. */
    record Timeline(@JsonPropertyDescription("otio, fcpxml or edl") String format, String extension,
                    @JsonPropertyDescription("How many clips and stills") int clips, int fps, double seconds,
                    List<String> warnings,
                    @JsonPropertyDescription("The file's text, to save with the extension") String content) {
    }
}
