package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code alice similar} says about a target that is not one picture. */
class SimilarInputCliTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderIsNamedAsAFolderNotAsMissing() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("fox/fox.png", DedupCliTest.png(Pictures.photo(1, 128, 128, 6)));
        CliRun organized = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(organized.exit()).as(organized.err()).isZero();
        Path folder = Files.createDirectories(tmp.resolve("downloads"));

        CliRun run = CliRun.run("similar", folder.toString(), "--library", t.library().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(folder + ": is a folder").doesNotContain("no such file");
    }
}
