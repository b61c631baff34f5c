package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

class MidjourneyParserTest {
    private final MidjourneyParser parser = new MidjourneyParser();

    private static final String DESCRIPTION = "a red fox in snow, golden hour --ar 16:9 --v 6.1 --s 250 --chaos 10 "
            + "--seed 1234 --no people, cars --style raw --tile Job ID: 8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d";

    @Test
    void readsPngDescription() {
        Generation g = parser.parse(raw("x.png", "Description", DESCRIPTION, "Author", "alice",
                "Xmp.Iptc4xmpExt:DigitalSourceType",
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.MIDJOURNEY);
        assertThat(g.prompt()).isEqualTo("a red fox in snow, golden hour");
        assertThat(g.negative()).isEqualTo("people, cars");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(1234));
        assertThat(g.model()).isEqualTo("Midjourney v6.1");
        assertThat(g.extra()).containsEntry("ar", "16:9").containsEntry("v", "6.1")
                .containsEntry("stylize", "250").containsEntry("chaos", "10").containsEntry("style", "raw")
                .containsEntry("tile", "true").containsEntry("author", "alice")
                .containsEntry("job_id", "8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d")
                .containsKey("digital_source_type").doesNotContainKey("found_in");
    }

    @Test
    void readsXmpDescriptionOfJpegAndNiji() {
        Generation g = parser.parse(raw("x.jpg", MediaFormat.JPEG, "Xmp.dc:description",
                "cherry blossoms --niji 6 --ar 2:3 Job ID: 0a1b2c3d-0000-4000-8000-000000000000")).orElseThrow();
        assertThat(g.prompt()).isEqualTo("cherry blossoms");
        assertThat(g.model()).isEqualTo("Niji 6");
        assertThat(g.extra()).containsEntry("found_in", "Xmp.dc:description");
    }

    @Test
    void acceptsADescriptionWithoutJobIdWhenSoftwareSaysMidjourney() {
        Generation g = parser.parse(raw("x.webp", MediaFormat.WEBP, "Exif.ImageDescription", "a lone tree",
                "Exif.Software", "Midjourney")).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a lone tree");
        assertThat(g.extra()).doesNotContainKey("job_id");
        assertThat(parser.parse(raw("x.png", "Xmp.xmp:CreatorTool", "Midjourney"))).get()
                .extracting(Generation::source).isEqualTo(Source.MIDJOURNEY);
    }

    @Test
    void readsRawXmpPacket() {
        String xml = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:description><rdf:Alt><rdf:li xml:lang="x-default">a moth --v 7 Job ID: abc-123</rdf:li></rdf:Alt>
                </dc:description></rdf:Description></rdf:RDF></x:xmpmeta>""";
        Generation g = parser.parse(raw("x.png", "XML:com.adobe.xmp", xml)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a moth");
        assertThat(g.extra()).containsEntry("job_id", "abc-123");
    }

    @Test
    void ignoresDescriptionsWithoutEvidence() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Description", "holiday photo --ar 16:9"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Description", "masterpiece, cat", "Software", "NovelAI"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "XML:com.adobe.xmp", "<broken Job ID: 1"))).isEmpty();
    }

    @Test
    void toleratesOddOptions() {
        Generation g = parser.parse(raw("x.png", "Description",
                "--ar 1:1 -- --v --seed notanumber --s Job ID: 1")).orElseThrow();
        assertThat(g.prompt()).isNull();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.model()).isNull();
        assertThat(g.extra()).containsEntry("ar", "1:1").containsEntry("stylize", "true");
    }
}
