package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

class EasyDiffusionParserTest {
    private final EasyDiffusionParser parser = new EasyDiffusionParser();

    @Test
    void readsSnakeCaseKeys() {
        Generation g = parser.parse(raw("x.png", "prompt", "a cottage in the woods", "negative_prompt", "people",
                "seed", "3141592653", "use_stable_diffusion_model", "sd-v1-5", "clip_skip", "False",
                "use_vae_model", "vae-ft-mse", "sampler_name", "euler_a", "width", "512", "height", "640",
                "num_inference_steps", "25", "guidance_scale", "7.5", "use_lora_model", "['cozy', 'moss']",
                "lora_alpha", "[0.5, 0.25]")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.EASYDIFFUSION);
        assertThat(g.prompt()).isEqualTo("a cottage in the woods");
        assertThat(g.negative()).isEqualTo("people");
        assertThat(g.seeds()).containsExactly(new BigInteger("3141592653"));
        assertThat(g.model()).isEqualTo("sd-v1-5");
        assertThat(g.sampler()).isEqualTo("euler_a");
        assertThat(g.width()).isEqualTo(512);
        assertThat(g.height()).isEqualTo(640);
        assertThat(g.steps()).isEqualTo(25);
        assertThat(g.cfgScale()).isEqualTo(7.5);
        assertThat(g.loras()).containsExactly(new Lora("cozy", 0.5), new Lora("moss", 0.25));
        assertThat(g.extra()).containsEntry("use_vae_model", "vae-ft-mse").containsEntry("clip_skip", "False")
                .doesNotContainKey("found_in");
    }

    @Test
    void readsTitleCaseKeys() {
        Generation g = parser.parse(raw("x.png", "Prompt", "a lighthouse", "Negative Prompt", "",
                "Seed", "42", "Stable Diffusion model", "sd-v2-1", "Sampler", "dpmpp_2m", "Scheduler", "karras",
                "Width", "768", "Height", "768", "Steps", "30", "Guidance Scale", "6",
                "LoRA model", "light", "LoRA Strength", "0.7")).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a lighthouse");
        assertThat(g.negative()).isNull();
        assertThat(g.scheduler()).isEqualTo("karras");
        assertThat(g.cfgScale()).isEqualTo(6.0);
        assertThat(g.loras()).containsExactly(new Lora("light", 0.7));
    }

    @Test
    void readsJsonInExifAndTextSidecar() {
        String json = """
                {"prompt":"a red barn","seed":7,"num_inference_steps":20,"guidance_scale":7,
                 "use_stable_diffusion_model":"sd-v1-5","use_lora_model":["barn"],"lora_alpha":[0.4]}""";
        Generation g = parser.parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", json)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a red barn");
        assertThat(g.loras()).containsExactly(new Lora("barn", 0.4));
        assertThat(g.extra()).containsEntry("found_in", "Exif.UserComment");
        String txt = "Prompt: a blue barn\nSeed: 8\nSteps: 20\nGuidance Scale: 7.5\n";
        Generation t = parser.parse(raw("x.jpg", MediaFormat.JPEG, "sidecar.txt", txt)).orElseThrow();
        assertThat(t.prompt()).isEqualTo("a blue barn");
        assertThat(t.seeds()).containsExactly(BigInteger.valueOf(8));
    }

    @Test
    void needsMoreThanAStrayPromptKey() {
        assertThat(parser.parse(raw("x.png"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Prompt", "a cat"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "Prompt", "a cat", "Seed", "1"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "prompt", "{\"3\":{\"class_type\":\"KSampler\"}}", "seed", "1",
                "width", "5"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "parameters", "a cat\nSteps: 20, Sampler: Euler, Seed: 1"))).isEmpty();
        assertThat(parser.parse(raw("x.png", "sidecar.txt", "a cat\nSteps: 20, Sampler: Euler, Seed: 1, Size: 5x5")))
                .isEmpty();
    }

    @Test
    void toleratesMalformedInput() {
        assertThat(parser.parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", "{\"prompt\": \"x\", broken")))
                .isEmpty();
        String wrongTypes = """
                {"prompt":"a","seed":{"v":1},"num_inference_steps":{"a":2},"width":[1],"height":"tall",
                 "use_stable_diffusion_model":"m","lora_alpha":"x"}""";
        Generation g = parser.parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", wrongTypes)).orElseThrow();
        assertThat(g.seeds()).isEmpty();
        assertThat(g.steps()).isNull();
        assertThat(g.height()).isNull();
        assertThat(g.loras()).isEmpty();
    }
}
