package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

class SwarmUiParserTest {
    private final SwarmUiParser parser = new SwarmUiParser();

    private static final String PARAMS = """
            {
              "sui_image_params": {
                "prompt": "a neon city at night", "negativeprompt": "blurry", "model": "flux1-dev",
                "seed": 1234567890123, "steps": 20, "cfgscale": 1.0, "aspectratio": "16:9",
                "width": 1344, "height": 768, "sampler": "euler", "scheduler": "simple",
                "loras": ["neon_style", "detail"], "loraweights": ["0.8", 1],
                "fluxguidancescale": 3.5, "swarm_version": "0.9.5.2"
              },
              "sui_extra_data": {"date": "2025-03-01", "generation_time": "1.2 s"},
              "sui_models": [{"name": "flux1-dev.safetensors", "param": "model", "hash": "0xabc123"}]
            }""";

    @Test
    void readsPngParameters() {
        Generation g = parser.parse(raw("x.png", "parameters", PARAMS)).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.SWARMUI);
        assertThat(g.prompt()).isEqualTo("a neon city at night");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(1234567890123L));
        assertThat(g.steps()).isEqualTo(20);
        assertThat(g.cfgScale()).isEqualTo(1.0);
        assertThat(g.width()).isEqualTo(1344);
        assertThat(g.height()).isEqualTo(768);
        assertThat(g.model()).isEqualTo("flux1-dev");
        assertThat(g.modelHash()).isEqualTo("0xabc123");
        assertThat(g.sampler()).isEqualTo("euler");
        assertThat(g.scheduler()).isEqualTo("simple");
        assertThat(g.loras()).containsExactly(new Lora("neon_style", 0.8), new Lora("detail", 1.0));
        assertThat(g.extra()).containsEntry("swarm_version", "0.9.5.2").containsEntry("aspectratio", "16:9")
                .containsKeys("sui_extra_data", "sui_models").doesNotContainKey("found_in");
    }

    @Test
    void readsExifUserCommentOfJpeg() {
        Generation g = parser.parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", PARAMS)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a neon city at night");
        assertThat(g.extra()).containsEntry("found_in", "Exif.UserComment");
    }

    @Test
    void ignoresOtherFilesAndMalformedInput() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "a cat\nSteps: 20, Sampler: Euler, Seed: 1"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "{\"prompt\":\"x\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "{\"sui_image_params\": \"text\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "{\"sui_image_params\": {\"prompt\": \"x\""))).isEmpty();
    }

    @Test
    void toleratesWrongTypes() {
        String json = """
                {"sui_image_params": {"prompt": {"a": 1}, "seed": {"v": 1}, "steps": "x", "loras": "one",
                  "loraweights": 5, "width": -1.5},
                 "sui_models": {"not": "a list"}}""";
        Generation g = parser.parse(raw("x.png", "parameters", json)).orElseThrow();
        assertThat(g.prompt()).isNull();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.loras()).isEmpty();
        assertThat(g.modelHash()).isNull();
        assertThat(g.width()).isNull();
        String mismatched = "{\"sui_image_params\": {\"loras\": [\"a\", \"b\"], \"loraweights\": [0.5]}}";
        assertThat(parser.parse(raw("x.png", "parameters", mismatched)).orElseThrow().loras())
                .containsExactly(new Lora("a", 0.5), new Lora("b", null));
    }
}
