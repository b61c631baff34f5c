package io.alicemultiverse.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every timeline format read back by a parser that is not ours — the CMX 3600 grammar, xmllint against the FCPXML
 * 1.9 grammar, a JSON-schema validator against the OpenTimelineIO serialization — with the same clip order and
 * durations that went in.
 */
class TimelineWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Odd lengths on purpose: one frame, a clip crossing a second, a long one, a still; a prompt with a newline. */
    private Timeline timeline(int fps) {
        List<Clip> clips = List.of(
                clip("aaaaaaaa11", "one.mp4", false, 1, "a single frame"),
                clip("bbbbbbbb22", "two.mp4", false, fps + 1, "a fox\nin the snow & <wind>"),
                clip("cccccccc33", "still.png", true, 3L * fps, null),
                clip("dddddddd44", "long's clip.mov", false, 3723L * fps + 5, "\"quoted\" prompt"));
        return new Timeline("Test reel", fps, clips);
    }

    private Clip clip(String hash, String name, boolean still, long frames, String prompt) {
        return new Clip(hash, tmp.resolve(name), name, hash.substring(0, 8).toUpperCase(), still, frames,
                640, 360, prompt);
    }

    @Test
    void edlEventsFollowTheGrammarAndEveryOutIsInPlusDuration() {
        for (int fps : new int[]{24, 25, 30}) {
            Timeline t = timeline(fps);
            Cmx3600.Edl edl = Cmx3600.parse(TimelineFormat.EDL.write(t), fps);
            assertThat(edl.title()).isEqualTo("Test reel");
            assertThat(edl.fcm()).isEqualTo("NON-DROP FRAME");
            assertThat(edl.events()).hasSize(4);
            long record = 3600L * fps;
            for (int i = 0; i < 4; i++) {
                Cmx3600.Event e = edl.events().get(i);
                Clip c = t.clips().get(i);
                assertThat(e.number()).isEqualTo(i + 1);
                assertThat(e.reel()).isEqualTo(c.reel());
                assertThat(e.sourceIn()).isZero();
                assertThat(e.sourceOut()).as("source out = in + duration").isEqualTo(e.sourceIn() + c.frames());
                assertThat(e.recordIn()).as("events butt").isEqualTo(record);
                assertThat(e.recordOut()).as("record out = in + duration").isEqualTo(e.recordIn() + c.frames());
                assertThat(e.clipName()).isEqualTo(c.name());
                assertThat(e.sourceFile()).isEqualTo(c.file().toString());
                record = e.recordOut();
            }
            assertThat(edl.events().get(1).comment()).isEqualTo("a fox in the snow & <wind>");
            assertThat(edl.events().get(2).comment()).isNull();
        }
    }

    @Test
    void fcpxmlIsValidAgainstTheGrammarWithXmllintAndKeepsOrderAndDurations() throws Exception {
        assumeThat(onPath("xmllint")).as("xmllint (Debian libxml2-utils) installed").isTrue();
        Timeline t = timeline(25);
        Path file = tmp.resolve("t.fcpxml");
        TimelineFormat.FCPXML.writeTo(file, t);
        Path dtd = tmp.resolve("fcpxml.dtd");
        try (InputStream in = getClass().getResourceAsStream("/timeline/fcpxml-1.9-subset.dtd")) {
            Files.copy(in, dtd);
        }
        Process p = new ProcessBuilder("xmllint", "--noout", "--dtdvalid", dtd.toString(), file.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(said).isZero();

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.9");
        NodeList spine = ((Element) doc.getElementsByTagName("spine").item(0)).getChildNodes();
        List<Element> items = new ArrayList<>();
        for (int i = 0; i < spine.getLength(); i++) {
            if (spine.item(i) instanceof Element e) {
                items.add(e);
            }
        }
        assertThat(items).extracting(Element::getTagName).containsExactly("asset-clip", "asset-clip", "video", "asset-clip");
        long offset = 3600L * 25;
        for (int i = 0; i < items.size(); i++) {
            Element e = items.get(i);
            Clip c = t.clips().get(i);
            assertThat(e.getAttribute("name")).isEqualTo(c.name());
            assertThat(frames(e.getAttribute("offset"), 25)).isEqualTo(offset);
            assertThat(frames(e.getAttribute("duration"), 25)).isEqualTo(c.frames());
            Element asset = doc.getElementById(e.getAttribute("ref"));
            if (asset == null) { // no DTD loaded by this parser: find the asset by id
                NodeList assets = doc.getElementsByTagName("asset");
                for (int j = 0; j < assets.getLength(); j++) {
                    if (((Element) assets.item(j)).getAttribute("id").equals(e.getAttribute("ref"))) {
                        asset = (Element) assets.item(j);
                    }
                }
            }
            assertThat(((Element) asset.getElementsByTagName("media-rep").item(0)).getAttribute("src"))
                    .isEqualTo(c.file().toUri().toString());
            offset += c.frames();
        }
        assertThat(items.get(1).getElementsByTagName("note").item(0).getTextContent())
                .isEqualTo("a fox\nin the snow & <wind>");
        assertThat(((Element) items.get(3).getElementsByTagName("marker").item(0)).getAttribute("value"))
                .isEqualTo("\"quoted\" prompt");
    }

    @Test
    void otioValidatesAgainstTheSerializationSchemaAndKeepsOrderAndDurations() throws IOException {
        Timeline t = timeline(24);
        String text = TimelineFormat.OTIO.write(t);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/timeline/otio.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        List<Error> errors = schema.validate(text, InputFormat.JSON);
        assertThat(errors).isEmpty();
        // the validator does reject what breaks the serialization
        assertThat(schema.validate(text.replace("\"Clip.2\"", "\"Clip.9\""), InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate(text.replaceFirst("\"rate\" : 24.0", "\"rate\" : \"24\""), InputFormat.JSON)).isNotEmpty();

        JsonNode clips = JSON.readTree(text).at("/tracks/children/0/children");
        assertThat(clips).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Clip c = t.clips().get(i);
            JsonNode n = clips.get(i);
            assertThat(n.get("name").asText()).isEqualTo(c.name());
            assertThat(n.at("/source_range/duration/value").asLong()).isEqualTo(c.frames());
            assertThat(n.at("/source_range/duration/rate").asDouble()).isEqualTo(24.0);
            assertThat(n.at("/media_references/DEFAULT_MEDIA/target_url").asText()).isEqualTo(c.file().toUri().toString());
        }
        assertThat(clips.get(1).at("/markers/0/comment").asText()).isEqualTo("a fox\nin the snow & <wind>");
        assertThat(clips.get(2).at("/media_references/DEFAULT_MEDIA/available_range").isNull()).isTrue();
    }

    @Test
    void hundredClipTimelineInEveryFormat() {
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clips.add(clip(String.format("%010d", i), "clip-" + i + ".mp4", i % 3 == 0, 24 + i, "prompt " + i));
        }
        Timeline t = new Timeline("hundred", 24, clips);
        Cmx3600.Edl edl = Cmx3600.parse(TimelineFormat.EDL.write(t), 24);
        assertThat(edl.events()).hasSize(100);
        assertThat(edl.events().get(99).recordOut()).isEqualTo(3600L * 24 + t.frames());
        assertThat(TimelineFormat.OTIO.write(t)).contains("clip-99.mp4");
        assertThat(TimelineFormat.FCPXML.write(t)).contains("clip-99.mp4");
    }

    private static long frames(String rational, int fps) {
        String v = rational.substring(0, rational.length() - 1);
        if (v.contains("/")) {
            String[] p = v.split("/");
            assertThat(Long.parseLong(p[1])).isEqualTo(fps);
            return Long.parseLong(p[0]);
        }
        return Long.parseLong(v) * fps;
    }

    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @SuppressWarnings("unused")
    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
