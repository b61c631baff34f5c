package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static io.alicemultiverse.testsupport.SampleTexts.raw;
import static org.assertj.core.api.Assertions.assertThat;

class FileNameHintParserTest {
    private final FileNameHintParser parser = new FileNameHintParser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ComfyUI_00001_.png | comfyui",
            "ComfyUI_temp_abcde_00003_.png | comfyui",
            "DALL-E 2023-11-02 08.01.59.png | openai",
            "DALLE_a_cat.png | openai",
            "ChatGPT Image Mar 15, 2025, 10_22_33 AM.png | openai",
            "Leonardo_Phoenix_a_castle_0.jpg | leonardo",
            "Firefly a castle on a hill 12345.jpg | firefly",
            "ideogram (3).jpeg | ideogram",
            "Gen-3 Alpha Turbo 1234567, a castle, M 5.mp4 | runway",
            "runway_export.mp4 | runway",
            "kling_20240701_Image_to_Video_a_cat.mp4 | kling",
            "Pika_a_cat_dancing.mp4 | pika",
            "luma_dream.mp4 | luma",
            "Dream Machine a castle.mp4 | luma",
            "flux_dev_00012_.png | flux",
            "flux1-schnell-output.webp | flux",
            "00012-1234567890.png | automatic1111",
            "folder/sub/ComfyUI_00042_.png | comfyui",
            "Leonardo_Kino_XL_a_cat_8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d.jpg | leonardo",
    })
    void recognisesDefaultNames(String name, String source) {
        Generation g = parser.parse(raw(name.strip())).orElseThrow();
        assertThat(g.source().id()).isEqualTo(source.strip());
        assertThat(g.extra()).containsEntry("hint", "file name");
    }

    @Test
    void takesThePromptFromDallENames() {
        Generation g = parser.parse(raw("DALL·E 2024-03-15 10.22.33 - a cat on a roof.png")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.OPENAI);
        assertThat(g.prompt()).isEqualTo("a cat on a roof");
    }

    @Test
    void takesWordsFromMidjourneyNames() {
        Generation g = parser.parse(raw("username_a_red_fox_8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d.png")).orElseThrow();
        assertThat(g.source()).isEqualTo(Source.MIDJOURNEY);
        assertThat(g.prompt()).isEqualTo("a red fox");
        assertThat(parser.parse(raw("bob_castle_walls_8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d_2.png")))
                .get().extracting(Generation::source).isEqualTo(Source.MIDJOURNEY);
    }

    @Test
    void readsTheSeedOfA1111DefaultNames() {
        assertThat(parser.parse(raw("00012-1234567890.png")).orElseThrow().seeds())
                .containsExactly(BigInteger.valueOf(1234567890L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890.png", "IMG_0001.jpg", "pikachu.png", "fluxus.png", "holiday.png",
            "8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d.png", "photo_8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d.png",
            "0012-1234567890.png", "Gen-2024 report.png", "00012-1234567890-a cat.png", "my_ComfyUI_00001_.png", "", ".png",
            "Fireflyer.jpg", "generated.png"})
    void staysQuietOnOrdinaryNames(String name) {
        assertThat(parser.parse(raw(name))).isEmpty();
    }

    @Test
    void toleratesMissingName() {
        assertThat(parser.parse(raw(null))).isEmpty();
    }
}
