package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that ends right after a request ({@code printf '…' | alice mcp}, a client that sends its last request and
 * closes its end): the request is still answered before the server ends. It used to close at once, dropping every
 * answer not written yet.
 */
class McpInputEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void requestsReadBeforeTheEndOfInputAreAnswered() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png("a red fox in the snow", "flux-dev", 1));
        String input = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                // words to rank: the embedding model loads first, so the answer comes well after the input ends
                "{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"search_assets\",\"arguments\":{\"query\":\"fox\"}}}") + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT),
                Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            McpStdioServer.serve(library, t.inbox(),
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        }
        List<JsonNode> answers = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        assertThat(answers).extracting(a -> a.path("id").asText()).contains("1", "last");
        JsonNode search = answers.stream().filter(a -> a.path("id").asText().equals("last")).findFirst().orElseThrow();
        assertThat(search.path("result").path("structuredContent").path("items").get(0).path("prompt").asText())
                .isEqualTo("a red fox in the snow");
    }
}
