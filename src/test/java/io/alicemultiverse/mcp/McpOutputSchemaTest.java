package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.McpTestClient;
import io.alicemultiverse.testsupport.Samples;
import io.alicemultiverse.testsupport.TempLibrary;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tool declares an {@code outputSchema} (MCP 2025-06-18) and answers with {@code structuredContent} that
 * validates against it, checked here by an independent validator; the search hit a model gets is the record
 * {@code alice search --json} prints.
 */
class McpOutputSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyToolDeclaresItsOutputAndEveryAnswerFitsIt() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        String hash = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));
        try (McpTestClient mcp = McpTestClient.start(List.of("mcp", "--library", t.library().toString()),
                Map.of("ALICE_INBOX", t.inbox().toString()))) {
            Map<String, Schema> schemas = new LinkedHashMap<>();
            for (McpSchema.Tool tool : mcp.tools()) {
                assertThat(tool.outputSchema()).as(tool.name()).isNotNull().containsEntry("type", "object");
                schemas.put(tool.name(), SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(JSON.writeValueAsString(tool.outputSchema()), InputFormat.JSON));
            }
            assertThat(schemas).hasSizeGreaterThanOrEqualTo(15);
            // the schema says what the fields are, not only their names
            assertThat(JSON.valueToTree(mcp.tools().stream().filter(x -> x.name().equals("search_assets"))
                    .findFirst().orElseThrow().outputSchema()).at("/properties/items/items/properties/content_hash")
                    .path("description").asText()).contains("SHA-256");

            List<Object[]> calls = List.of(
                    new Object[]{"inspect_file", Map.of("path", Samples.file("ComfyUI/img2img_cropped.png").toString())},
                    new Object[]{"organize_inbox", Map.of()},
                    new Object[]{"organize_inbox", Map.of("dry_run", false)},
                    new Object[]{"library_stats", Map.of()},
                    new Object[]{"get_asset", Map.of("id", hash.substring(0, 10))},
                    new Object[]{"tag_assets", Map.of("assets", List.of(hash), "tags", List.of("keeper"))},
                    new Object[]{"search_assets", Map.of("query", "tag:keeper")},
                    new Object[]{"search_assets", Map.of("query", "red fox", "limit", 5)},
                    new Object[]{"find_similar", Map.of("target", hash.substring(0, 12))},
                    new Object[]{"find_duplicates", Map.of()},
                    new Object[]{"understand_assets", Map.of("assets", List.of(hash), "provider", "local")},
                    new Object[]{"understand_assets", Map.of("assets", List.of(hash), "provider", "local",
                            "dry_run", false)},
                    new Object[]{"get_costs", Map.of("by", "provider")},
                    new Object[]{"list_video_jobs", Map.of()},
                    new Object[]{"export_timeline", Map.of("format", "edl", "assets", List.of(hash))});
            JsonNode found = null;
            for (Object[] call : calls) {
                String name = (String) call[0];
                @SuppressWarnings("unchecked")
                McpSchema.CallToolResult r = mcp.call(name, (Map<String, Object>) call[1]);
                assertThat(r.isError()).as(name + ": " + r).isFalse();
                JsonNode structured = JSON.valueToTree(r.structuredContent());
                assertThat(structured.isObject()).as(name).isTrue();
                List<Error> errors = schemas.get(name).validate(structured.toString(), InputFormat.JSON);
                assertThat(errors).as(name + " " + structured).isEmpty();
                assertThat(JSON.readTree(McpTestClient.text(r))).as(name).isEqualTo(structured);
                if (name.equals("search_assets") && found == null) {
                    found = structured;
                }
            }
            // a wrong answer does not fit: the schema is not just "any object"
            assertThat(schemas.get("library_stats").validate("{\"assets\": \"many\"}", InputFormat.JSON)).isNotEmpty();
            assertThat(found.get("total").asInt()).isEqualTo(1);
            // asked again now that understanding has added its tags
            JsonNode mcpHit = JSON.readTree(McpTestClient.text(mcp.call("search_assets", Map.of("query", "tag:keeper"))))
                    .get("items").get(0);
            assertThat(mcpHit.get("content_hash").asText()).isEqualTo(hash);
            // the CLI while the server owns the library (the command runs in the server's process)
            CliRun cli = CliRun.run("search", "--library", t.library().toString(), "--json", "tag:keeper");
            assertThat(cli.exit()).as(cli.err()).isZero();
            JsonNode cliHit = JSON.readTree(cli.lines().get(0));
            // same record: the same keys with the same values (the score of a filter-only query included)
            assertThat(cliHit).isEqualTo(mcpHit);
        }
    }
}
