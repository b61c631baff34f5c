package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

/** JSON records read by shape and key names matched tolerating case and spacing. */
class JsonShapesTest {
    @Test
    void huggingFaceSpaceJsonInParameters() {
        String params = """
                {"prompt": "a fox", "negative_prompt": "blurry", "resolution": "1024 x 768",
                 "guidance_scale": 5.5, "num_inference_steps": 24, "seed": 443800072,
                 "sampler": "DPM++ 2M Karras", "Model": "Fox XL v1", "Model hash": "BDB5", "use_upscaler": null}""";
        Generation g = new HuggingFaceSpaceParser().parse(raw("x.png", "parameters", params)).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.HUGGINGFACE);
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.width()).isEqualTo(1024);
        assertThat(g.height()).isEqualTo(768);
        assertThat(g.steps()).isEqualTo(24);
        assertThat(g.cfgScale()).isEqualTo(5.5);
        assertThat(g.sampler()).isEqualTo("DPM++ 2M Karras");
        assertThat(g.model()).isEqualTo("Fox XL v1");
        assertThat(g.modelHash()).isEqualTo("BDB5");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(443800072));
    }

    @Test
    void huggingFaceSpaceDeclinesOtherJson() {
        assertThat(new HuggingFaceSpaceParser().parse(raw("x.png", "parameters", "{\"prompt\":\"a\",\"seed\":1}")))
                .isEmpty();
    }

    @Test
    void ruinedFooocusKeysAreRead() {
        String params = """
                {"Prompt": "a fox", "Negative": "blurry", "steps": 30, "cfg": 8, "width": 1024, "height": 1024,
                 "seed": 2020047614, "sampler_name": "dpmpp_2m_sde_gpu", "scheduler": "karras",
                 "base_model_name": "fox.safetensors", "loras": [], "software": "RuinedFooocus"}""";
        Generation g = new FooocusParser().parse(raw("x.png", "parameters", params)).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.FOOOCUS);
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.sampler()).isEqualTo("dpmpp_2m_sde_gpu");
        assertThat(g.extra()).doesNotContainKeys("Prompt", "Negative", "sampler_name").containsKey("software");
    }

    @Test
    void anUnknownJsonRecordStillYieldsPromptAndSeed() {
        String comment = "{\"Positive Prompt\": \"a fox\", \"Negative Prompt\": \"blurry\", \"Seed\": 99,"
                + " \"CFG Scale\": 4, \"Sampling Steps\": 12, \"tool\": \"home-made\"}";
        Generation g = new JsonRecordParser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.ImageDescription", comment))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.UNKNOWN);
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(99));
        assertThat(g.cfgScale()).isEqualTo(4.0);
        assertThat(g.steps()).isEqualTo(12);
        assertThat(g.extra()).containsEntry("tool", "home-made").containsEntry("found_in", "Exif.ImageDescription");
    }

    @Test
    void jsonWithoutSettingsIsNotAGenerationRecord() {
        assertThat(new JsonRecordParser().parse(raw("x.png", "Comment", "{\"prompt\":\"hello\"}"))).isEmpty();
        assertThat(new JsonRecordParser().parse(raw("x.png", "Comment", "{\"title\":\"a\",\"seed\":1}"))).isEmpty();
    }

    @Test
    void infotextKeysTolerateCaseAndTheVersionNamesComfyUi() {
        String text = "a fox\nNegative prompt: blurry\nSteps: 20, Sampler: euler_simple, CFG Scale: 8.0, Seed: 0, "
                + "Size: 512x512, Model hash: 217daae812, Model: fox_v50, Version: ComfyUI";
        Generation g = new A1111Parser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", text))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.COMFYUI);
        assertThat(g.cfgScale()).isEqualTo(8.0);
        assertThat(g.extra()).doesNotContainKey("CFG Scale");
        assertThat(g.seeds()).containsExactly(BigInteger.ZERO);
    }

    @Test
    void infotextWithCivitaiResourcesIsCivitaiAndNamesTheCheckpoint() {
        String text = "a fox\nSteps: 25, Sampler: Euler a, CFG scale: 5, Seed: 1, Size: 1024x1024, "
                + "Civitai resources: [{\"type\":\"checkpoint\",\"modelVersionId\":2514310,"
                + "\"modelName\":\"WAI-illustrious-SDXL\",\"modelVersionName\":\"v16.0\"}], Civitai metadata: {}";
        Generation g = new A1111Parser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", text))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.CIVITAI);
        assertThat(g.model()).isEqualTo("WAI-illustrious-SDXL v16.0");
        assertThat(g.extra().get("Civitai resources").toString()).endsWith("}]");
    }

    @Test
    void infotextInAnotherExifFieldNeedsSteps() {
        assertThat(new A1111Parser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.ImageDescription",
                "a holiday photo"))).isEmpty();
        Generation g = new A1111Parser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.XPComment",
                "a fox\nSteps: 9, Seed: 3, Sampler: Euler")).orElseThrow();
        assertThat(g.steps()).isEqualTo(9);
    }

    @Test
    void novelAiV45SoftwareNamesTheModel() {
        String comment = "{\"prompt\":\"a fox\",\"steps\":23,\"scale\":5.0,\"seed\":8,\"sampler\":\"k_euler\"}";
        Generation g = new NovelAiParser().parse(raw("x.webp", MediaFormat.WEBP,
                "Exif.Software", "NovelAI Diffusion V4.5 C02D4F98", "Exif.UserComment", comment)).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.NOVELAI);
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(8));
    }
}
