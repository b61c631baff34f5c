package io.alicemultiverse.understand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalAnalyzerTest {
    @TempDir
    Path dir;

    private final LocalAnalyzer analyzer = new LocalAnalyzer();

    private Understanding analyse(BufferedImage img, String name, String prompt) {
        Path f = TestImages.write(img, dir.resolve(name));
        Reply r = analyzer.analyse(List.of(new ImageInput("h", f, prompt, null)));
        assertThat(r.outcomes().get(0).error()).isNull();
        return r.outcomes().get(0).result();
    }

    @Test
    void darkPhotoIsTaggedDark() {
        Understanding u = analyse(TestImages.scaled(TestImages.photo(1, 512), 0.25), "dark.jpg", null);
        assertThat(u.tags().get("technical")).contains("dark");
        assertThat(u.measures().get("brightness")).isLessThan(0.3);
    }

    @Test
    void mostlyBluePhotoIsTaggedBlue() {
        Understanding u = analyse(TestImages.blue(TestImages.photo(2, 512)), "blue.png", null);
        assertThat(u.tags().get("colour").get(0)).isEqualTo("blue");
        assertThat(u.description()).contains("blue");
    }

    @Test
    void blurredCopyScoresLowerThanItsOriginal() {
        for (long seed = 3; seed < 8; seed++) {
            BufferedImage original = TestImages.photo(seed, 1024);
            Understanding sharp = analyse(original, "o" + seed + ".png", null);
            Understanding soft = analyse(TestImages.blurred(original, 4), "b" + seed + ".png", null);
            assertThat(soft.measures().get("sharpness")).as("seed %d", seed)
                    .isLessThan(sharp.measures().get("sharpness"));
            assertThat(soft.measures().get("stars")).as("seed %d", seed).isLessThan(sharp.measures().get("stars"));
        }
    }

    @Test
    void tagsComeFromTheGenerationPromptAndOrientationFromTheFullSize() {
        BufferedImage wide = io.alicemultiverse.testsupport.Pictures.photo(9, 600, 300, 4);
        Understanding u = analyse(wide, "wide.jpg", "a red fox, (snow:1.2), forest");
        assertThat(u.tags().get("subject")).containsExactly("a red fox", "snow", "forest");
        assertThat(u.tags().get("composition")).containsExactly("landscape");
        assertThat(u.tags().get("quality")).hasSize(1);
    }

    @Test
    void anUndecodableFileIsAFailedOutcomeNotAnException() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.png"), "not an image");
        Reply r = analyzer.analyse(List.of(new ImageInput("h", f, null, null)));
        assertThat(r.outcomes().get(0).result()).isNull();
        assertThat(r.outcomes().get(0).error()).isNotBlank();
    }
}
