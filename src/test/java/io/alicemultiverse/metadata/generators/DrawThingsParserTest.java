package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

class DrawThingsParserTest {
    private final DrawThingsParser parser = new DrawThingsParser();

    private static final String JSON = """
            {"c":"a koi pond, watercolor","uc":"text, watermark","seed":2718281828,"scale":4.5,"steps":8,
             "size":"512x768","model":"flux_1_schnell_q5p.ckpt","sampler":"Euler A Trailing","strength":1,
             "seed_mode":"Scale Alike","shift":1,"lora":[{"file":"koi_style_lora_f16.ckpt","weight":0.7}],
             "v2":{"guidanceScale":4.5,"width":512}}""";

    private static String packet(String userComment) {
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
                      xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></exif:UserComment>
                   <xmp:CreatorTool>Draw Things</xmp:CreatorTool>
                   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">a koi pond</rdf:li></rdf:Alt></dc:description>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(userComment);
    }

    @Test
    void readsXmpUserCommentEntry() {
        Generation g = parser.parse(raw("x.png", "Xmp.exif:UserComment", JSON, "Xmp.xmp:CreatorTool", "Draw Things"))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.DRAWTHINGS);
        assertThat(g.prompt()).isEqualTo("a koi pond, watercolor");
        assertThat(g.negative()).isEqualTo("text, watermark");
        assertThat(g.seeds()).containsExactly(new BigInteger("2718281828"));
        assertThat(g.cfgScale()).isEqualTo(4.5);
        assertThat(g.steps()).isEqualTo(8);
        assertThat(g.width()).isEqualTo(512);
        assertThat(g.height()).isEqualTo(768);
        assertThat(g.model()).isEqualTo("flux_1_schnell_q5p.ckpt");
        assertThat(g.sampler()).isEqualTo("Euler A Trailing");
        assertThat(g.loras()).containsExactly(new Lora("koi_style_lora_f16.ckpt", 0.7));
        assertThat(g.extra()).containsEntry("seed_mode", "Scale Alike").containsKey("v2")
                .doesNotContainKey("found_in");
    }

    @Test
    void readsRawXmpPacketWhenEntriesAreMissing() {
        String escaped = JSON.replace("&", "&amp;").replace("<", "&lt;");
        Generation g = parser.parse(raw("x.png", "XML:com.adobe.xmp", packet(escaped))).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a koi pond, watercolor");
        assertThat(g.extra()).containsEntry("found_in", "XML:com.adobe.xmp");
    }

    @Test
    void readsUserCommentWrittenAsAttribute() {
        String xml = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
                 exif:UserComment='{"c":"a heron","seed":1,"steps":4,"scale":2}'/></rdf:RDF></x:xmpmeta>""";
        assertThat(parser.parse(raw("x.png", "XML:com.adobe.xmp", xml))).get()
                .extracting(Generation::prompt).isEqualTo("a heron");
    }

    @Test
    void namesTheSourceFromCreatorToolAlone() {
        Generation g = parser.parse(raw("x.png", "Xmp.xmp:CreatorTool", "Draw Things",
                "Xmp.dc:description", "a heron")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.DRAWTHINGS);
        assertThat(g.prompt()).isEqualTo("a heron");
    }

    @Test
    void refusesEntityTricksAndMalformedXml() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">
                 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                <exif:UserComment>{"c":"&xxe;&b;","seed":1,"steps":4,"scale":2}</exif:UserComment>
                <xmp:CreatorTool>Draw Things</xmp:CreatorTool>
                </rdf:Description></rdf:RDF></x:xmpmeta>""";
        assertThat(parser.parse(raw("x.png", "XML:com.adobe.xmp", xxe))).isEmpty();
        assertThat(parser.parse(raw("x.png", "XML:com.adobe.xmp", "<x:xmpmeta><unclosed"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "XML:com.adobe.xmp", packet("not json")))).get()
                .extracting(Generation::prompt).isEqualTo("a koi pond");
    }

    @Test
    void ignoresOtherFilesAndWrongTypes() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Xmp.exif:UserComment", "{\"c\":\"x\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Xmp.exif:UserComment", "{broken"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Xmp.exif:UserComment", "{\"c\":{\"a\":1},\"seed\":1,\"steps\":2,\"scale\":3}")))
                .isEmpty();
        String wrong = """
                {"c":"p","seed":{"v":1},"steps":"x","scale":[1],"size":42,"lora":{"file":"a"},"model":"m"}""";
        Generation g = parser.parse(raw("x.png", "Xmp.exif:UserComment", wrong, "Exif.Software", "Draw Things"))
                .orElseThrow();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.cfgScale()).isNull();
        assertThat(g.width()).isNull();
        assertThat(g.loras()).isEmpty();
    }
}
