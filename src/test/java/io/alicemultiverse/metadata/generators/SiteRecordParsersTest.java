package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

/** Sites that wrap a ComfyUI graph with a record of their own: Civitai, TensorArt, Stability Matrix. */
class SiteRecordParsersTest {
    private static final String URN = "urn:air:sdxl:checkpoint:civitai:827184@2514310";

    /** A txt2img graph: checkpoint node {@code ckpt}, prompts 6/7, latent 5, sampler 3. */
    private static String graph(String ckptNode, String ckpt, String positive, long seed) {
        return ("""
                {"%1$s":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"%2$s"}},
                 "5":{"class_type":"EmptyLatentImage","inputs":{"width":832,"height":1216,"batch_size":1}},
                 "6":{"class_type":"CLIPTextEncode","inputs":{"text":"%3$s","clip":["%1$s",1]}},
                 "7":{"class_type":"CLIPTextEncode","inputs":{"text":"blurry","clip":["%1$s",1]}},
                 "3":{"class_type":"KSampler","inputs":{"seed":%4$d,"steps":30,"cfg":6.5,"sampler_name":"euler",
                   "scheduler":"normal","model":["%1$s",0],"positive":["6",0],"negative":["7",0],
                   "latent_image":["5",0]}}""").formatted(ckptNode, ckpt, positive, seed);
    }

