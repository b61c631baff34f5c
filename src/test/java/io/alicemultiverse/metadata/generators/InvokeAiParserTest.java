package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.testsupport.ExpectedSamples;
import io.alicemultiverse.testsupport.SampleTexts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InvokeAiParserTest {
    private final InvokeAiParser parser = new InvokeAiParser();

    @ParameterizedTest
    @ValueSource(strings = {"InvokeAI/invokeai_dream1.png", "InvokeAI/invokeai_imeta1.png",
            "InvokeAI/invokeai_sdmeta1.png"})
    void readsRealSamplesExactly(String relative) throws Exception {
        Path file = SampleTexts.sample(relative);
        assumeTrue(file != null, "shared samples not present");
        Generation g = parser.parse(SampleTexts.png(file)).orElseThrow();
        ExpectedSamples.assertMatches(g, relative);
    }

    @Test
    void readsInvokeAi4MetadataWithLorasAndGraph() {
        String meta = """
                {"generation_mode":"txt2img","positive_prompt":"a lighthouse","negative_prompt":"fog",
                 "width":768,"height":512,"seed":42,"cfg_scale":6.5,"steps":30,"scheduler":"dpmpp_2m_k",
                 "model":{"key":"k1","hash":"blake3:abc","name":"dreamshaper_8","base":"sd-1","type":"main"},
                 "loras":[{"model":{"key":"l1","name":"detail_tweaker"},"weight":0.6},
                          {"lora":{"model_name":"old_style"},"weight":"0.3"}],
                 "app_version":"4.2.0"}""";
        Generation g = parser.parse(raw("x.png", "invokeai_metadata", meta, "invokeai_graph", "{\"nodes\":{}}"))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.INVOKEAI);
        assertThat(g.prompt()).isEqualTo("a lighthouse");
        assertThat(g.negative()).isEqualTo("fog");
        assertThat(g.sampler()).isEqualTo("dpmpp_2m_k");
        assertThat(g.cfgScale()).isEqualTo(6.5);
        assertThat(g.model()).isEqualTo("dreamshaper_8");
        assertThat(g.modelHash()).isEqualTo("blake3:abc");
        assertThat(g.loras()).containsExactly(new Lora("detail_tweaker", 0.6), new Lora("old_style", 0.3));
        assertThat(g.extra()).containsEntry("generation_mode", "txt2img").containsEntry("app_version", "4.2.0")
                .containsEntry("base_model", "sd-1");
    }

    @Test
    void readsGraphOnlyThroughItsMetadataNode() {
        String graph = """
                {"id":"g","nodes":{"n1":{"type":"compel","prompt":"x"},
                 "meta":{"type":"core_metadata","positive_prompt":"a fox","seed":7,"steps":20}}}""";
        Generation g = parser.parse(raw("x.png", "invokeai_graph", graph)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(7));
        assertThat(g.extra()).containsEntry("found_in", "invokeai_graph").doesNotContainKey("positive_prompt");
    }

    @Test
    void readsSdMetadataWithStringPrompt() {
        String sd = """
                {"model_weights":"sd-1.5","app_id":"invoke-ai/InvokeAI","app_version":"2.2.4",
                 "image":{"prompt":"a castle [blurry] at dusk [lowres]","sampler":"k_euler","steps":25,
                          "cfg_scale":7.5,"seed":123,"width":512,"height":512,"type":"txt2img"}}""";
        Generation g = parser.parse(raw("x.png", "sd-metadata", sd)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a castle at dusk");
        assertThat(g.negative()).isEqualTo("blurry, lowres");
        assertThat(g.model()).isEqualTo("sd-1.5");
        assertThat(g.extra()).containsEntry("type", "txt2img").containsEntry("app_version", "2.2.4");
    }

    @Test
    void readsBareDreamPromptAndLongOptions() {
        Generation g = parser.parse(raw("x.png", "Dream", "a cat on a mat -s 20 --seed 99 -W 256 -H 256 -A ddim"))
                .orElseThrow();
        assertThat(g.prompt()).isEqualTo("a cat on a mat");
        assertThat(g.negative()).isNull();
        assertThat(g.steps()).isEqualTo(20);
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(99));
        assertThat(g.sampler()).isEqualTo("ddim");
    }

    @Test
    void keepsAnUnclosedBracketAsPositiveText() {
        assertThat(InvokeAiDream.splitNegative("a [b")).containsExactly("a [b", null);
        assertThat(InvokeAiDream.splitNegative("[only negative]")).containsExactly(null, "only negative");
    }

    @Test
    void ignoresOtherFilesAndMalformedInput() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "a cat\nSteps: 20, Sampler: Euler"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "invokeai_metadata", "{broken"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "sd-metadata", "{\"app_id\":\"other/app\",\"image\":{}}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "sd-metadata", "{\"image\":\"not an object\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Dream", "just a sentence"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Dream", "\"unterminated -s 5"))).isEmpty();
    }

    @Test
    void toleratesWrongTypes() {
        String meta = """
                {"positive_prompt":{"nested":true},"seed":{"v":1},"steps":"many","width":[1],
                 "model":42,"loras":"none","cfg_scale":null}""";
        Generation g = parser.parse(raw("x.png", "invokeai_metadata", meta)).orElseThrow();
        assertThat(g.prompt()).isNull();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.width()).isNull();
        assertThat(g.model()).isEqualTo("42");
        assertThat(g.loras()).isEmpty();
        Generation dream = parser.parse(raw("x.png", "Dream", "\"p\" -s x -S notaseed -W -5")).orElseThrow();
        assertThat(dream.steps()).isNull();
        assertThat(dream.seeds()).isEmpty();
        assertThat(dream.width()).isNull();
    }
}
