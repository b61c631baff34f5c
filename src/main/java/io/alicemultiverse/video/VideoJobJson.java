package io.alicemultiverse.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The job object every surface renders, the one record behind {@code alice video status --json}, the web API and
 * the MCP video tools (never a key or a secret); the live fields only in a live view.
 */
public record VideoJobJson(
        String id, String provider, String model,
        @JsonPropertyDescription("pending, submitting, queued, running, downloading, succeeded, failed, cancelled "
                + "or unknown") String state,
        String prompt,
        @JsonProperty("provider_job_id") String providerJobId,
        @JsonProperty("estimate_usd") Double estimateUsd,
        @JsonProperty("cost_usd") Double costUsd,
        @JsonPropertyDescription("Library path of the filed clip") String path,
        @JsonProperty("content_hash") String contentHash,
        String error,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("elapsed_seconds") @JsonInclude(JsonInclude.Include.NON_NULL) Long elapsedSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonPropertyDescription("The job still moves") Boolean active,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean cancellable) {
}
