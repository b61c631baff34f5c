package io.alicemultiverse.mcp;

import io.alicemultiverse.testsupport.AliceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.McpTestClient;
import io.alicemultiverse.testsupport.Samples;
import io.alicemultiverse.testsupport.TempLibrary;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts {@code alice mcp} as a process and drives it with the SDK's own client over stdio. */
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode text(McpSchema.CallToolResult r) throws Exception {
        JsonNode text = JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
        if (!Boolean.TRUE.equals(r.isError())) { // a typed answer: the text is its structured content
            assertThat(r.structuredContent()).as("structuredContent").isNotNull();
            assertThat((JsonNode) JSON.valueToTree(r.structuredContent())).isEqualTo(text);
        }
        return text;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void listsToolsAndAnswersEachOne() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        try (McpTestClient mcp = McpTestClient.start(List.of("mcp", "--library", t.library().toString()),
                Map.of("ALICE_INBOX", t.inbox().toString()))) {
            McpSyncClient client = mcp.client();
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .contains("inspect_file", "organize_inbox", "get_asset", "library_stats", "find_similar",
                            "find_duplicates", "search_assets", "tag_assets", "understand_assets", "get_costs");
            assertThat(tools).allSatisfy(tool -> {
                assertThat(tool.description()).hasSizeGreaterThan(40);
                assertThat(tool.inputSchema()).containsEntry("type", "object");
                McpSchema.ToolAnnotations hints = tool.annotations();
                assertThat(hints).as(tool.name()).isNotNull();
                assertThat(List.of(hints.readOnlyHint(), hints.destructiveHint(), hints.idempotentHint(),
                        hints.openWorldHint())).as(tool.name()).doesNotContainNull();
                // the video tools talk to the provider (status and list advance due jobs, downloads included)
                List<String> remote = List.of("understand_assets", "generate_video", "video_status",
                        "list_video_jobs", "cancel_video");
                boolean readOnly = !List.of("organize_inbox", "tag_assets").contains(tool.name())
                        && !remote.contains(tool.name());
                assertThat(hints.readOnlyHint()).as(tool.name()).isEqualTo(readOnly);
                assertThat(hints.openWorldHint()).as(tool.name()).isEqualTo(remote.contains(tool.name()));
            });
            assertThat(tools).filteredOn(tool -> tool.name().equals("organize_inbox"))
                    .allSatisfy(tool -> assertThat(tool.annotations().destructiveHint()).isTrue());

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
            McpSchema.CallToolResult punctuation = client.callTool(new McpSchema.CallToolRequest("search_assets",
                    Map.of("query", "!!!")));
            assertThat(punctuation.isError()).isTrue(); // as the CLI (exit 2) and the web API (400) refuse it
            assertThat(((McpSchema.TextContent) punctuation.content().get(0)).text())
                    .contains("has no words to search for");

            McpSchema.CallToolResult similar = client.callTool(new McpSchema.CallToolRequest("find_similar",
                    Map.of("target", hash.substring(0, 12), "max_distance", 64)));
            assertThat(similar.isError()).as(similar.toString()).isTrue(); // out of range: a tool error, not a crash
            JsonNode near = text(client.callTool(new McpSchema.CallToolRequest("find_similar",
                    Map.of("target", hash.substring(0, 12), "max_distance", 32))));
            assertThat(near.get("matches").isArray()).isTrue();
            assertThat(near.toString()).doesNotContain(hash); // the query asset itself is left out
            JsonNode groups = text(client.callTool(new McpSchema.CallToolRequest("find_duplicates", Map.of())));
            assertThat(groups.get("groups").isArray()).isTrue();

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
        Process p = AliceProcess.builder("mcp", "--library", tmp.resolve("lib").toString())
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("process ends when stdin closes").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(new String(p.getInputStream().readAllBytes())).as("nothing but protocol on stdout").isEmpty();
    }

    /** A fake OpenAI Chat Completions server: checks each request's documented shape, answers with usage. */
    private static final class FakeOpenAi extends Dispatcher {
        final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong tokensIn = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            requests.incrementAndGet();
            try {
                JsonNode body = JSON.readTree(r.getBody().utf8());
                check(r.getMethod().equals("POST"), "method " + r.getMethod());
                check(r.getUrl().encodedPath().equals("/v1/chat/completions"), "path " + r.getUrl().encodedPath());
                check("Bearer sk-mcp-test-key".equals(r.getHeaders().get("Authorization")), "no bearer key");
                check(body.path("model").asText().equals("gpt-4o-mini"), "model " + body.path("model"));
                check(body.path("response_format").path("type").asText().equals("json_schema"), "no json_schema");
                int images = 0;
                for (JsonNode c : body.path("messages").path(0).path("content")) {
                    if (c.path("type").asText().equals("image_url")) {
                        images++;
                        check(c.path("image_url").path("url").asText().startsWith("data:image/jpeg;base64,"),
                                "image not a JPEG data URL");
                    }
                }
                check(images > 0, "no image");
                StringBuilder items = new StringBuilder();
                for (int i = 1; i <= images; i++) {
                    items.append(i > 1 ? "," : "").append("{\"index\":").append(i).append(",\"description\":"
                            + "\"A fox by a teal lagoon.\",\"tags\":{\"subject\":[\"fox\"],\"colour\":[\"teal\"]}}");
                }
                int in = 350 + 765 * images;
                tokensIn.addAndGet(in);
                String answer = JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                        "created", 1, "model", "gpt-4o-mini",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message",
                                Map.of("role", "assistant", "content", "{\"images\":[" + items + "]}"))),
                        "usage", Map.of("prompt_tokens", in, "completion_tokens", 120 * images,
                                "total_tokens", in + 120 * images)));
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(answer).build();
            } catch (Exception e) {
                problems.add(e.toString());
                return new MockResponse.Builder().code(500).build();
            }
        }

        private void check(boolean ok, String problem) {
            if (!ok) {
                problems.add(problem);
            }
        }
    }

    private static String raw(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void understandsAssetsAndReportsTheirCosts() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        t.inboxFile("other/c.png", TempLibrary.png(3));
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString())
                .exit()).isZero();
        String a = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));
        FakeOpenAi fake = new FakeOpenAi();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(fake);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            // the provider's server comes from the configuration: a tool call cannot redirect the key elsewhere
            Path config = Files.writeString(tmp.resolve("alice.yaml"), "understanding:\n  confirm_above_usd: 0.001\n"
                    + "  providers:\n    openai: {base_url: \"" + server.url("/v1") + "\"}\n");
            List<String> outputs = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<McpSchema.ElicitResult> answer =
                    new java.util.concurrent.atomic.AtomicReference<>(McpTestClient.decline());
            try (McpTestClient mcp = McpTestClient.startAsking(List.of("mcp", "--library", t.library().toString(),
                    "--config", config.toString()), Map.of("OPENAI_API_KEY", "sk-mcp-test-key"),
                    request -> answer.get())) {
                java.util.function.BiFunction<String, Map<String, Object>, McpSchema.CallToolResult> call =
                        (tool, args) -> {
                            McpSchema.CallToolResult r = mcp.call(tool, args);
                            outputs.add(raw(r));
                            return r;
                        };
                McpSchema.CallToolResult none = call.apply("understand_assets", Map.of());
                assertThat(none.isError()).isTrue();
                assertThat(raw(none)).contains("assets", "query");

                JsonNode dry = JSON.readTree(raw(call.apply("understand_assets",
                        Map.of("query", "project:acme", "provider", "openai"))));
                assertThat(dry.path("dry_run").asBoolean()).isTrue();
                assertThat(dry.path("selected").asInt()).isEqualTo(2);
                assertThat(dry.path("estimated_usd").asDouble()).isPositive();
                assertThat(dry.path("next").asText()).contains("dry_run=false");
                assertThat(fake.requests.get()).isZero();

                JsonNode local = JSON.readTree(raw(call.apply("understand_assets",
                        Map.of("assets", List.of(a.substring(0, 12)), "provider", "local", "dry_run", false))));
                assertThat(local.path("analysed").asInt()).as(local.toString()).isEqualTo(1);
                JsonNode square = JSON.readTree(raw(call.apply("search_assets", Map.of("tag", "square"))));
                assertThat(square.path("total").asInt()).as("searchable at once").isEqualTo(1);
                assertThat(square.path("items").path(0).path("content_hash").asText()).isEqualTo(a);

                assertThat(mcp.questions).as("the offline analyzer sends nothing: no question").isEmpty();

                McpSchema.CallToolResult declined = call.apply("understand_assets",
                        Map.of("query", "project:acme", "provider", "openai", "dry_run", false));
                assertThat(declined.isError()).isTrue();
                assertThat(raw(declined)).contains("did not approve");
                assertThat(mcp.questions).hasSize(1);
                assertThat(mcp.questions.get(0)).contains("2 image(s)", "openai", "gpt-4o-mini", "$");
                assertThat(fake.requests.get()).isZero();

                answer.set(McpTestClient.approve());
                JsonNode paid = JSON.readTree(raw(call.apply("understand_assets", Map.of("query", "project:acme",
                        "provider", "openai", "dry_run", false, "budget_usd", 1.0))));
                assertThat(paid.path("analysed").asInt()).as(paid.toString()).isEqualTo(2);
                assertThat(paid.path("failures")).isEmpty();
                assertThat(fake.problems).isEmpty();
                assertThat(fake.requests.get()).isEqualTo(paid.path("requests").asInt()).isPositive();
                JsonNode teal = JSON.readTree(raw(call.apply("search_assets", Map.of("query", "tag:teal"))));
                assertThat(teal.path("total").asInt()).isEqualTo(2);

                JsonNode costs = JSON.readTree(raw(call.apply("get_costs", Map.of("by", "provider"))));
                assertThat(costs.path("by").asText()).isEqualTo("provider");
                assertThat(costs.path("rows")).hasSize(1);
                assertThat(costs.path("rows").path(0).path("provider").asText()).isEqualTo("openai");
                assertThat(costs.path("rows").path(0).path("images").asInt()).isEqualTo(2);
                assertThat(costs.path("rows").path(0).path("tokens_in").asLong()).isEqualTo(fake.tokensIn.get());
                assertThat(costs.path("total_usd").asDouble()).isPositive();
                JsonNode byDay = JSON.readTree(raw(call.apply("get_costs", Map.of())));
                assertThat(byDay.path("by").asText()).isEqualTo("day");
                McpSchema.CallToolResult badGroup = call.apply("get_costs", Map.of("by", "week"));
                assertThat(badGroup.isError()).isTrue();
                assertThat(raw(badGroup)).contains("day", "project"); // the schema's enumeration or our own message
            }
            assertThat(String.join("\n", outputs)).doesNotContain("sk-mcp-test-key");
        }
    }
}
