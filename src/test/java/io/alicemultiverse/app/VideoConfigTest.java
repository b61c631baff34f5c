package io.alicemultiverse.app;

import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.VideoRequest;
import io.alicemultiverse.video.VideoSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code video:} section: caps and prices replace the built-in ones; a bad key or value is named. */
class VideoConfigTest {
    @TempDir
    Path tmp;

    private VideoSettings load(String yaml) throws Exception {
        Path f = tmp.resolve("config.yaml");
        Files.writeString(f, yaml);
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.resolve("none").toString());
        return VideoConfig.load(f, env, UnderstandConfig.load(f, env));
    }

    private static VideoRequest request(String provider, String model, Integer seconds, String resolution) {
        return new VideoRequest(provider, model, "p", null, null, null, seconds, null, resolution, null, Map.of(),
                null, 60);
    }

    @Test
    void capsAndPricesReplaceTheBuiltInOnesAndMoneyLimitsAreUnderstandings() throws Exception {
        VideoSettings s = load("""
                understanding:
                  confirm_above_usd: 2.5
                video:
                  concurrency: {fal: 12, Runway: 1}
                  prices:
                    "fal/fal-ai/veo3": {per_second: 0.5}
                    "runway/gen4_turbo": {per_second: {"720P": 0.07, "1080p": 0.1}, default_seconds: 10}
                    "replicate/acme/clip": {per_video: 0.33}
                """);
        assertThat(s.cap("fal")).isEqualTo(12);
        assertThat(s.cap("runway")).isEqualTo(1);
        assertThat(s.cap("replicate")).isEqualTo(VideoSettings.defaults().cap("replicate"));
        assertThat(s.confirmAboveUsd()).isEqualTo(2.5);
        assertThat(s.prices().estimate(request("fal", "fal-ai/veo3", 8, null))).contains(4.0);
        assertThat(s.prices().estimate(request("runway", "gen4_turbo", null, "720p"))).contains(0.7);
        assertThat(s.prices().estimate(request("replicate", "acme/clip", 9, null))).contains(0.33);
        // rows not named keep their built-in prices
        assertThat(s.prices().estimate(request("fal", "fal-ai/veo3/fast", 8, null)))
                .isEqualTo(VideoSettings.defaults().prices().estimate(request("fal", "fal-ai/veo3/fast", 8, null)));
        assertThat(load("video: {}\n")).isEqualTo(new VideoSettings(1.0, null, null,
                VideoSettings.defaults().prices(), Map.of()));
    }

    @Test
    void aBadKeyOrValueIsAnErrorNamingIt() {
        assertThatThrownBy(() -> load("video: {concurrency: {nosuch: 2}}\n")).hasMessageContaining("nosuch");
        assertThatThrownBy(() -> load("video: {concurrency: {fal: 0}}\n")).hasMessageContaining("video.concurrency.fal");
        assertThatThrownBy(() -> load("video: {prices: {\"veo3\": {per_second: 1}}}\n"))
                .hasMessageContaining("provider/model");
        assertThatThrownBy(() -> load("video: {prices: {\"fal/x\": {per_second: -1}}}\n"))
                .hasMessageContaining("video.prices.\"fal/x\".per_second");
        assertThatThrownBy(() -> load("video: {prices: {\"fal/x\": {default_seconds: 5}}}\n"))
                .hasMessageContaining("per_second or per_video");
    }
}
