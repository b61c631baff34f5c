package io.alicemultiverse.catalog;

import java.time.LocalDateTime;

/** A recorded run of a command that changed files. */
public record RunInfo(String run, String command, String mode, String inbox, LocalDateTime startedAt,
                      LocalDateTime finishedAt, String status) {
}
