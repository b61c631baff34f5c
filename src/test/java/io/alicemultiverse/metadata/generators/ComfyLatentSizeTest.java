package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import org.junit.jupiter.api.Test;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

/** The generation size from latent-size nodes, and ComfyUI graphs found by shape outside their usual entry. */
class ComfyLatentSizeTest {
    private static String graph(String latentNodes) {
        return """
                {"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"m.safetensors"}},
                 "6":{"class_type":"CLIPTextEncode","inputs":{"text":"a fox","clip":["4",1]}},
                 %s,
                 "3":{"class_type":"KSampler","inputs":{"seed":1,"steps":20,"cfg":5,"sampler_name":"euler",
                   "scheduler":"normal","model":["4",0],"positive":["6",0],"negative":["6",0],
                   "latent_image":["5",0]}}}""".formatted(latentNodes);
    }

    @Test
    void readsRgthreeDimensionsText() {
        Generation g = new ComfyUiParser().parse(raw("x.png", "prompt", graph("""
                "5":{"class_type":"SDXL Empty Latent Image (rgthree)",
                     "inputs":{"dimensions":"1216 x 832   (landscape)","clip_scale":1.5,"batch_size":1}}"""))).orElseThrow();
        assertThat(g.width()).isEqualTo(1216);
        assertThat(g.height()).isEqualTo(832);
    }

    @Test
    void readsAPresetResolution() {
        Generation g = new ComfyUiParser().parse(raw("x.png", "prompt", graph("""
                "5":{"class_type":"SDXLEmptyLatentSizePicker+","inputs":{"resolution":"896x1152 (0.78)","batch_size":1}}""")))
                .orElseThrow();
        assertThat(g.width()).isEqualTo(896);
        assertThat(g.height()).isEqualTo(1152);
    }

    @Test
    void followsAnEncodedImageUpToItsScaler() {
        Generation g = new ComfyUiParser().parse(raw("x.png", "prompt", graph("""
                "17":{"class_type":"LoadImage","inputs":{"image":"in.png"}},
                "23":{"class_type":"ImageScale","inputs":{"width":1536,"height":1536,"image":["17",0]}},
                "5":{"class_type":"VAEEncode","inputs":{"pixels":["23",0],"vae":["4",2]}}"""))).orElseThrow();
        assertThat(g.width()).isEqualTo(1536);
        assertThat(g.height()).isEqualTo(1536);
    }

    @Test
    void findsAGraphByShapeInAnyTextEntry() {
        String plain = graph("""
                "5":{"class_type":"EmptyLatentImage","inputs":{"width":512,"height":768}}""");
        Generation g = new ComfyUiParser().parse(raw("x.jpg", MediaFormat.JPEG, "Exif.Software", "something",
                "Exif.ImageDescription", plain)).orElseThrow();
        assertThat(g.prompt()).isEqualTo("a fox");
        assertThat(g.width()).isEqualTo(512);
        assertThat(g.extra()).containsEntry("found_in", "Exif.ImageDescription");
    }
}
