package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.LauncherCopy;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher under the C locale (cron, a service, ssh without LANG): Java would read file names as ASCII, so a file
 * named {@code renard-été.png} could not even be opened ("Malformed input or input contains unmappable characters").
 * The launcher makes a C or unset character locale C.UTF-8, as Python does (PEP 538).
 */
class LauncherLocaleIT {
    @TempDir
    Path tmp;

    @Test
    void aNonAsciiFileNameIsReadWithNoLocaleSet() throws Exception {
        LauncherCopy launcher = LauncherCopy.install(tmp.resolve("app"));
        Path png = Files.write(Files.createDirectories(tmp.resolve("in")).resolve("renard-\u00e9t\u00e9.png"),
                PngBuilder.rgb(8, 8).text("parameters", "a red fox\nSteps: 20, Sampler: Euler, Seed: 1").build());

        for (Map<String, String> env : List.of(Map.of("HOME", tmp.toString()),
                Map.of("HOME", tmp.toString(), "LANG", "C"), Map.of("HOME", tmp.toString(), "LC_CTYPE", "POSIX"))) {
            LauncherCopy.Run run = launcher.run(env, List.of("inspect", png.toString()));
            assertThat(run.exit()).as(env + ": " + run.out()).isZero();
            assertThat(run.out()).as(env.toString()).contains("renard-\u00e9t\u00e9.png", "automatic1111", "a red fox");
        }
    }
}
