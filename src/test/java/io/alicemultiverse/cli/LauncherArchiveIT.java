package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.PngBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        Path app = tmp.resolve("app");
        Files.createDirectories(app.resolve("target/lib"));
        Files.copy(Path.of("alice"), app.resolve("alice"));
        Files.copy(Path.of("target", "alice.jar"), app.resolve("target/alice.jar"));
        try (Stream<Path> libs = Files.list(Path.of("target", "lib"))) {
            for (Path lib : libs.toList()) {
                // linked, not copied: the launcher rewrites the DuckDB driver's jar by replacing it (zip -d), which
                // leaves the build's own file as it was
                Path link = app.resolve("target/lib").resolve(lib.getFileName());
                try {
                    Files.createLink(link, lib.toAbsolutePath());
                } catch (java.io.IOException | UnsupportedOperationException e) {
                    Files.copy(lib, link); // another filesystem
                }
            }
        }
        Path png = Files.write(tmp.resolve("fox.png"), PngBuilder.rgb(8, 8).text("parameters",
                "a red fox\nSteps: 20, Sampler: Euler, Seed: 1, Model: fox_v1").build());
        Path archive = app.resolve("target/cds/inspect.jsa");

        run(app, png);
        assertThat(archive).as("the first run writes the archive").exists();
        // the jar rebuilt by Maven after the archive was written: the archive is the older one
        FileTime jar = Files.getLastModifiedTime(app.resolve("target/alice.jar"));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(jar.toMillis() - 60_000));
        run(app, png);
        assertThat(archive).exists();
        assertThat(Files.getLastModifiedTime(archive)).as("written again, for the new jar")
                .isGreaterThan(Files.getLastModifiedTime(app.resolve("target/alice.jar")));
    }

    private static void run(Path app, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", app.resolve("alice").toString(), "inspect", file.toString())
                .redirectErrorStream(true);
        pb.environment().put("PATH", Path.of(AliceProcess.java()).getParent() + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("a red fox");
    }
}
