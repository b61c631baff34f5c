package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A copy of the built launcher ({@code ./alice} beside {@code target/}) in a folder of a test's, to run as users do. */
public final class LauncherCopy {
    private final Path app;

    private LauncherCopy(Path app) {
        this.app = app;
    }

    /** The launcher, the jar and its libraries under {@code dir}. */
    public static LauncherCopy install(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("target/lib"));
        Files.copy(Path.of("alice"), dir.resolve("alice"));
        Files.copy(Path.of("target", "alice.jar"), dir.resolve("target/alice.jar"));
        try (Stream<Path> libs = Files.list(Path.of("target", "lib"))) {
            for (Path lib : libs.toList()) {
                // linked, not copied: the launcher rewrites the DuckDB driver's jar by replacing it (zip -d), which
                // leaves the build's own file as it was
                Path link = dir.resolve("target/lib").resolve(lib.getFileName());
                try {
                    Files.createLink(link, lib.toAbsolutePath());
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(lib, link); // another filesystem
                }
            }
        }
        return new LauncherCopy(dir);
    }

    public Path root() {
        return app;
    }

    /** Output (stdout and stderr) and exit status of {@code alice ARGS} run by bash with {@code env} only. */
    public record Run(int exit, String out) {
    }

    /**
     * Runs {@code alice args} with exactly {@code env} as its environment (PATH is the running JDK's {@code bin},
     * then the system's), within two minutes.
     */
    public Run run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", app.resolve("alice").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", Path.of(AliceProcess.java()).getParent() + ":/usr/local/bin:/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("alice " + args + " did not finish: " + out);
        }
        return new Run(p.exitValue(), out);
    }
}
