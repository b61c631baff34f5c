package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.TempLibrary;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The API key goes to the provider and nowhere else: not to output, errors, logs or the catalog. */
class ApiKeyTest {
    private static final String KEY = "sk-secret-4f9a1c7e";

    @TempDir
    Path root;

    @Test
    void theKeyIsSentButNeverPrintedOrStored() throws Exception {
        TempLibrary t = new TempLibrary(root);
        t.inboxFile("p/a.png", TempLibrary.png(1));
        t.inboxFile("p/b.png", TempLibrary.png(2));
        try (MockWebServer server = new MockWebServer()) {
            // a 401 that echoes the key back, then a 500 for the retry-less second image
            server.enqueue(new MockResponse.Builder().code(401)
                    .body("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}").build());
            for (int i = 0; i < 8; i++) {
                server.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"" + KEY + "\"}").build());
            }
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Path log = root.resolve("out.log");
            assertThat(run(log, "organize", "--inbox", t.inbox().toString(), "--library", t.library().toString()))
                    .isZero();
            int exit = run(log, "understand", "--all", "--provider", "openai", "--base-url",
                    server.url("/v1").toString(), "--library", t.library().toString());
            assertThat(exit).isEqualTo(1);
            String output = Files.readString(log);
            assertThat(output).contains("HTTP 401").doesNotContain(KEY).doesNotContain("4f9a1c7e");
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                    .isEqualTo("Bearer " + KEY);
            try (Stream<Path> files = Files.walk(t.library())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(KEY);
                }
            }
        }
    }

    private static int run(Path log, String... args) throws Exception {
        ProcessBuilder pb = AliceProcess.builder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(new File(System.getProperty("java.io.tmpdir")));
        pb.environment().put("OPENAI_API_KEY", KEY);
        pb.environment().remove("XDG_CONFIG_HOME");
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }
}
