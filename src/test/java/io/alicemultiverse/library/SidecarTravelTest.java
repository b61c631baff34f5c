package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.CrashCorpus;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.testsupport.XmpFiles;
import io.alicemultiverse.xmp.SidecarReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * XMP sidecars travel with their files: organize carries one that arrives with its image (both naming conventions)
 * and reads its keywords as user tags, {@code --xmp} (or {@code xmp: true}) writes the sidecars of new files,
 * dedup takes a removed copy's sidecar to the trash, and undo brings every sidecar back with its file.
 */
class SidecarTravelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void organizeCarriesArrivingSidecarsAndUndoPutsThemBack() throws Exception {
        assumeThat(XmpFiles.exiftoolPresent()).as("exiftool installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("shoot/a.png", TempLibrary.png("a lighthouse", "m", 1));
        t.inboxFile("shoot/a.png.xmp", XmpFiles.sidecar(4, "Sunset", "Coast")); // darktable's name
        t.inboxFile("shoot/b.png", TempLibrary.png("a teapot", "m", 2));
        t.inboxFile("shoot/b.xmp", XmpFiles.sidecar(2, "Kitchen")); // Lightroom's name
        t.inboxFile("shoot/ghost.xmp", XmpFiles.sidecar(1, "Nobody")); // no image: stays, reported
        t.inboxFile("twin/a.png", TempLibrary.png("a lighthouse", "m", 1)); // a's bytes: parked with its sidecar
        t.inboxFile("twin/a.png.xmp", XmpFiles.sidecar(3, "Twin"));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());

