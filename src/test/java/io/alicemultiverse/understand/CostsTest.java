package io.alicemultiverse.understand;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SpendEntry;
import io.alicemultiverse.catalog.UnderstandingRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stats page's daily cost report: per day and operation, inside its window, with totals per operation. */
class CostsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    @SuppressWarnings("unchecked")
    void dailyReportSplitsUnderstandingFromVideoAndKeepsToItsWindow(@TempDir Path dir) {
        String a = "a".repeat(64);
        try (Catalog c = Catalog.open(dir)) {
            c.understanding().saveUnderstanding(List.of(new UnderstandingRow(a, "local", "local-1", "1", "d", "{}",
                    null, null, TODAY.atTime(9, 0), List.of())), List.of(
                    new SpendEntry(TODAY.atTime(10, 0), "openai", "gpt-4o-mini", 100, 10, 0.002, a, "r1", null),
                    new SpendEntry(TODAY.minusDays(1).atTime(10, 0), "video:fal", "fal-ai/veo3", 0, 0, 1.25, null,
                            "v1", "coast"),
                    new SpendEntry(TODAY.minusDays(1).atTime(11, 0), "video:runway", "gen4_turbo", 0, 0, 0.5, null,
                            "v2", null),
                    new SpendEntry(TODAY.minusDays(30).atTime(10, 0), "openai", "gpt-4o-mini", 1, 1, 9.0, a, "r0",
                            null)));

            Map<String, Object> report = Costs.daily(c, TODAY, 30);
            assertThat(report).containsEntry("since", "2026-11-05");
            List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("rows");
            assertThat(rows).containsExactly(
                    Map.of("day", "2026-12-03", "operation", "video", "count", 2L, "unit", "clips", "cost_usd", 1.75),
                    Map.of("day", "2026-12-04", "operation", "understanding", "count", 1L, "unit", "images",
                            "cost_usd", 0.002));
            assertThat((Map<String, Object>) report.get("by_operation"))
                    .containsOnly(Map.entry("understanding", 0.002), Map.entry("video", 1.75));
            assertThat(report).containsEntry("total_usd", 1.752);
            assertThat((List<?>) Costs.daily(c, TODAY, 1).get("rows")).hasSize(1);
            assertThatThrownBy(() -> Costs.daily(c, TODAY, 0)).hasMessageContaining("days");
        }
    }
}