    @Test
    void civitaiGraphKeepsTheUrnAndNamesTheModelWhenTheFormDoes() {
        String form = "{\\\"prompt\\\":\\\"a fox\\\",\\\"seed\\\":42,\\\"steps\\\":30,\\\"resources\\\":"
                + "[{\\\"modelVersionId\\\":2514310,\\\"modelName\\\":\\\"WAI-illustrious-SDXL\\\","
                + "\\\"modelVersionName\\\":\\\"v16.0\\\"}]}";
        String comment = graph("resource-stack", URN, "a fox", 42) + ",\"extra\":{\"airs\":[\"" + URN + "\"]},"
                + "\"extraMetadata\":\"" + form + "\"}";
        Generation g = new CivitaiParser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", comment))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.CIVITAI);
        assertThat(g.model()).isEqualTo("WAI-illustrious-SDXL v16.0");
        assertThat(g.models()).containsExactly("WAI-illustrious-SDXL v16.0", URN);
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(42));
        assertThat(g.width()).isEqualTo(832);
        assertThat(g.extra()).containsEntry("found_in", "Exif.UserComment");
    }

    @Test
    void civitaiUpscaleGraphWithoutSamplerTakesTheFormsSettings() {
        String comment = """
                {"23":{"class_type":"UpscaleModelLoader","inputs":{"model_name":"urn:air:other:upscaler:civitai:1@2"}},
                 "12":{"class_type":"SaveImage","inputs":{"images":["23",0]}},
                 "extraMetadata":"{\\"prompt\\":\\"a fox\\",\\"negativePrompt\\":\\"blurry\\",\\"cfgScale\\":5,\
                \\"sampler\\":\\"Euler a\\",\\"steps\\":25,\\"baseModel\\":\\"Illustrious\\",\\"width\\":1024,\
                \\"height\\":1024,\\"seed\\":7}"}""";
        Generation g = new CivitaiParser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", comment))
                .orElseThrow();
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.negative()).isEqualTo("blurry");
        assertThat(g.sampler()).isEqualTo("Euler a");
        assertThat(g.steps()).isEqualTo(25);
        assertThat(g.cfgScale()).isEqualTo(5.0);
        assertThat(g.width()).isEqualTo(1024);
        assertThat(g.model()).isEqualTo("Illustrious");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(7));
    }

    @Test
    void civitaiDeclinesAPlainGraph() {
        assertThat(new CivitaiParser().parse(raw("x.png", "prompt", graph("4", "sd.safetensors", "a", 1) + "}")))
                .isEmpty();
    }

    @Test
    void tensorArtReportsTheReadableModelFirstAndTheEncodedPromptFirst() {
        String data = """
                {"prompt":"a fox, #note","negativePrompt":"blurry, ","steps":30,"cfgScale":6.5,"seed":"-1",
                 "baseModel":{"modelFileName":"Fox-XL-2","hash":"ABC","baseModel":"SDXL"},
                 "ksamplerName":"euler","schedule":"normal"}""" + "\u0000";
        Generation g = new TensorArtParser().parse(raw("x.png", "generation_data", data,
                "prompt", graph("10002", "EMS-1-EMS.safetensors", "a fox", 3036459311L) + "}")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.TENSORART);
        assertThat(g.models()).containsExactly("Fox-XL-2", "EMS-1-EMS.safetensors");
        assertThat(g.prompts()).containsExactly("a fox", "a fox, #note");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(3036459311L)); // -1 is "random", not a seed
        assertThat(g.modelHash()).isEqualTo("ABC");
    }

    @Test
    void tensorArtWithoutGraphStillReadsItsForm() {
        Generation g = new TensorArtParser().parse(raw("x.png", "generation_data",
                "{\"prompt\":\"a fox\",\"seed\":\"12\",\"baseModel\":{\"modelFileName\":\"Fox\"}}")).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(12));
        assertThat(g.model()).isEqualTo("Fox");
    }

    @Test
    void stabilityMatrixReportsTheEncodedPromptFirstAndTheWrittenOneToo() {
        String infotext = "a fox, #in the snow\nNegative prompt: blurry\n"
                + "Steps: 30, Sampler: Euler, CFG scale: 6.5, Seed: 5, Size: 832x1216, Model: fox.safetensors";
        Generation g = new StabilityMatrixParser().parse(raw("x.png", "prompt",
                graph("4", "fox.safetensors", "a fox,", 5) + "}", "parameters", infotext,
                "smproj", "{\"Version\":2}")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.STABILITYMATRIX);
        assertThat(g.prompt()).isEqualTo("a fox,");
        assertThat(g.prompts()).containsExactly("a fox,", "a fox, #in the snow");
        assertThat(g.sampler()).isEqualTo("euler");
        assertThat(g.seeds()).containsExactly(BigInteger.valueOf(5));
        assertThat(g.models()).containsExactly("fox.safetensors");
    }

    @Test
    void stabilityMatrixNeedsItsOwnRecord() {
        assertThat(new StabilityMatrixParser().parse(raw("x.png", "prompt", graph("4", "a", "b", 1) + "}",
                "parameters", "a\nSteps: 3, Seed: 1, Sampler: Euler"))).isEmpty();
    }

    @Test
    void civitaiInfotextListsTheLorasOfItsResources() {
        String infotext = "a fox\nNegative prompt: bad\nSteps: 30, CFG scale: 4, Sampler: Euler a, Seed: 99, "
                + "Size: 832x1216, Civitai resources: [{\"type\":\"checkpoint\",\"modelVersionId\":290640,"
                + "\"modelName\":\"Pony Diffusion V6 XL\",\"modelVersionName\":\"V6\"},{\"type\":\"lora\","
                + "\"weight\":0.8,\"modelVersionId\":123,\"modelName\":\"Fox Style\",\"modelVersionName\":\"v1\"},"
                + "{\"type\":\"embed\",\"modelVersionId\":7,\"modelName\":\"easynegative\"}], Civitai metadata: {}";
        Generation g = GeneratorRegistry.detect(raw("x.jpg", MediaFormat.JPEG, "Exif.UserComment", infotext))
                .orElseThrow();
        assertThat(g.source()).isEqualTo(Source.CIVITAI);
        assertThat(g.model()).isEqualTo("Pony Diffusion V6 XL V6");
        assertThat(g.loras()).extracting(l -> l.name() + ":" + l.weight()).containsExactly("Fox Style:0.8");
    }
}
