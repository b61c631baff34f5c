package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.testsupport.ExpectedSamples;
import io.alicemultiverse.testsupport.SampleTexts;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NovelAiParserTest {
    private final NovelAiParser parser = new NovelAiParser();

    @Test
    void readsRealSampleExactly() throws Exception {
        String relative = "NovelAI/novelai1_cropped.png";
        Path file = SampleTexts.sample(relative);
        assumeTrue(file != null, "shared samples not present");
        Generation g = parser.parse(SampleTexts.png(file)).orElseThrow();
        ExpectedSamples.assertMatches(g, relative);
        assertThat(g.extra()).containsEntry("strength", 0.4).containsEntry("Title", "AI generated image");
    }

    @Test
    void readsV4CommentWithoutDescription() {
        String comment = """
                {"prompt":"1girl, garden","steps":28,"height":1216,"width":832,"scale":5.0,"seed":1234,
                 "sampler":"k_euler_ancestral","noise_schedule":"karras","cfg_rescale":0.0,
                 "v4_prompt":{"caption":{"base_caption":"1girl, garden, flowers",
                   "char_captions":[{"char_caption":"girl, red dress","centers":[{"x":0.5,"y":0.5}]}]},
                   "use_coords":false},
                 "v4_negative_prompt":{"caption":{"base_caption":"lowres","char_captions":[]}},
                 "uc":"lowres"}""";
        Generation g = parser.parse(raw("x.png", "Software", "NovelAI", "Comment", comment,
                "Source", "NovelAI Diffusion V4.5 4BDE2A90")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.NOVELAI);
        assertThat(g.prompt()).isEqualTo("1girl, garden, flowers");
        assertThat(g.prompts()).contains("girl, red dress", "1girl, garden");
        assertThat(g.negative()).isEqualTo("lowres");
        assertThat(g.scheduler()).isEqualTo("karras");
        assertThat(g.width()).isEqualTo(832);
        assertThat(g.extra()).doesNotContainKey("v4_prompt").containsEntry("cfg_rescale", 0.0);
    }

    @Test
    void readsStealthPayloadWithCommentAsString() {
        String payload = """
                {"Description":"a cat","Software":"NovelAI","Source":"Stable Diffusion XL 8BA2AF87",
                 "Comment":"{\\"steps\\": 28, \\"seed\\": 5, \\"uc\\": \\"bad\\", \\"scale\\": 6}"}""";
        Generation g = parser.parse(raw("x.png", "stealth_pngcomp", payload)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a cat");
        assertThat(g.negative()).isEqualTo("bad");
        assertThat(g.steps()).isEqualTo(28);
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(5));
        assertThat(g.model()).isEqualTo("Stable Diffusion XL");
        assertThat(g.modelHash()).isEqualTo("8BA2AF87");
        assertThat(g.extra()).containsEntry("found_in", "stealth_pngcomp");
    }

    @Test
    void keepsASourceWithoutHashAsTheModel() {
        Generation g = parser.parse(raw("x.png", "Software", "NovelAI", "Source", "NovelAI Diffusion V3"))
                .orElseThrow();
        assertThat(g.model()).isEqualTo("NovelAI Diffusion V3");
        assertThat(g.modelHash()).isNull();
    }

    @Test
    void ignoresOtherFilesAndMalformedInput() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Software", "GIMP", "Comment", "{\"steps\":1}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "stealth_pnginfo", "{\"Software\":\"Other\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "stealth_pnginfo", "{broken"))).isEmpty();
        Generation g = parser.parse(raw("x.png", "Software", "NovelAI", "Description", "p", "Comment", "{broken"))
                .orElseThrow();
        assertThat(g.prompt()).isEqualTo("p");
        assertThat(g.extra()).containsEntry("Comment", "{broken");
    }

    @Test
    void toleratesWrongTypes() {
        String comment = """
                {"seed":{"a":1},"steps":[1],"scale":"high","uc":{"x":1},"v4_prompt":"text",
                 "v4_negative_prompt":{"caption":[]},"width":"wide"}""";
        Generation g = parser.parse(raw("x.png", "Software", "NovelAI", "Comment", comment)).orElseThrow();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.cfgScale()).isNull();
        assertThat(g.negative()).isNull();
        assertThat(g.prompt()).isNull();
        assertThat(g.width()).isNull();
    }
}
