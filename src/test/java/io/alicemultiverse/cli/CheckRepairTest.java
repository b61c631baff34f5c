package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice check --repair} says which files it could not catalogue and why, instead of "catalog repaired" while
 * the next check still finds them unknown.
 */
class CheckRepairTest {
    @TempDir
    Path tmp;

    @Test
    void aFileTheCatalogCannotTakeIsNamedWithWhy() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        String lib = t.library().toString();
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();
        Files.writeString(t.library().resolve("pic.webp"), "precious"); // not a WebP: no asset can be made of it
        Files.copy(t.inbox().resolve("p/a.png"), t.library().resolve("copy.png")); // already catalogued content
        Files.write(t.library().resolve("ramen.png"), TempLibrary.png("a bowl of ramen", "m1", 2)); // a new asset
        CliRun repair = CliRun.run("check", "--repair", "--library", lib);
        assertThat(repair.out()).contains("not catalogued  pic.webp: ").contains("not catalogued  copy.png: the same "
                + "content is catalogued as").contains("catalog repaired except 2 file(s)");
        assertThat(repair.out()).doesNotContain("not catalogued  ramen.png");
        CliRun check = CliRun.run("check", "--json", "--library", lib);
        assertThat(check.out()).contains("\"unknown\":[\"copy.png\",\"pic.webp\"]").doesNotContain("ramen.png\"]");
    }
}
