package io.alicemultiverse.catalog;

import java.time.Instant;

/**
 * One row of {@code video_jobs} as stored: the video package's typed job, flattened. Immutable. Times are instants
 * (stored as UTC timestamps); nullable fields are null until the job reaches the step that sets them.
 */
public record VideoJobRow(String id, String provider, String model, String requestJson, String prompt,
                          String project, String baseUrl, String providerJobId, String statusUrl, String resultUrl,
                          String cancelUrl, String state, String remoteStatus, int attempts, Double estimateUsd,
                          Double costUsd, String outputUrl, Instant outputExpiresAt, String path, String contentHash,
                          String error, Instant createdAt, Instant updatedAt, Instant submittedAt, Instant finishedAt,
                          Instant deadlineAt, Instant nextCheckAt) {
}
