package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alice stats} lists, as text, every part of the record {@code --json} prints, under its JSON name. */
class StatsCliTest {
    @TempDir
    Path tmp;

    @Test
    void theTextListingFollowsTheJsonRecord() throws Exception {
        Path inbox = tmp.resolve("inbox/studio");
        Files.createDirectories(inbox);
        Files.write(inbox.resolve("a.png"), TempLibrary.png("a lighthouse", "flux1-dev", 1));
        Files.write(inbox.resolve("b.png"), TempLibrary.png("a harbour", "flux1-dev", 2));
        Path library = tmp.resolve("library");
        assertThat(CliRun.run("organize", "--inbox", tmp.resolve("inbox").toString(), "--library",
                library.toString()).exit()).isZero();

        CliRun stats = CliRun.run("stats", "--library", library.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.lines()).startsWith("assets: 2", "catalog:");
        assertThat(stats.lines()).contains("by source:", "by project:", "by model:", "by month:", "by media type:");
        assertThat(stats.out()).containsPattern("\\n  backend +duckdb\\n").containsPattern("\\n  studio +2\\n")
                .containsPattern("\\n  image +2\\n");
    }
}
