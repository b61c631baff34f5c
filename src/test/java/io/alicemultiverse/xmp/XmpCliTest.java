package io.alicemultiverse.xmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code alice xmp write|read}: sidecars beside the files (never in them), read identically by exiftool and by us,
 * and a keyword or rating set with exiftool back as a user tag.
 */
class XmpCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sidecarsRoundTripThroughExiftool() throws Exception {
        assumeThat(onPath("exiftool")).as("exiftool (Debian libimage-exiftool-perl) installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "juggernaut", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "juggernaut", 2));
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString());
        run(lib, "understand", "--all");
        JsonNode hit = JSON.readTree(run(lib, "search", "--json", "lighthouse").lines().get(0));
        String path = hit.get("path").asText();
        Path image = lib.resolve(path);
        run(lib, "tag", "add", path, "favourite");
        String before = TempLibrary.sha256(image);

        assertThat(run(lib, "xmp", "write", "--all").out()).startsWith("2 sidecars written, 0 unchanged");
        Path sidecar = image.resolveSibling(image.getFileName() + ".xmp");
        assertThat(sidecar).exists();
        assertThat(TempLibrary.sha256(image)).isEqualTo(before); // never into the image
        assertThat(run(lib, "xmp", "write", "--all").out()).startsWith("0 sidecars written, 2 unchanged");

        // ours and exiftool's reading agree
        Sidecar ours = SidecarReader.read(sidecar);
        Document x = exiftoolX(sidecar);
        assertThat(bag(x, "XMP-dc:Subject")).containsExactlyElementsOf(ours.subjects());
        assertThat(ours.subjects()).contains("favourite", "a lighthouse in a storm", "juggernaut");
        assertThat(text(x, "XMP-dc:Description")).isEqualTo(ours.description()).isNotBlank();
        assertThat(text(x, "XMP-xmp:Rating")).isEqualTo(String.valueOf(ours.rating()));
        assertThat(ours.rating()).isBetween(1, 5);
        assertThat(bag(x, "XMP-lr:HierarchicalSubject")).contains("user|favourite", "prompt|a lighthouse in a storm")
                .anyMatch(s -> s.startsWith("understanding|colour|"));
        assertThat(text(x, "XMP-alice:Prompt")).isEqualTo("a lighthouse in a storm");
        assertThat(text(x, "XMP-alice:Model")).isEqualTo("juggernaut");
        assertThat(text(x, "XMP-alice:Steps")).isEqualTo("20");
        assertThat(text(x, "XMP-alice:ContentHash")).isEqualTo(hit.get("content_hash").asText());
        assertThat(text(x, "XMP-iptcExt:DigitalSourceType")).endsWith("/trainedAlgorithmicMedia");

