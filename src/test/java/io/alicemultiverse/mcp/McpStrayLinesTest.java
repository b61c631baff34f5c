package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice mcp} as a process, fed lines that are no JSON-RPC messages: each is answered with a JSON-RPC error,
 * the next request is served, and the server ends when its input does (it used to stop reading at the first such
 * line, answer nothing more and never end, keeping the library owned).
 */
class McpStrayLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStrayLineIsAnsweredWithAnErrorAndServiceGoesOn() throws Exception {
        Process p = AliceProcess.builder("mcp", "--library", tmp.resolve("library").toString())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        java.util.concurrent.Callable<String> next = () -> {
            String l = lines.poll(30, TimeUnit.SECONDS);
            assertThat(l).as("an answer within 30 s").isNotNull();
            return l;
        };
        try (OutputStream in = p.getOutputStream()) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
            assertThat(JSON.readTree(next.call()).path("id").asInt()).isEqualTo(1);
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "garbage");
            JsonNode parse = JSON.readTree(next.call());
            assertThat(parse.path("error").path("code").asInt()).isEqualTo(-32700);
            assertThat(parse.get("id").isNull()).isTrue();
            send(in, "");
            send(in, "{\"id\":7,\"hello\":true}");
            JsonNode invalid = JSON.readTree(next.call());
            assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(invalid.path("id").asInt()).isEqualTo(7);
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode tools = JSON.readTree(next.call());
            assertThat(tools.path("id").asInt()).isEqualTo(2);
            assertThat(tools.path("result").path("tools").size()).isGreaterThan(3);
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the server did not end with its input");
            }
        }
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
