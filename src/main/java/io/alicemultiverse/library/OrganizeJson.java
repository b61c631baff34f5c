package io.alicemultiverse.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * The documented JSON shapes of an organize run, the records behind {@code alice organize --json} (a line per
 * planned or failed file, then the summary) and the MCP tool {@code organize_inbox} (the summary with its plan and
 * failures inside).
 */
public final class OrganizeJson {
    private OrganizeJson() {
    }

    /** A file a dry run would file: where from, where to, and how ({@code copy}, {@code move}, {@code duplicate}…). */
    public record Planned(String path, String target, String action) {
    }

    /** A file left in place, and why. */
    public record Failed(String path, String error) {
    }

    /** A file filed with something to say about it. */
    public record Noted(String path, String note) {
    }

    /** The run's totals; {@code plan}, {@code failures} and {@code next} only where the answer carries them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            @JsonPropertyDescription("Run id: `alice undo RUN` reverses it") String run,
            @JsonProperty("dry_run") boolean dryRun,
            int scanned, int organized, int duplicates, int unchanged, int errors,
            @JsonPropertyDescription("Sidecar files (.xmp, .txt…) carried beside their images") Integer sidecars,
            Double seconds,
            List<Failed> failures,
            @JsonPropertyDescription("What a dry run would do (at most 200 files)") List<Planned> plan,
            @JsonPropertyDescription("What to do next") String next) {

        /** The totals of {@code s} alone. */
        public static Summary of(OrganizeSummary s) {
            return new Summary(s.run(), s.dryRun(), s.scanned(), s.organized(), s.duplicates(), s.unchanged(),
                    s.errors(), s.sidecars() > 0 ? s.sidecars() : null, Math.round(s.seconds() * 1000) / 1000.0,
                    null, null, null);
        }

        /** The same totals with the files that failed, the plan and the next step. */
        public Summary with(List<Failed> failures, List<Planned> plan, String next) {
            return new Summary(run, dryRun, scanned, organized, duplicates, unchanged, errors, sidecars, seconds,
                    failures, plan, next);
        }
    }
}
