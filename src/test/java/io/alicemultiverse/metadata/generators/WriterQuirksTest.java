package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

/** How real writers bend the formats: JSON encoded twice, byte-order marks, SD.Next's split size. */
class WriterQuirksTest {
    private static final String GRAPH = "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 42, \"steps\": 20,"
            + " \"cfg\": 7, \"sampler_name\": \"euler\", \"positive\": [\"6\", 0], \"model\": [\"4\", 0]}},"
            + " \"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"sdxl.safetensors\"}},"
            + " \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a red fox\"}}}";

    private static String encoded(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void comfyPromptEncodedTwiceIsRead() {
        Generation g = GeneratorRegistry.detect(raw("x.png", "prompt", encoded(GRAPH))).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.COMFYUI);
        assertThat(g.prompt()).isEqualTo("a red fox");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(42));
        assertThat(g.model()).isEqualTo("sdxl.safetensors");
    }

    @Test
    void jsonBehindAByteOrderMarkIsRead() {
        Generation g = GeneratorRegistry.detect(raw("x.png", "prompt", "\uFEFF" + GRAPH)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a red fox");
    }

    @Test
    void aQuotedStringThatIsNoJsonStaysNoJson() {
        assertThat(Json.parse("\"a cat\"")).isNull();
        assertThat(Json.parse(encoded(encoded(encoded(encoded(encoded("{}"))))))).isNull();
        assertThat(Json.parse(encoded("[1, 2]")).isArray()).isTrue();
    }

    @Test
    void infotextOnOneLineKeepsItsPromptBeforeTheFirstParameter() {
        Generation g = GeneratorRegistry.detect(raw("x.jpg", "Exif.UserComment", "a red square, on a blue table, Steps: 20,"
                + " Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model: sd15")).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a red square, on a blue table");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(42));
        assertThat(g.model()).isEqualTo("sd15");
        assertThat(g.extra()).doesNotContainKey("a red square");
        assertThat(GeneratorRegistry.detect(raw("x.jpg", "Exif.UserComment", "a (red:1.2) square, Steps: 20,"
                + " Sampler: Euler a, Seed: 42")).orElseThrow().prompt()).isEqualTo("a (red:1.2) square");
        // a parameter line alone keeps no prompt, and a key-shaped start is still a parameter
        assertThat(GeneratorRegistry.detect(raw("x.png", "parameters", "Steps: 20, Sampler: Euler a, CFG scale: 7,"
                + " Seed: 42")).orElseThrow().prompt()).isNull();
        assertThat(GeneratorRegistry.detect(raw("x.png", "parameters", "Model: sd15, Steps: 20, Sampler: Euler a,"
                + " Seed: 42")).orElseThrow().prompt()).isNull();
    }

    @Test
    void sdNextSplitSizeGivesWidthAndHeight() {
        Generation g = GeneratorRegistry.detect(raw("x.png", "parameters", "a lighthouse\nNegative prompt: blurry\n"
                + "Steps: 30, Sampler: DPM++ 2M, CFG scale: 6, Seed: 1234, Size-1: 512, Size-2: 768, App: SD.Next"))
                .orElseThrow();
        assertThat(g.width()).isEqualTo(512);
        assertThat(g.height()).isEqualTo(768);
        assertThat(g.extra()).doesNotContainKeys("Size-1", "Size-2").containsEntry("App", "SD.Next");
    }

    @Test
    void sdNextIsItsOwnSourceNotA1111NorForge() {
        // real SD.Next infotext: its version is a git hash, which may start like Forge's "f2…"
        for (String marks : new String[]{"App: SD.Next, Version: 56a8aea, Pipeline: StableDiffusionXLPipeline",
                "App: SD.Next, Version: f2a8aea", "Version: 8b73cb6, Pipeline: StableDiffusionXLPipeline, Operations: txt2img",
                "Backend: Diffusers, Version: 9d6ec5e", "Size-1: 512, Size-2: 768"}) {
            Generation g = GeneratorRegistry.detect(raw("x.png", "parameters",
                    "a lighthouse\nSteps: 30, Sampler: Euler a, Seed: 1234, " + marks)).orElseThrow();
            assertThat(g.source()).as(marks).isEqualTo(Source.SDNEXT);
        }
        for (String other : new String[]{"Version: v1.10.1", "App: anapnoe, Version: v1.6.0", "Pipeline: my notes"}) {
            Generation g = GeneratorRegistry.detect(raw("x.png", "parameters",
                    "a lighthouse\nSteps: 30, Sampler: Euler a, Seed: 1234, " + other)).orElseThrow();
            assertThat(g.source()).as(other).isEqualTo(Source.AUTOMATIC1111);
        }
        assertThat(Source.SDNEXT.id()).isEqualTo("sdnext");
    }

    @Test
    void unicodeEscapesInAQuotedParameterAreDecoded() {
        Generation g = GeneratorRegistry.detect(raw("x.png", "parameters", "a fox\nSteps: 20, Seed: 1, "
                + "ADetailer prompt: \"caf\\u00e9, \\ud83c\\udf19 night\", Template: \"a\\\\u0041b\""))
                .orElseThrow();
        assertThat(g.extra()).containsEntry("ADetailer prompt", "café, 🌙 night");
        assertThat(g.extra()).containsEntry("Template", "a\\u0041b"); // an escaped backslash, then text
    }
}
