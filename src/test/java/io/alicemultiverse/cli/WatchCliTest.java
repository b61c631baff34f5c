package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.app.Owner;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.XmpFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice organize --watch} as a process: a file dropped into the inbox is organized, embedded and indexed
 * for search in the same cycle (a search finds it by meaning), and SIGTERM (what Ctrl-C sends
 * through the JVM's hooks) stops it cleanly, releasing the owner file. With {@code --xmp} the sidecar that arrived with
 * the file is filed beside it, read as user tags, and rewritten with what alice knows.
 */
class WatchCliTest {
    @TempDir
    Path tmp;

    @Test
    void aWatchIsNeverADryRun() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path file = t.inboxFile("acme/fox.png", TempLibrary.png("a red fox", "sdxl", 5));
        CliRun run = CliRun.run("organize", "--watch", "--move", "--dry-run", "--inbox", t.inbox().toString(),
                "--library", t.library().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--watch and --dry-run cannot be combined");
        assertThat(file).exists(); // nothing moved
        assertThat(t.library()).doesNotExist();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void watchOrganizesEmbedsAndStopsCleanly() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Files.createDirectories(t.inbox());
        Process watch = AliceProcess.builder("organize", "--watch", "--json", "--xmp", "--inbox", t.inbox().toString(),
                "--library", t.library().toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("watch.log").toFile()).start();
        try {
            Path ownerFile = Owner.file(t.library());
            for (int i = 0; i < 600 && !Files.exists(ownerFile); i++) {
                Thread.sleep(100);
            }
            assertThat(ownerFile).exists();
            t.inboxFile("acme/fox.png.xmp", XmpFiles.sidecar(4, "From Darktable")); // arrives with its image
            t.inboxFile("acme/fox.png", TempLibrary.png("golden retriever running along the seashore", "sdxl", 5));
            Path log = tmp.resolve("watch.log");
            for (int i = 0; i < 600 && !Files.readString(log).contains("\"organized\":1"); i++) {
                Thread.sleep(200); // the cycle's summary line comes after its files are embedded and indexed
            }
            assertThat(Files.readString(log)).contains("\"organized\":1");
            CliRun stats = CliRun.run("stats", "--json", "--library", t.library().toString()); // through the owner
            assertThat(stats.out()).as(stats.err()).contains("\"assets\":1");
        } finally {
            watch.destroy(); // SIGTERM: the shutdown hook stops the loop between files
            assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Owner.file(t.library())).doesNotExist();
        try (Catalog c = Catalog.open(t.library())) {
            // embedded by the watcher when catalogued, before any search asked
            List<Long> vectors = c.select("SELECT count(*) FROM embeddings", List.of(), rs -> rs.getLong(1));
            assertThat(vectors).containsExactly(1L);
        }
        CliRun found = CliRun.run("search", "dog on the beach", "--json", "--library", t.library().toString());
        assertThat(found.out()).as(found.err()).contains("golden retriever");
        // --xmp: the arrived sidecar was filed beside the image, read as user tags, and written through
        Path image = t.library().resolve(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(found.lines().get(0)).get("path").asText());
        Path sidecar = image.resolveSibling(image.getFileName() + ".xmp");
        assertThat(io.alicemultiverse.xmp.SidecarReader.read(sidecar).subjects())
                .contains("From Darktable", "sdxl").doesNotContain("from darktable");
        assertThat(t.inbox().resolve("acme/fox.png.xmp")).exists(); // a copy run leaves the inbox as it was
        assertThat(CliRun.run("tags", "--origin", "user", "--library", t.library().toString()).out())
                .contains("from darktable");
    }
}
