package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.LauncherCopy;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher ({@code ./alice}) and its class-data archives: a jar rebuilt without it ({@code mvn package} or
 * {@code mvn verify}, the README's second command) must not leave an archive of the old jar in use, which the JVM
 * refuses without a word — every later start then loaded each class from the jars (a 20-file organize took 1.05 s
 * instead of 0.70).
 */
class LauncherArchiveIT {
    @TempDir
    Path tmp;

    @Test
    void anArchiveOlderThanTheJarIsWrittenAgain() throws Exception {
        LauncherCopy launcher = LauncherCopy.install(tmp.resolve("app"));
        Path app = launcher.root();
        Path png = Files.write(tmp.resolve("fox.png"), PngBuilder.rgb(8, 8).text("parameters",
                "a red fox\nSteps: 20, Sampler: Euler, Seed: 1, Model: fox_v1").build());
        Path archive = app.resolve("target/cds/inspect.jsa");

        run(launcher, png);
        assertThat(archive).as("the first run writes the archive").exists();
        // the jar rebuilt by Maven after the archive was written: the archive is the older one
        FileTime jar = Files.getLastModifiedTime(app.resolve("target/alice.jar"));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(jar.toMillis() - 60_000));
        run(launcher, png);
        assertThat(archive).exists();
        assertThat(Files.getLastModifiedTime(archive)).as("written again, for the new jar")
                .isGreaterThan(Files.getLastModifiedTime(app.resolve("target/alice.jar")));
    }

    private static void run(LauncherCopy launcher, Path file) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        LauncherCopy.Run run = launcher.run(env, List.of("inspect", file.toString()));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("a red fox");
    }
}