        // edited elsewhere: a keyword and a rating come back as user tags
        exiftool("-XMP:Subject+=From Lightroom", "-XMP:Rating=5", "-overwrite_original", sidecar.toString());
        assertThat(run(lib, "xmp", "read").out()).startsWith("2 sidecars read, 2 user tags added on 1 asset");
        List<String> found = new ArrayList<>();
        for (String l : run(lib, "search", "--json", "--tag", "from lightroom").lines()) {
            found.add(JSON.readTree(l).get("path").asText());
        }
        assertThat(found).containsExactly(path);
        assertThat(run(lib, "tags", "--origin", "user").out()).contains("rating 5").contains("from lightroom");
        assertThat(run(lib, "xmp", "read").out()).startsWith("2 sidecars read, 0 user tags added");
        // a later write keeps what the other tool set
        run(lib, "xmp", "write", path);
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(5);
        assertThat(SidecarReader.read(sidecar).subjects()).as("the keyword once, in the case its tool wrote it")
                .contains("From Lightroom").doesNotContain("from lightroom");
    }

    @Test
    void aCaptionOrKeywordsFromAnotherToolAreKeptAsTheyWere() throws Exception {
        assumeThat(onPath("exiftool")).as("exiftool (Debian libimage-exiftool-perl) installed").isTrue();
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "juggernaut", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "juggernaut", 2));
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString());
        run(lib, "understand", "--all");
        List<Path> images;
        try (var files = Files.walk(lib)) {
            images = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        Path edited = XmpSidecars.sidecarOf(images.get(0));
        Path ours = XmpSidecars.sidecarOf(images.get(1));
        // darktable's sidecar, made before alice wrote one: a caption in two languages, a keyword tree, no rating
        Files.writeString(edited, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                   xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
                   xmlns:darktable="http://darktable.sf.net/" xmp:Rating="0" darktable:history_end="1">
                  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Mein Leuchtturm, Zoë's print</rdf:li>
                   <rdf:li xml:lang="de-DE">Mein Leuchtturm</rdf:li></rdf:Alt></dc:description>
                  <dc:subject><rdf:Bag><rdf:li>Île de Sein</rdf:li></rdf:Bag></dc:subject>
                  <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Île de Sein</rdf:li></rdf:Bag></lr:hierarchicalSubject>
                 </rdf:Description></rdf:RDF></x:xmpmeta>""");
        assertThat(run(lib, "xmp", "read").out()).as("rating 0 is unrated: no tag; the keyword and its path")
                .startsWith("1 sidecar read, 2 user tags added");
        run(lib, "xmp", "write", "--all");

        Sidecar kept = SidecarReader.read(edited);
        assertThat(kept.description()).isEqualTo("Mein Leuchtturm, Zoë's print");
        assertThat(kept.subjects()).contains("Île de Sein").doesNotContain("île de sein");
        // alice's own record of the tags it synced (alice:synced) aside, the path stays as the other tool wrote it
        assertThat(Files.readString(edited).replaceAll("(?s)<alice:synced>.*?</alice:synced>", ""))
                .contains("Places|Île de Sein", "user|île de sein", "darktable:history_end")
                .doesNotContain("places|île de sein");
        Sidecar mine = SidecarReader.read(ours);
        assertThat(mine.description()).isNotBlank();
        Document x = exiftoolX(edited);
        assertThat(text(x, "XMP-alice:Description")).as("ours is still carried in our namespace")
                .isNotBlank().isNotEqualTo(kept.description());

        // a caption edited after alice wrote one is kept too, on every later write
        exiftool("-XMP-dc:Description=My own words", "-overwrite_original", ours.toString());
        run(lib, "tag", "add", lib.relativize(images.get(1)).toString(), "favourite");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(ours).description()).isEqualTo("My own words");
        assertThat(SidecarReader.read(ours).subjects()).contains("favourite");
    }

    @Test
    void aBrokenSidecarIsReportedByNameAndTheRestGoesOn() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a", "m", 1));
        t.inboxFile("p/b.png", TempLibrary.png("b", "m", 2));
        Path lib = t.library();
        run(lib, "organize", "--inbox", t.inbox().toString());
        run(lib, "xmp", "write");
        List<Path> sidecars;
        try (var s = Files.walk(lib)) {
            sidecars = s.filter(p -> p.toString().endsWith(".xmp")).sorted().toList();
        }
        assertThat(sidecars).hasSize(2);
        Files.writeString(sidecars.get(0), "<x:xmpmeta garbage");
        CliRun r = CliRun.run("xmp", "read", "--library", lib.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(sidecars.get(0).getFileName().toString());
        assertThat(r.out()).startsWith("1 sidecar read");
        CliRun w = CliRun.run("xmp", "write", "--library", lib.toString());
        assertThat(w.exit()).isEqualTo(1);
        assertThat(w.out()).contains("1 failed");
        assertThat(Files.readString(sidecars.get(0))).isEqualTo("<x:xmpmeta garbage"); // left as it was
    }

    private static Document exiftoolX(Path file) throws Exception {
        byte[] out = exiftool("-X", file.toString());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(out));
    }

    private static List<String> bag(Document d, String tag) {
        List<String> out = new ArrayList<>();
        NodeList n = d.getElementsByTagName(tag);
        if (n.getLength() == 0) {
            return out;
        }
        NodeList li = ((Element) n.item(0)).getElementsByTagName("rdf:li");
        for (int i = 0; i < li.getLength(); i++) {
            out.add(li.item(i).getTextContent());
        }
        if (li.getLength() == 0) {
            out.add(n.item(0).getTextContent());
        }
        return out;
    }

    private static String text(Document d, String tag) {
        NodeList n = d.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent();
    }

    private static byte[] exiftool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("exiftool"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder(tool, "-ver").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static CliRun run(Path lib, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
