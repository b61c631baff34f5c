package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.Samples;
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

/** Starts {@code alice mcp} as a process and drives it with the SDK's own client over stdio. */
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static JsonNode text(McpSchema.CallToolResult r) throws Exception {
        return JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void listsToolsAndAnswersEachOne() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        ServerParameters params = ServerParameters.builder(java())
                .args("-cp", System.getProperty("java.class.path"), "io.alicemultiverse.cli.Main", "mcp",
                        "--library", t.library().toString())
                .addEnvVar("ALICE_INBOX", t.inbox().toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .contains("inspect_file", "organize_inbox", "get_asset", "library_stats", "find_similar",
                            "find_duplicates", "search_assets", "tag_assets");
            assertThat(tools).allSatisfy(tool -> {
                assertThat(tool.description()).hasSizeGreaterThan(40);
                assertThat(tool.inputSchema()).containsEntry("type", "object");
            });

            JsonNode inspected = text(client.callTool(new McpSchema.CallToolRequest("inspect_file",
                    Map.of("path", Samples.file("ComfyUI/img2img_cropped.png").toString()))));
            assertThat(inspected.get("source").asText()).isEqualTo("comfyui");

            McpSchema.CallToolResult plan = client.callTool(new McpSchema.CallToolRequest("organize_inbox", Map.of()));
            assertThat(plan.isError()).isFalse();
            assertThat(text(plan).get("dry_run").asBoolean()).isTrue();
            assertThat(text(plan).get("plan")).hasSize(2);
            assertThat(TempLibrary.fingerprint(t.library())).isEmpty();

            JsonNode done = text(client.callTool(new McpSchema.CallToolRequest("organize_inbox",
                    Map.of("dry_run", false))));
            assertThat(done.get("organized").asInt()).isEqualTo(2);

            JsonNode stats = text(client.callTool(new McpSchema.CallToolRequest("library_stats", Map.of())));
            assertThat(stats.get("assets").asInt()).isEqualTo(2);

            String hash = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));
            JsonNode asset = text(client.callTool(new McpSchema.CallToolRequest("get_asset",
                    Map.of("id", hash.substring(0, 10)))));
            assertThat(asset.get("content_hash").asText()).isEqualTo(hash);
            assertThat(asset.get("prompt").asText()).contains("a red fox 1");

            JsonNode tagged = text(client.callTool(new McpSchema.CallToolRequest("tag_assets",
                    Map.of("assets", List.of(hash), "tags", List.of("keeper")))));
            assertThat(tagged.get("assets").asInt()).isEqualTo(1);
            JsonNode found = text(client.callTool(new McpSchema.CallToolRequest("search_assets",
                    Map.of("query", "tag:keeper"))));
            assertThat(found.get("total").asInt()).isEqualTo(1);
            assertThat(found.get("items").get(0).get("content_hash").asText()).isEqualTo(hash);
            JsonNode fox = text(client.callTool(new McpSchema.CallToolRequest("search_assets",
                    Map.of("query", "red fox in the snow", "limit", 5))));
            assertThat(fox.get("items")).hasSize(2);

            McpSchema.CallToolResult similar = client.callTool(new McpSchema.CallToolRequest("find_similar",
                    Map.of("target", hash.substring(0, 12), "max_distance", 64)));
            assertThat(similar.isError()).as(similar.toString()).isTrue(); // out of range: a tool error, not a crash
            JsonNode near = text(client.callTool(new McpSchema.CallToolRequest("find_similar",
                    Map.of("target", hash.substring(0, 12), "max_distance", 32))));
            assertThat(near.isArray()).isTrue();
            assertThat(near.toString()).doesNotContain(hash); // the query asset itself is left out
            JsonNode groups = text(client.callTool(new McpSchema.CallToolRequest("find_duplicates", Map.of())));
            assertThat(groups.isArray()).isTrue();

            McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("inspect_file",
                    Map.of("path", "/no/such/file.png")));
            assertThat(missing.isError()).isTrue();
            assertThat(((McpSchema.TextContent) missing.content().get(0)).text()).contains("no such file");

            McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("get_asset",
                    Map.of("id", "ffffffffff")));
            assertThat(unknown.isError()).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exitsWhenStdinCloses() throws Exception {
        Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "io.alicemultiverse.cli.Main", "mcp", "--library", tmp.resolve("lib").toString())
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("process ends when stdin closes").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(new String(p.getInputStream().readAllBytes())).as("nothing but protocol on stdout").isEmpty();
    }
}
