package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code alice} in a JVM of its own, as a user would: the tests' JDK and classpath. */
public final class AliceProcess {
    private AliceProcess() {
    }

    /** The {@code java} executable of the running JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The arguments after {@code java} that run {@code alice ARGS...}. The JVM's temporary folder is
     * {@code target/tmp}: DuckDB's driver (from the Maven repository's jar, which still holds its 72 MB native library)
     * and ONNX Runtime unpack their libraries there at every start, and a process a test kills never deletes its copy.
     * In {@code /tmp}, one test run left ~80 of them (5 GB); under {@code target/} they go with the build.
     */
    public static List<String> javaArgs(String... args) {
        List<String> out = new ArrayList<>(List.of("-Djava.io.tmpdir=" + tmpdir(), "-cp",
                System.getProperty("java.class.path"), "io.alicemultiverse.cli.Main"));
        out.addAll(List.of(args));
        return out;
    }

    /** {@code target/tmp} of the project under test, created when missing. */
    public static String tmpdir() {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "tmp").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toString();
    }

    /** A process builder for {@code alice ARGS...}. */
    public static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(javaArgs(args));
        return new ProcessBuilder(cmd);
    }
}
