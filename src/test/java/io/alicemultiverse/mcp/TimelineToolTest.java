package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export_timeline} over stdio with the SDK's client: annotated read-only, the timeline text in the result. */
class TimelineToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void exportsATimelineOfTheNamedAssetsInTheirOrder() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png("a red fox", "m", 1));
        t.inboxFile("acme/b.png", TempLibrary.png("a blue whale", "m", 2));
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString())
                .exit()).isZero();
        String a = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));
        String b = TempLibrary.sha256(t.inbox().resolve("acme/b.png"));
        ServerParameters params = ServerParameters.builder(AliceProcess.java())
                .args(AliceProcess.javaArgs("mcp", "--library", t.library().toString())).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(90)).build()) {
            client.initialize();
            McpSchema.Tool tool = client.listTools().tools().stream().filter(x -> x.name().equals("export_timeline"))
                    .findFirst().orElseThrow();
            assertThat(tool.annotations().readOnlyHint()).isTrue();
            assertThat(tool.annotations().destructiveHint()).isFalse();

            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("export_timeline",
                    Map.of("assets", List.of(b.substring(0, 10), a.substring(0, 10)), "format", "edl", "fps", 25,
                            "still_seconds", 2)));
            assertThat(r.isError()).as(r.toString()).isFalse();
            JsonNode out = JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
            assertThat(out.get("clips").asInt()).isEqualTo(2);
            assertThat(out.get("seconds").asDouble()).isEqualTo(4.0);
            String edl = out.get("content").asText();
            assertThat(edl.indexOf("a blue whale")).isPositive().isLessThan(edl.indexOf("a red fox"));
            assertThat(edl).contains("001  " + b.substring(0, 8).toUpperCase() + " ")
                    .contains("01:00:00:00 01:00:02:00").contains("01:00:02:00 01:00:04:00");

            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("export_timeline",
                    Map.of("assets", List.of(a), "format", "aaf")));
            assertThat(bad.isError()).isTrue();
            assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).contains("otio").contains("edl");
        }
    }
}
