package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags from a prompt: weight and emphasis syntax of every front-end stripped, model names without file extensions. */
class PromptTagsTest {
    @Test
    void weightSyntaxIsStripped() {
        assertThat(PromptTags.phrases("(masterpiece:1.2), [blurry], {smile}, sky++, <lora:detail:0.5>, red fox"))
                .containsExactly("masterpiece", "blurry", "smile", "sky", "red fox");
    }

    @Test
    void novelAiWeightedGroupsAreStripped() {
        assertThat(PromptTags.phrases("1girl, -0.8::feet::, 1.5::blue hair, smile::, 2::sunset sky::"))
                .containsExactly("1girl", "feet", "blue hair", "smile", "sunset sky");
    }

    @Test
    void midjourneyMultiPromptWeightsSeparateParts() {
        assertThat(PromptTags.phrases("cat::2 dog::1.5 --ar 16:9")).startsWith("cat", "dog");
    }

    @Test
    void aModelNamedWithOrWithoutItsFileExtensionIsOneTag() {
        assertThat(modelTag("waiIllustriousSDXL_v160.safetensors")).isEqualTo("waiillustrioussdxl_v160");
        assertThat(modelTag("waiIllustriousSDXL_v160")).isEqualTo("waiillustrioussdxl_v160");
        assertThat(modelTag("sd_xl_base_1.0.ckpt")).isEqualTo("sd_xl_base_1.0");
        assertThat(modelTag("flux1-dev-Q8_0.gguf")).isEqualTo("flux1-dev-q8_0");
        assertThat(modelTag("model.v2")).isEqualTo("model.v2");
        Generation g = Generation.builder(Source.AUTOMATIC1111).prompt("x y").lora("detailer.safetensors", 0.5)
                .build();
        assertThat(PromptTags.of(g)).extracting(AssetRecord.Tag::tag).contains("detailer");
    }

    private static String modelTag(String model) {
        Generation g = Generation.builder(Source.AUTOMATIC1111).prompt("x y").model(model).build();
        return PromptTags.of(g).stream().filter(t -> t.category().equals("model")).findFirst().orElseThrow().tag();
    }
}
