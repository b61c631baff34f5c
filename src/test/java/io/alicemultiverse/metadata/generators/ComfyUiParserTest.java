package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ComfyUiParser} on small graphs crafted here, one ComfyUI habit each. */
class ComfyUiParserTest {
    private final ComfyUiParser parser = new ComfyUiParser();

    @Test
    void readsFluxCustomSamplingChain() {
        Generation g = prompt("""
                {
                 "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "default"}},
                 "2": {"class_type": "LoraLoader", "inputs": {"lora_name": "style.safetensors", "strength_model": 0.8,
                       "strength_clip": 1.0, "model": ["1", 0], "clip": ["3", 0]}},
                 "3": {"class_type": "DualCLIPLoader", "inputs": {"clip_name1": "t5xxl.safetensors", "clip_name2": "clip_l.safetensors"}},
                 "4": {"class_type": "CLIPTextEncode", "inputs": {"text": "a red fox in snow", "clip": ["2", 1]}},
                 "5": {"class_type": "FluxGuidance", "inputs": {"guidance": 3.5, "conditioning": ["4", 0]}},
                 "6": {"class_type": "ModelSamplingFlux", "inputs": {"model": ["2", 0], "max_shift": 1.15, "base_shift": 0.5}},
                 "7": {"class_type": "BasicGuider", "inputs": {"model": ["6", 0], "conditioning": ["5", 0]}},
                 "8": {"class_type": "RandomNoise", "inputs": {"noise_seed": 123456789012}},
                 "9": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
                 "10": {"class_type": "BasicScheduler", "inputs": {"scheduler": "simple", "steps": 28, "denoise": 1.0, "model": ["6", 0]}},
                 "11": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 1024, "height": 768, "batch_size": 1}},
                 "12": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["8", 0], "guider": ["7", 0],
                        "sampler": ["9", 0], "sigmas": ["10", 0], "latent_image": ["11", 0]}},
                 "13": {"class_type": "VAEDecode", "inputs": {"samples": ["12", 0], "vae": ["14", 0]}}
                }""");
        assertThat(g.source()).isEqualTo(Source.COMFYUI);
        assertThat(g.prompt()).isEqualTo("a red fox in snow");
        assertThat(g.negatives()).isEmpty();
        assertThat(g.seeds()).containsExactly(new BigInteger("123456789012"));
        assertThat(g.steps()).isEqualTo(28);
        assertThat(g.sampler()).isEqualTo("euler");
        assertThat(g.scheduler()).isEqualTo("simple");
        assertThat(g.cfgScale()).isNull();
        assertThat(g.models()).containsExactly("flux1-dev.safetensors");
        assertThat(g.loras()).containsExactly(new Lora("style.safetensors", 0.8));
        assertThat(g.extra()).containsEntry("guidance", 3.5).containsEntry("denoise", 1.0);
        assertThat(g.width()).isEqualTo(1024);
        assertThat(g.height()).isEqualTo(768);
    }

