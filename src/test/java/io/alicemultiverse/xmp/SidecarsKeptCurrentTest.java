package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.TagOutcome;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code xmp: true}, every change made through alice follows into the sidecars: tags added or removed from
 * the CLI (and, through the one service every surface calls, from MCP and the gallery) and what an understanding
 * run found. A removed tag leaves the sidecar, so reading the sidecars back does not resurrect it, while keywords
 * another tool wrote stay.
 */
class SidecarsKeptCurrentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void tagChangesAndUnderstandingFollowIntoTheSidecar() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "juggernaut", 1));
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "xmp: true\n");
        run(t, config, "organize", "--inbox", t.inbox().toString());
        String path = JSON.readTree(run(t, config, "search", "--json", "lighthouse").lines().get(0))
                .get("path").asText();
        Path sidecar = XmpSidecars.sidecarOf(t.library().resolve(path));
        assertThat(sidecar).exists();

        run(t, config, "tag", "add", path, "portfolio", "print");
        assertThat(subjects(sidecar)).contains("portfolio", "print");
        assertThat(hierarchy(sidecar)).contains("user|portfolio", "user|print");

        // a keyword from another tool, read back as a user tag
        String foreign = Files.readString(sidecar).replace("<rdf:li>print</rdf:li>",
                "<rdf:li>print</rdf:li><rdf:li>From digiKam</rdf:li>");
        Files.writeString(sidecar, foreign);
        assertThat(run(t, config, "xmp", "read").out()).contains("1 user tag added");

        run(t, config, "tag", "remove", path, "portfolio");
        assertThat(subjects(sidecar)).doesNotContain("portfolio").contains("print", "From digiKam",
                "a lighthouse in a storm");
        assertThat(hierarchy(sidecar)).doesNotContain("user|portfolio").contains("user|print");
        assertThat(run(t, config, "xmp", "read").out()).contains("0 user tags added");
        assertThat(run(t, config, "tags", "--origin", "user").out()).doesNotContain("portfolio").contains("print");

        // removing the tag that came from the other tool takes its keyword out too
        run(t, config, "tag", "remove", path, "from digikam");
        assertThat(subjects(sidecar)).noneMatch(x -> x.equalsIgnoreCase("from digikam"));

        // an understanding run puts its description and tags in
        assertThat(description(sidecar)).isNull();
        run(t, config, "understand", "--all");
        assertThat(description(sidecar)).isNotBlank();
        assertThat(hierarchy(sidecar)).anyMatch(h -> h.startsWith("understanding|"));
    }

    @Test
    void theServiceEverySurfaceCallsKeepsSidecarsOnlyWhenAsked() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a teapot", "m", 3));
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
            library.organize(t.inbox(), false, false, true, io.alicemultiverse.library.OrganizeListener.NONE);
            Path file;
            try (var s = Files.walk(t.library())) {
                file = s.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
            }
            Path sidecar = XmpSidecars.sidecarOf(file);
            String rel = t.library().relativize(file).toString();

            TagOutcome off = library.tag(true, List.of(rel), null, List.of("kettle"));
            assertThat(off.assets()).isEqualTo(1);
            assertThat(subjects(sidecar)).doesNotContain("kettle"); // xmp off: the sidecar is left alone

            library.keepSidecars(true);
            TagOutcome on = library.tag(true, List.of(rel), null, List.of("stove"));
            assertThat(on.sidecarProblems()).isEmpty();
            assertThat(subjects(sidecar)).contains("kettle", "stove");

            // a sidecar that cannot be written is reported by name; the tag itself is kept
            Files.delete(sidecar);
            Files.createSymbolicLink(sidecar, tmp.resolve("elsewhere.xmp"));
            TagOutcome refused = library.tag(true, List.of(rel), null, List.of("oven"));
            assertThat(refused.sidecarProblems()).singleElement().asString().contains(file.getFileName() + ".xmp");
            assertThat(library.catalog().views().tagsOf(library.refs().resolve(rel)).toString()).contains("oven");
            assertThat(tmp.resolve("elsewhere.xmp")).doesNotExist();
        }
    }

    private static List<String> subjects(Path sidecar) throws Exception {
        return SidecarWriter.items(parse(sidecar), XMPConst.NS_DC, "subject");
    }

    private static List<String> hierarchy(Path sidecar) throws Exception {
        return SidecarWriter.items(parse(sidecar), Namespaces.LIGHTROOM, "hierarchicalSubject");
    }

    private static String description(Path sidecar) throws Exception {
        var d = parse(sidecar).getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT);
        return d == null ? null : d.getValue();
    }

    private static XMPMeta parse(Path sidecar) throws Exception {
        return XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar));
    }

    private static CliRun run(TempLibrary t, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--library", t.library().toString(), "--config", config.toString()));
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
