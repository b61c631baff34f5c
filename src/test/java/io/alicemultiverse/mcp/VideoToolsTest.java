package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.McpTestClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The video tools of {@code alice mcp} against a fake fal queue: dry run first, confirmation, status, cancel. */
class VideoToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String raw(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void generateIsADryRunUntilToldThenStatusListAndCancelFollowTheJob() throws Exception {
        ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
        try (MockWebServer fal = new MockWebServer()) {
            fal.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    requests.add(r);
                    String root = fal.url("/fal-ai/veo3/requests/r1").toString();
                    String body = r.getMethod().equals("POST") ? "{\"request_id\":\"r1\",\"status_url\":\"" + root
                            + "/status\",\"response_url\":\"" + root + "\",\"cancel_url\":\"" + root + "/cancel\"}"
                            : r.getMethod().equals("PUT") ? "{\"status\":\"CANCELLATION_REQUESTED\"}"
                            : "{\"status\":\"IN_QUEUE\"}";
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body(body).build();
                }
            });
            fal.start(InetAddress.getByName("127.0.0.1"), 0);
            Map<String, String> env = Map.of("FAL_KEY", "fal-mcp-key", "ALICE_FAL_BASE_URL", fal.url("/").toString());
            List<String> cli = List.of("mcp", "--library", tmp.resolve("library").toString());
            Map<String, Object> args = Map.of("provider", "fal", "model", "fal-ai/veo3", "prompt", "a lighthouse");
            java.util.Map<String, Object> go = new java.util.HashMap<>(args);
            go.put("dry_run", false);

            // a client that cannot ask its user, a server not told --allow remote: refused, nothing sent
            try (McpTestClient blind = McpTestClient.start(cli, env)) {
                McpSchema.CallToolResult refused = blind.call("generate_video", go);
                assertThat(refused.isError()).isTrue();
                assertThat(McpTestClient.text(refused)).contains("--allow remote");
                McpSchema.CallToolResult modelSaysYes = blind.call("generate_video", withConfirm(go));
                assertThat(modelSaysYes.isError()).as("a model-set confirm is not consent").isTrue();
                assertThat(requests).isEmpty();
            }
            // the user declines: nothing sent
            try (McpTestClient declining = McpTestClient.startAsking(cli, env, q -> McpTestClient.decline())) {
                assertThat(declining.call("generate_video", go).isError()).isTrue();
                assertThat(requests).isEmpty();
            }
            try (McpTestClient asking = McpTestClient.startAsking(cli, env, q -> McpTestClient.approve())) {
                McpSyncClient client = asking.client();
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .contains("generate_video", "video_status", "list_video_jobs", "cancel_video");

                JsonNode dry = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("generate_video", args))));
                assertThat(dry.path("dry_run").asBoolean()).isTrue();
                assertThat(dry.path("estimate_usd").asDouble()).isPositive();
                assertThat(dry.path("refused").isNull()).isTrue();
                java.util.Map<String, Object> broke = new java.util.HashMap<>(args);
                broke.put("budget_usd", 0);
                JsonNode over = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("generate_video",
                        broke))));
                assertThat(over.path("refused").asText()).contains("is above budget_usd $0.00").doesNotContain("--budget");
                assertThat(over.path("next").asText()).contains("a real call would be refused");
                assertThat(asking.questions).isEmpty();
                assertThat(requests).isEmpty();

                McpSchema.CallToolResult local = client.callTool(new McpSchema.CallToolRequest("generate_video",
                        Map.of("provider", "fal", "model", "fal-ai/veo3/image-to-video", "prompt", "x",
                                "image", "/etc/passwd")));
                assertThat(local.isError()).isTrue();
                assertThat(raw(local)).contains("no such library asset").doesNotContain("root:"); // never read

                JsonNode job = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("generate_video", go))));
                assertThat(asking.questions).hasSize(1);
                assertThat(asking.questions.get(0)).contains("fal-ai/veo3").contains("$");
                assertThat(job.path("state").asText()).isEqualTo("queued");
                assertThat(job.path("provider_job_id").asText()).isEqualTo("r1");
                String id = job.path("id").asText();

                JsonNode status = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("video_status",
                        Map.of("id", id)))));
                assertThat(status.path("state").asText()).isIn("queued", "running");
                JsonNode list = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("list_video_jobs",
                        Map.of()))));
                assertThat(list.path("jobs")).hasSize(1);
                JsonNode cancelled = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("cancel_video",
                        Map.of("id", id)))));
                assertThat(cancelled.path("state").asText()).isEqualTo("cancelled");
                assertThat(cancelled.path("error").asText()).contains("CANCELLATION_REQUESTED");
                assertThat(requests.stream().filter(r -> r.getMethod().equals("PUT")).toList()).hasSize(1);
                assertThat(requests.stream().filter(r -> r.getMethod().equals("POST")).toList()).hasSize(1);
            }
        }
    }

    private static Map<String, Object> withConfirm(Map<String, Object> go) {
        java.util.Map<String, Object> m = new java.util.HashMap<>(go);
        m.put("confirm", true);
        return m;
    }
}
