package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
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
            ServerParameters params = ServerParameters.builder(AliceProcess.java())
                    .args(AliceProcess.javaArgs("mcp", "--library", tmp.resolve("library").toString()))
                    .addEnvVar("FAL_KEY", "fal-mcp-key").addEnvVar("ALICE_FAL_BASE_URL", fal.url("/").toString())
                    .build();
            try (McpSyncClient client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofSeconds(60)).build()) {
                client.initialize();
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                        .contains("generate_video", "video_status", "list_video_jobs", "cancel_video");
                Map<String, Object> args = Map.of("provider", "fal", "model", "fal-ai/veo3", "prompt", "a lighthouse");

                JsonNode dry = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("generate_video", args))));
                assertThat(dry.path("dry_run").asBoolean()).isTrue();
                assertThat(dry.path("estimate_usd").asDouble()).isEqualTo(3.2);
                assertThat(dry.path("next").asText()).contains("confirm=true");
                assertThat(requests).isEmpty();

                java.util.Map<String, Object> go = new java.util.HashMap<>(args);
                go.put("dry_run", false);
                McpSchema.CallToolResult unconfirmed = client.callTool(new McpSchema.CallToolRequest("generate_video", go));
                assertThat(unconfirmed.isError()).isTrue();
                assertThat(raw(unconfirmed)).contains("confirm=true");
                assertThat(requests).isEmpty();

                McpSchema.CallToolResult local = client.callTool(new McpSchema.CallToolRequest("generate_video",
                        Map.of("provider", "fal", "model", "fal-ai/veo3/image-to-video", "prompt", "x",
                                "image", "/etc/passwd")));
                assertThat(local.isError()).isTrue();
                assertThat(raw(local)).contains("not a file path");

                go.put("confirm", true);
                JsonNode job = JSON.readTree(raw(client.callTool(new McpSchema.CallToolRequest("generate_video", go))));
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
}
