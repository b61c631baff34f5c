package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downloaded image's prompt carries terminal escape sequences (retitle the window, clear the screen, hide text),
 * a carriage return and a one-byte CSI (0x9b). The commands that print prompts, file names and tags as text
 * show those characters escaped, never send them to the terminal; {@code --json} keeps the text as it is.
 */
class TerminalEscapesCliTest {
    private static final String EVIL = "\u001b]0;PWNED\u0007\u001b[2Jfox, \u001b[8mhidden\u001b[0m\rrewritten \u009b2J";

    @TempDir
    Path tmp;

    @Test
    void textFromFilesReachesTheTerminalOnlyEscaped() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path file = t.inboxFile("p/a.png", TempLibrary.png(EVIL, "m1", 1));
        String lib = t.library().toString();
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();

        CliRun table = CliRun.run("search", "--library", lib, "--facets");
        assertThat(table.exit()).as(table.err()).isZero();
        assertSafe(table.out());
        assertThat(table.out()).contains("]0;PWNED\\x07\\x1b[2Jfox", "\\x9b2J");

        CliRun inspect = CliRun.run("inspect", file.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertSafe(inspect.out());
        assertThat(inspect.out()).contains("\\x1b[2J");

        CliRun tags = CliRun.run("tags", "--library", lib);
        assertThat(tags.exit()).as(tags.err()).isZero();
        assertThat(tags.out()).contains("\\x1b");
        assertSafe(tags.out());

        CliRun json = CliRun.run("search", "--library", lib, "--json");
        assertThat(json.json().get(0).get("prompt").asText()).startsWith("\u001b]0;PWNED\u0007");
    }

    /**
     * JSON escapes the C0 controls but allows DEL, the C1 controls (0x9b is a one-byte CSI on many terminals) and the
     * bidirectional overrides raw; {@code --json} read on a terminal (or by a tool that prints its strings) obeyed
     * them. They are written as backslash-u escapes: the same string to a JSON parser, inert on a terminal.
     */
    @Test
    void jsonOutputEscapesC1ControlsAndBidiOverrides() throws Exception {
        String prompt = "fox \u009b2J next\u0085line \u202eevil\u202c \u2066iso\u2069 del\u007f end";
        TempLibrary t = new TempLibrary(tmp);
        Path file = t.inboxFile("p/a.png", io.alicemultiverse.testsupport.PngBuilder.rgb(8, 8).itxt("parameters",
                prompt + "\nSteps: 20, Sampler: Euler, Seed: 1, Model: m1", false).build());
        String lib = t.library().toString();
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();

        CliRun json = CliRun.run("search", "--library", lib, "--json", "--facets");
        assertThat(json.exit()).as(json.err()).isZero();
        assertSafe(json.out());
        assertThat(json.out()).contains("fox \\u009b2J", "\\u202eevil\\u202c", "\\u2066iso\\u2069", "del\\u007F");
        assertThat(json.json().get(0).get("prompt").asText()).isEqualTo(prompt);

        CliRun inspect = CliRun.run("inspect", "--json", file.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertSafe(inspect.out());
        assertThat(inspect.out()).contains("next\\u0085line");

        CliRun tags = CliRun.run("tags", "--library", lib, "--json");
        assertThat(tags.exit()).as(tags.err()).isZero();
        assertSafe(tags.out());
    }

    /**
     * {@code stats} printed the names it counts (models, tags, projects: from files) raw, and every table padded them
     * with {@code %-40s}, which counts a CJK character as one column where a terminal draws two.
     */
    @Test
    void statsShowsNamesFromFilesEscapedAndTablesStayAlignedInAnyScript() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a fox", "\u001b[2Jwiped\u009b2J", 1));
        t.inboxFile("p/b.png", io.alicemultiverse.testsupport.PngBuilder.rgb(8, 8).itxt("parameters",
                "a cat\nSteps: 20, Sampler: Euler, Seed: 2, Model: 東京モデル", false).build());
        String lib = t.library().toString();
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();

        CliRun stats = CliRun.run("stats", "--library", lib);
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertSafe(stats.out());
        assertThat(stats.out()).contains("\\x1b[2Jwiped\\x9b2J");
        // five wide characters take ten columns: thirty spaces make forty, then the count
        assertThat(stats.out()).contains("  東京モデル" + " ".repeat(30) + " 1");

        CliRun facets = CliRun.run("search", "--library", lib, "--facets");
        assertThat(facets.exit()).as(facets.err()).isZero();
        assertThat(facets.out()).contains("  東京モデル" + " ".repeat(30) + " 1");
    }

    private static void assertSafe(String out) {
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e
                        || c >= 0x2066 && c <= 0x2069))
                .as("control characters printed raw in:%n%s", out).isEmpty();
    }
}
