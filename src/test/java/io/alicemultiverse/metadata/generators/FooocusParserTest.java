package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.testsupport.ExpectedSamples;
import io.alicemultiverse.testsupport.SampleTexts;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FooocusParserTest {
    private final FooocusParser parser = new FooocusParser();

    private static final String INFOTEXT = """
            cinematic still a red fox in snow, film grain
            Negative prompt: blurry, lowres
            Steps: 30, Sampler: DPM++ 2M SDE Karras, Seed: 123456789, Size: 896x1152, CFG scale: 4, \
            Sharpness: 2, Model: juggernautXL_v8, Model hash: aeb7e9e689, Performance: Speed, Scheduler: karras, \
            Raw prompt: a red fox in snow, Raw negative prompt: blurry, Version: Fooocus v2.5.0""";

    @Test
    void readsRealSampleExactly() throws Exception {
        String relative = "Fooocus/fooocus1_cropped.png";
        Path file = SampleTexts.sample(relative);
        assumeTrue(file != null, "shared samples not present");
        Generation g = parser.parse(SampleTexts.png(file)).orElseThrow();
        ExpectedSamples.assertMatches(g, relative);
        assertThat(g.prompts()).hasSize(3);
        assertThat(g.negative()).isNull();
        assertThat(g.extra()).containsKeys("full_negative_prompt", "sharpness", "styles");
    }

    @Test
    void readsA1111SchemeAsFooocusWithRawPromptFirst() {
        Generation g = parser.parse(raw("x.png", "parameters", INFOTEXT, "fooocus_scheme", "a1111")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.FOOOCUS);
        assertThat(g.prompt()).isEqualTo("a red fox in snow");
        assertThat(g.prompts()).contains("cinematic still a red fox in snow, film grain");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.steps()).isEqualTo(30);
        assertThat(g.scheduler()).isEqualTo("karras");
        assertThat(g.width()).isEqualTo(896);
        assertThat(g.model()).isEqualTo("juggernautXL_v8");
        assertThat(g.extra()).containsEntry("Version", "Fooocus v2.5.0");
    }

    @Test
    void readsInfotextWithoutSchemeWhenVersionSaysFooocus() {
        assertThat(parser.parse(raw("x.png", "parameters", INFOTEXT))).get()
                .extracting(Generation::source).isEqualTo(Source.FOOOCUS);
    }

    @Test
    void readsJpegExifWithJsonScheme() {
        String json = """
                {"prompt":"a boat","negative_prompt":"","steps":60,"guidance_scale":7,"seed":9,
                 "resolution":"(1024, 1024)","base_model":"sd_xl_base_1.0","refiner_model":"sd_xl_refiner_1.0",
                 "loras":[["sd_xl_offset_example-lora_1.0.safetensors",0.1,"4852686128"],"detail.safetensors : 0.5"],
                 "performance":"Quality","version":"Fooocus v2.3.1"}""";
        Generation g = parser.parse(raw("x.jpg", MediaFormat.JPEG, "Exif.Software", "Fooocus v2.3.1",
                "Exif.MakerNote", "fooocus", "Exif.UserComment", json)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a boat");
        assertThat(g.cfgScale()).isEqualTo(7.0);
        assertThat(g.width()).isEqualTo(1024);
        assertThat(g.models()).containsExactly("sd_xl_base_1.0", "sd_xl_refiner_1.0");
        assertThat(g.loras()).containsExactly(new Lora("sd_xl_offset_example-lora_1.0.safetensors", 0.1),
                new Lora("detail.safetensors", 0.5));
    }

    @Test
    void readsOldJsonWithoutSchemeAndFooocusMreComment() {
        Generation old = parser.parse(raw("x.png", "parameters",
                "{\"prompt\":\"a tree\",\"base_model\":\"m.safetensors\",\"sharpness\":2,\"seed\":\"5\"}"))
                .orElseThrow();
        assertThat(old.seeds()).containsExactly(BigInteger.valueOf(5));
        String mre = """
                {"prompt":"a lake","negative_prompt":"ugly","seed":77,"steps":30,"base_model_name":"sdxl.safetensors",
                 "sampler":"dpmpp_2m_sde_gpu","scheduler":"karras","cfg":7.0,"width":1152,"height":896,
                 "l1":"add_detail.safetensors","w1":0.4,"l2":"None","w2":0.5,"software":"Fooocus-MRE v2.0.78.5"}""";
        Generation g = parser.parse(raw("x.png", "Comment", mre)).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.FOOOCUS);
        assertThat(g.negative()).isEqualTo("ugly");
        assertThat(g.cfgScale()).isEqualTo(7.0);
        assertThat(g.model()).isEqualTo("sdxl.safetensors");
        assertThat(g.width()).isEqualTo(1152);
        assertThat(g.loras()).containsExactly(new Lora("add_detail.safetensors", 0.4));
        assertThat(g.extra()).containsEntry("found_in", "Comment").containsEntry("software", "Fooocus-MRE v2.0.78.5");
    }

    @Test
    void ignoresOtherFilesAndMalformedInput() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "a cat\nSteps: 20, Sampler: Euler, Seed: 1"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "{\"prompt\":\"a\",\"steps\":3}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "{broken", "fooocus_scheme", "fooocus"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Comment", "{\"prompt\":\"a\"}"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Comment", "not json"))).isEmpty();
    }

    @Test
    void toleratesWrongTypes() {
        String json = """
                {"prompt":["x"],"seed":{"v":1},"steps":"lots","resolution":[1,2],"loras":{"a":1},
                 "full_prompt":5,"guidance_scale":{},"base_model":"m","performance":"Speed"}""";
        Generation g = parser.parse(raw("x.png", "parameters", json, "fooocus_scheme", "fooocus")).orElseThrow();
        assertThat(g.prompt()).isNull();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.width()).isNull();
        assertThat(g.loras()).isEmpty();
        assertThat(g.cfgScale()).isNull();
    }
}
