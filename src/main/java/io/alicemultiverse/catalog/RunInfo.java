package io.alicemultiverse.catalog;

import java.time.LocalDateTime;

/**
 * A recorded run of a command that changed files. {@code inbox} is absolute in memory; stored relative to the library
 * when it lies inside it (a video staging folder), like the journal's paths.
 */
public record RunInfo(String run, String command, String mode, String inbox, LocalDateTime startedAt,
                      LocalDateTime finishedAt, String status) {
}