        // a dry run counts the sidecars it would carry and moves nothing
        CliRun dry = alice(t, "organize", "--move", "--dry-run", "--json", "--inbox", t.inbox().toString());
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(JSON.readTree(dry.lines().get(dry.lines().size() - 1)).get("sidecars").asInt()).isEqualTo(3);
        assertThat(alice(t, "organize", "--move", "--dry-run", "--inbox", t.inbox().toString()).out())
                .contains("3 sidecars to carry");
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);

        CliRun organized = alice(t, "organize", "--move", "--json", "--inbox", t.inbox().toString());
        assertThat(organized.exit()).as(organized.out() + organized.err()).isZero();
        JsonNode summary = JSON.readTree(organized.lines().get(organized.lines().size() - 1));
        assertThat(summary.get("organized").asInt()).isEqualTo(2);
        assertThat(summary.get("sidecars").asInt()).isEqualTo(3);
        assertThat(organized.lines()).anyMatch(l -> l.contains("ghost.xmp") && l.contains("\"note\""));
        assertThat(TempLibrary.fingerprint(t.inbox())).containsOnlyKeys("shoot/ghost.xmp");

        Path a = image(t, "lighthouse");
        Path b = image(t, "teapot");
        assertThat(TempLibrary.sha256(Sidecars.of(a))).isEqualTo(inbox.get("shoot/a.png.xmp"));
        assertThat(TempLibrary.sha256(Sidecars.of(b))).isEqualTo(inbox.get("shoot/b.xmp"));
        assertThat(XmpFiles.exiftoolSubjects(Sidecars.of(b))).containsExactly("Kitchen");
        try (Stream<Path> parked = Files.walk(t.library().resolve(".alice/duplicates"))) {
            assertThat(parked.map(p -> p.getFileName().toString())).contains("a.png", "a.png.xmp");
        }
        // their keywords and ratings are the user's tags now, searchable
        assertThat(alice(t, "tags", "--origin", "user").out()).contains("sunset", "coast", "kitchen", "rating 4");
        assertThat(alice(t, "search", "--json", "--tag", "kitchen").out()).contains(t.library().relativize(b).toString());

        CliRun undo = alice(t, "undo", "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox); // both sidecars back under their names
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
        assertThat(alice(t, "check", "--json").exit()).isZero();
    }

    @Test
    void xmpWritesTheSidecarsOfNewFilesMergedWithArrivedOnes() throws Exception {
        assumeThat(XmpFiles.exiftoolPresent()).as("exiftool installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse", "juggernaut", 1));
        t.inboxFile("p/a.png.xmp", XmpFiles.sidecar(5, "Sunset"));
        t.inboxFile("p/b.png", TempLibrary.png("a teapot", "juggernaut", 2));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());

        CliRun organized = alice(t, "organize", "--xmp", "--json", "--inbox", t.inbox().toString());
        assertThat(organized.exit()).as(organized.out() + organized.err()).isZero();
        Path a = image(t, "lighthouse");
        Path b = image(t, "teapot");
        assertThat(XmpFiles.exiftoolSubjects(Sidecars.of(b))).contains("a teapot", "juggernaut");
        assertThat(XmpFiles.exiftoolSubjects(Sidecars.of(a))).contains("Sunset", "a lighthouse")
                .as("the keyword once, as the photo manager wrote it").doesNotContain("sunset");
        assertThat(SidecarReader.read(Sidecars.of(a)).rating()).isEqualTo(5); // the photo manager's rating kept
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox); // a copy run leaves the inbox alone

        // undo of a copy run: the inbox as it was; sidecars we wrote go to the undo's trash, not into the inbox
        CliRun undo = alice(t, "undo", "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
        assertThat(files(t.library().resolve(".alice/trash"))).hasSize(2).allMatch(p -> p.toString().endsWith(".xmp"));

        // the configuration's xmp key does what --xmp does
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "xmp: true\n");
        assertThat(alice(t, "organize", "--config", config.toString(), "--inbox", t.inbox().toString()).exit())
                .isZero();
        Path teapot = image(t, "teapot");
        assertThat(Sidecars.of(teapot)).exists();
        // and keeps it current when tags change through alice
        assertThat(alice(t, "tag", "add", "--config", config.toString(), t.library().relativize(teapot).toString(),
                "portfolio").exit()).isZero();
        assertThat(XmpFiles.exiftoolSubjects(Sidecars.of(teapot))).contains("portfolio");
    }

    @Test
    void dedupTakesARemovedCopysSidecarToTheTrashAndUndoBringsItBack() throws Exception {
        for (String action : List.of("trash", "hardlink")) {
            TempLibrary t = new TempLibrary(tmp.resolve(action));
            byte[] png = CrashCorpus.png(Pictures.photo(7, 48, 48, 6));
            t.inboxFile("p/a.png", png);
            t.inboxFile("p/a.png.xmp", XmpFiles.sidecar(3, "first"));
            t.inboxFile("p/b.png", CrashCorpus.splitIdat(png));
            t.inboxFile("p/b.png.xmp", XmpFiles.sidecar(3, "second"));
            assertThat(alice(t, "organize", "--move", "--inbox", t.inbox().toString()).exit()).isZero();
            Map<String, String> library = TempLibrary.fingerprint(t.library());
            assertThat(library.keySet()).filteredOn(k -> k.endsWith(".xmp")).hasSize(2);

            CliRun dedup = alice(t, "dedup", "--apply", action, "--max-distance", "0", "--json");
            assertThat(dedup.exit()).as(dedup.out() + dedup.err()).isZero();
            List<Path> trashed = files(t.library().resolve(".alice/trash"));
            assertThat(trashed).as(action).filteredOn(p -> p.toString().endsWith(".xmp")).hasSize(1);
            assertThat(TempLibrary.fingerprint(t.library()).keySet()).as(action)
                    .filteredOn(k -> k.endsWith(".xmp")).hasSize(1);
            Path trashedSidecar = trashed.stream().filter(p -> p.toString().endsWith(".xmp")).findFirst().orElseThrow();
            assertThat(trashed).contains(trashedSidecar.resolveSibling(
                    trashedSidecar.getFileName().toString().replace(".xmp", ""))); // beside the member's bytes

            CliRun undo = alice(t, "undo", "--json");
            assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
            assertThat(TempLibrary.fingerprint(t.library())).as(action).isEqualTo(library);
            assertThat(files(t.library().resolve(".alice/trash"))).as(action).isEmpty();
            assertThat(alice(t, "check", "--json").exit()).isZero();
        }
    }

    /** The library file whose prompt contains {@code words}. */
    private static Path image(TempLibrary t, String words) throws Exception {
        CliRun found = alice(t, "search", "--json", words);
        return t.library().resolve(JSON.readTree(found.lines().get(0)).get("path").asText());
    }

    /** Regular files under {@code dir} but trash manifests. */
    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.endsWith("manifest.json")).sorted().toList();
        }
    }

    private static CliRun alice(TempLibrary t, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }
}
