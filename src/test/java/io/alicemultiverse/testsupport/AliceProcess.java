package io.alicemultiverse.testsupport;

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

    /** The arguments after {@code java} that run {@code alice ARGS...}. */
    public static List<String> javaArgs(String... args) {
        List<String> out = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "io.alicemultiverse.cli.Main"));
        out.addAll(List.of(args));
        return out;
    }

    /** A process builder for {@code alice ARGS...}. */
    public static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(javaArgs(args));
        return new ProcessBuilder(cmd);
    }
}
