package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice --help} lists every command with a whole summary: the search command's used to stop mid-list
 * ("time words (today, last week, in march, 2024-05,"), the first of several description lines.
 */
class HelpTest {
    /** Command → its summary as {@code alice --help} lists it, continuation lines joined. */
    private static Map<String, String> summaries(String help) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = help.lines().toList();
        String current = null;
        for (String line : lines.subList(lines.indexOf("Commands:") + 1, lines.size())) {
            if (line.startsWith("    ") && current != null) {
                out.merge(current, line.strip(), (a, b) -> a + " " + b);
            } else if (line.startsWith("  ")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                out.put(current, parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }

    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exit()).isZero();
        Map<String, String> summaries = summaries(help.out());
        assertThat(summaries).containsKeys("search", "organize", "understand", "video", "tag");
        summaries.forEach((command, summary) ->
                assertThat(summary).as(command).isNotBlank().endsWith("."));
        assertThat(summaries.get("search")).isEqualTo("Find assets by a plain-language query, tags and filters.");
    }

    @Test
    void searchHelpStillExplainsTheQuery() {
        CliRun help = CliRun.run("search", "--help");
        assertThat(help.exit()).isZero();
        String text = String.join(" ", help.out().lines().map(String::strip).toList());
        assertThat(text).contains("Find assets by a plain-language query, tags and filters.")
                .contains("QUERY is plain language: time words (today, last week, in march, 2024-05, since monday)")
                .contains("the rest ranks by meaning and words.");
    }
}
