package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application as the launcher runs it ({@code java -jar target/alice.jar}, with only the runtime jars
 * in {@code target/lib}), after {@code package}: the unit tests run on the test classpath, which holds test-scoped
 * jars too, so a runtime dependency that a test-scoped declaration hid went unseen (the MCP SDK's JSON-schema
 * validator: {@code alice mcp} failed to start from the launcher while every MCP test passed).
 */
class PackagedJarIT {
    @TempDir
    Path tmp;

    @Test
    void theMcpServerStartsFromTheJarAndAnswersInitialize() throws Exception {
        Path jar = Path.of("target", "alice.jar");
        assertThat(jar).exists();
        Process p = new ProcessBuilder(AliceProcess.java(), "-jar",
                jar.toString(), "mcp", "--library", tmp.resolve("library").toString())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = out.readLine();
            assertThat(line).as("stderr: %s", Files.exists(tmp.resolve("stderr.txt"))
                    ? Files.readString(tmp.resolve("stderr.txt")) : "").isNotNull()
                    .contains("\"id\":1").contains("\"serverInfo\"");
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Java 22 and later print four warning lines on stderr when DuckDB's driver loads its library, unless allowed. */
    @Test
    void theJarAllowsNativeAccess() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Path.of("target", "alice.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
        }
    }

    @Test
    void theJarPrintsItsVersion() throws Exception {
        Process p = new ProcessBuilder(AliceProcess.java(), "-jar",
                Path.of("target", "alice.jar").toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("alice ");
    }
}