    @Test
    void readsCfgGuiderThroughControlNetKeepingPolarity() {
        Generation g = prompt("""
                {
                 "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd3.5_large.safetensors"}},
                 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a lighthouse", "clip": ["1", 1]}},
                 "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "fog, blur", "clip": ["1", 1]}},
                 "4": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["2", 0], "negative": ["3", 0],
                       "control_net": ["9", 0], "image": ["10", 0], "strength": 0.7}},
                 "5": {"class_type": "CFGGuider", "inputs": {"model": ["1", 0], "positive": ["4", 0], "negative": ["4", 1], "cfg": 4.5}},
                 "6": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["7", 0], "guider": ["5", 0],
                       "sampler": ["8", 0], "sigmas": ["11", 0], "latent_image": ["12", 0]}},
                 "7": {"class_type": "RandomNoise", "inputs": {"noise_seed": 7}},
                 "8": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "dpmpp_2m"}},
                 "11": {"class_type": "KarrasScheduler", "inputs": {"steps": 30, "sigma_max": 14.6, "sigma_min": 0.03, "rho": 7}}
                }""");
        assertThat(g.prompts()).containsExactly("a lighthouse");
        assertThat(g.negatives()).containsExactly("fog, blur");
        assertThat(g.cfgScale()).isEqualTo(4.5);
        assertThat(g.steps()).isEqualTo(30);
        assertThat(g.scheduler()).isEqualTo("karras");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(7));
        assertThat(g.model()).isEqualTo("sd3.5_large.safetensors");
    }

    @Test
    void readsSdxlTextsAndSeedFromLinkedSeedNode() {
        Generation g = prompt("""
                {
                 "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}},
                 "5": {"class_type": "CLIPTextEncodeSDXL", "inputs": {"width": 4096, "height": 4096, "crop_w": 0, "crop_h": 0,
                       "target_width": 4096, "target_height": 4096, "text_g": "a castle on a hill", "text_l": "castle, detailed",
                       "clip": ["4", 1]}},
                 "6": {"class_type": "CLIPTextEncodeSDXL", "inputs": {"text_g": "blurry", "text_l": "blurry", "clip": ["4", 1]}},
                 "7": {"class_type": "Seed (rgthree)", "inputs": {"seed": 42}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": ["7", 0], "steps": 25, "cfg": 6, "sampler_name": "euler_ancestral",
                       "scheduler": "karras", "denoise": 1, "model": ["4", 0], "positive": ["5", 0], "negative": ["6", 0],
                       "latent_image": ["8", 0]}}
                }""");
        assertThat(g.prompt()).isEqualTo("a castle on a hill");
        assertThat(g.prompts()).containsExactly("a castle on a hill", "castle, detailed");
        assertThat(g.negatives()).containsExactly("blurry");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(42));
        assertThat(g.cfgScale()).isEqualTo(6.0);
    }

    @Test
    void followsTextLinkedToPrimitiveAndConcatenation() {
        Generation g = prompt("""
                {
                 "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "model.safetensors"}},
                 "2": {"class_type": "PrimitiveStringMultiline", "inputs": {"value": "a quiet harbour at dawn"}},
                 "3": {"class_type": "CLIPTextEncode", "inputs": {"text": ["2", 0], "clip": ["1", 1]}},
                 "4": {"class_type": "StringConcatenate", "inputs": {"string_a": "lowres", "string_b": ["5", 0], "delimiter": ", "}},
                 "5": {"class_type": "Text Multiline", "inputs": {"text": ["2", 0]}},
                 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["4", 0], "clip": ["1", 1]}},
                 "7": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20, "cfg": 7, "sampler_name": "euler",
                       "scheduler": "normal", "model": ["1", 0], "positive": ["3", 0], "negative": ["6", 0]}}
                }""");
        assertThat(g.prompt()).isEqualTo("a quiet harbour at dawn");
        assertThat(g.negative()).isEqualTo("lowres, a quiet harbour at dawn");
    }

    @Test
    void readsWorkflowWithoutApiGraph() {
        Generation g = workflow("""
                {"last_node_id": 20, "nodes": [
                 {"id": 4, "type": "CheckpointLoaderSimple", "mode": 0, "widgets_values": ["dreamshaper_8.safetensors"],
                  "outputs": [{"name": "MODEL", "links": [1]}, {"name": "CLIP", "links": [2, 3]}]},
                 {"id": 10, "type": "LoraLoader", "mode": 4, "inputs": [{"name": "model", "link": 1}],
                  "widgets_values": ["bypassed.safetensors", 1.0, 1.0]},
                 {"id": 6, "type": "CLIPTextEncode", "mode": 0, "inputs": [{"name": "clip", "link": 2}],
                  "title": "Positive", "widgets_values": ["a cat wearing a hat"]},
                 {"id": 7, "type": "CLIPTextEncode", "mode": 0, "inputs": [{"name": "clip", "link": 3}],
                  "widgets_values": ["ugly, deformed"]},
                 {"id": 11, "type": "Reroute", "mode": 0, "inputs": [{"name": "", "link": 5}]},
                 {"id": 20, "type": "PrimitiveNode", "mode": 0, "widgets_values": [987654321, "fixed"]},
                 {"id": 3, "type": "KSampler", "mode": 0,
                  "inputs": [{"name": "model", "link": 10}, {"name": "positive", "link": 11},
                             {"name": "negative", "link": 6}, {"name": "latent_image", "link": 12},
                             {"name": "seed", "type": "INT", "widget": {"name": "seed"}, "link": 20}],
                  "widgets_values": [111, "randomize", 30, 5.5, "dpmpp_2m", "karras", 1]},
                 {"id": 12, "type": "KSampler", "mode": 2, "inputs": [{"name": "model", "link": 10}],
                  "widgets_values": [222, "fixed", 10, 7, "euler", "normal", 1]},
                 {"id": 5, "type": "EmptyLatentImage", "mode": 0, "widgets_values": [512, 768, 1]}
                ],
                "links": [[1, 4, 0, 10, 0, "MODEL"], [2, 4, 1, 6, 0, "CLIP"], [3, 4, 1, 7, 0, "CLIP"],
                          [5, 6, 0, 11, 0, "CONDITIONING"], [6, 7, 0, 3, 2, "CONDITIONING"],
                          {"id": 10, "origin_id": 10, "origin_slot": 0, "target_id": 3, "target_slot": 0, "type": "MODEL"},
                          [11, 11, 0, 3, 1, "CONDITIONING"], [12, 5, 0, 3, 3, "LATENT"], [20, 20, 0, 3, 4, "INT"]],
                "version": 0.4}""");
        assertThat(g.source()).isEqualTo(Source.COMFYUI);
        assertThat(g.prompt()).isEqualTo("a cat wearing a hat");
        assertThat(g.negatives()).containsExactly("ugly, deformed");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(987654321));
        assertThat(g.steps()).isEqualTo(30);
        assertThat(g.cfgScale()).isEqualTo(5.5);
        assertThat(g.sampler()).isEqualTo("dpmpp_2m");
        assertThat(g.scheduler()).isEqualTo("karras");
        assertThat(g.model()).isEqualTo("dreamshaper_8.safetensors");
        assertThat(g.loras()).isEmpty();
        assertThat(g.width()).isEqualTo(512);
        assertThat(g.height()).isEqualTo(768);
        assertThat(g.extra()).containsEntry("found_in", "workflow");
    }

    @Test
    void readsGraphContainingNaN() {
        Generation g = prompt("""
                {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "m.ckpt"}},
                 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "stars", "clip": ["1", 1]}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20, "cfg": NaN, "denoise": NaN,
                       "sampler_name": "euler", "scheduler": "normal", "model": ["1", 0], "positive": ["2", 0]}}}""");
        assertThat(g.prompt()).isEqualTo("stars");
        assertThat(g.cfgScale()).isNull();
        assertThat(g.extra()).doesNotContainKey("denoise");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(5));
    }

    @Test
    void survivesCyclesAndMissingNodes() {
        Generation g = prompt("""
                {"1": {"class_type": "LoraLoader", "inputs": {"lora_name": "loop.safetensors", "strength_model": 0.5, "model": ["2", 0]}},
                 "2": {"class_type": "ModelSamplingDiscrete", "inputs": {"model": ["1", 0]}},
                 "3": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["4", 0], "conditioning_2": ["5", 0]}},
                 "4": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["3", 0], "conditioning_2": ["99", 0]}},
                 "5": {"class_type": "CLIPTextEncode", "inputs": {"text": ["5", 0]}},
                 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "round and round"}},
                 "7": {"class_type": "ConditioningConcat", "inputs": {"conditioning_to": ["3", 0], "conditioning_from": ["6", 0]}},
                 "8": {"class_type": "KSampler", "inputs": {"seed": ["8", 0], "noise_seed": 3, "steps": 4, "model": ["2", 0],
                       "positive": ["7", 0], "negative": ["42", 0], "latent_image": ["43", 1]}}}""");
        assertThat(g.prompts()).containsExactly("round and round");
        assertThat(g.loras()).containsExactly(new Lora("loop.safetensors", 0.5));
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(3));
    }

    @Test
    void skipsSeedsOfSamplersThatAddNoNoiseAndOrdersSamplersById() {
        Generation g = prompt("""
                {"10": {"class_type": "KSamplerAdvanced", "inputs": {"add_noise": "enable", "noise_seed": 10, "steps": 8}},
                 "9": {"class_type": "KSampler (Efficient)", "inputs": {"seed": 9, "steps": 30, "sampler_name": "euler"}},
                 "11": {"class_type": "KSamplerAdvanced", "inputs": {"add_noise": "disable", "noise_seed": 0}},
                 "12": {"class_type": "SamplerCustom", "inputs": {"add_noise": false, "noise_seed": 12}},
                 "13": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["14", 0]}},
                 "14": {"class_type": "DisableNoise", "inputs": {}},
                 "15": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}}}""");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(9), BigInteger.valueOf(10));
        assertThat(g.steps()).isEqualTo(30);
    }

    @Test
    void readsVideoWrapperSamplerWithTextEmbedsBridge() {
        Generation g = prompt("""
                {"5": {"class_type": "WanVideoModelLoader", "inputs": {"model": "wan2.1_t2v_14B_fp8.safetensors", "base_precision": "bf16"}},
                 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "waves at night", "clip": ["9", 0]}},
                 "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "static, still", "clip": ["9", 0]}},
                 "8": {"class_type": "WanVideoTextEmbedBridge", "inputs": {"positive": ["6", 0], "negative": ["7", 0]}},
                 "10": {"class_type": "WanVideoSampler", "inputs": {"steps": 25, "cfg": 5.0, "seed": 99, "scheduler": "unipc",
                        "model": ["5", 0], "text_embeds": ["8", 0]}}}""");
        assertThat(g.prompts()).containsExactly("waves at night");
        assertThat(g.negatives()).containsExactly("static, still");
        assertThat(g.model()).isEqualTo("wan2.1_t2v_14B_fp8.safetensors");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(99));
        assertThat(g.steps()).isEqualTo(25);
        assertThat(g.scheduler()).isEqualTo("unipc");
    }

    @Test
    void dropsNegativeThatIsZeroedOut() {
        Generation g = prompt("""
                {"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "only positive"}},
                 "2": {"class_type": "ConditioningZeroOut", "inputs": {"conditioning": ["1", 0]}},
                 "3": {"class_type": "KSampler", "inputs": {"seed": 1, "positive": ["1", 0], "negative": ["2", 0]}}}""");
        assertThat(g.prompts()).containsExactly("only positive");
        assertThat(g.negatives()).isEmpty();
    }

    @Test
    void readsGraphWithoutSamplerByScanningNodes() {
        Generation g = prompt("""
                {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "base.safetensors"}},
                 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "a bridge"}, "_meta": {"title": "Prompt"}},
                 "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "noise"}, "_meta": {"title": "Negative Prompt"}},
                 "4": {"class_type": "SomeCustomSampler", "inputs": {"positive": ["2", 0], "negative": ["3", 0]}}}""");
        assertThat(g.prompts()).containsExactly("a bridge");
        assertThat(g.negatives()).containsExactly("noise");
        assertThat(g.models()).containsExactly("base.safetensors");
    }

    @Test
    void unwrapsGraphNestedUnderPromptKey() {
        Generation g = prompt("""
                {"prompt": {"1": {"class_type": "KSampler", "inputs": {"seed": 77}}}}""");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(77));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{broken", "[1, 2, 3]", "{\"a\": 1}", "{\"nodes\": \"x\"}",
            "{\"nodes\": [1, 2]}", "a cat, Steps: 20, Seed: 1", "\"{\\\"x\\\": 1}\"", "{\"1\": {\"inputs\": {}}}"})
    void ignoresTextThatIsNoComfyGraph(String text) {
        RawMetadata raw = RawMetadata.builder("x.png", MediaFormat.PNG).text("prompt", text).text("workflow", text)
                .build();
        assertThat(parser.parse(raw)).isEmpty();
    }

    @Test
    void ignoresFileWithoutComfyEntries() {
        RawMetadata raw = RawMetadata.builder("x.png", MediaFormat.PNG).text("parameters", "a cat\nSteps: 20").build();
        assertThat(parser.parse(raw)).isEmpty();
    }

    private Generation prompt(String json) {
        Optional<Generation> g = parser.parse(RawMetadata.builder("t.png", MediaFormat.PNG).text("prompt", json).build());
        assertThat(g).isPresent();
        return g.get();
    }

    private Generation workflow(String json) {
        Optional<Generation> g = parser.parse(RawMetadata.builder("t.png", MediaFormat.PNG).text("workflow", json)
                .build());
        assertThat(g).isPresent();
        return g.get();
    }
}
