package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Owner;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inbox that is the library, or lies inside it, is refused with exit 2 by every way of organizing: the CLI (copy,
 * move, dry run), watch, the MCP tool and a command forwarded to the library's owner. Nothing moves.
 */
class InboxRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TempLibrary organized() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        CliRun first = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(first.exit()).as(first.err()).isZero();
        return t;
    }

    @Test
    void theCliRefusesTheLibraryAndEveryFolderInsideIt() throws Exception {
        TempLibrary t = organized();
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        String sub = Files.list(t.library()).filter(p -> !p.getFileName().toString().equals(".alice")).findFirst()
                .orElseThrow().toString();
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-library"), t.library());
        for (String inbox : List.of(t.library().toString(), sub, t.library().resolve(".alice").toString(),
                t.library().resolve(".alice/duplicates").toString(), t.library() + "/./", link.toString())) {
            for (List<String> mode : List.<List<String>>of(List.of(), List.of("--move"), List.of("--move", "--dry-run"))) {
                List<String> args = new java.util.ArrayList<>(List.of("organize", "--inbox", inbox, "--library",
                        t.library().toString()));
                args.addAll(mode);
                CliRun r = CliRun.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(inbox + " " + mode + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).contains("library").contains("inbox");
            }
        }
        CliRun watch = CliRun.run("organize", "--watch", "--inbox", sub, "--library", t.library().toString());
        assertThat(watch.exit()).as(watch.err()).isEqualTo(2);
        assertThat(watch.err()).contains("inside the library");
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(Files.exists(t.library().resolve(".alice/duplicates"))).isFalse();
    }

    @Test
    void anInboxHoldingTheLibraryIsFineAndSkipsIt() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path library = t.inbox().resolve("library");
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        CliRun first = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", library.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        // the library named through a link: still recognised inside the inbox and skipped
        Path link = Files.createSymbolicLink(tmp.resolve("inbox-link"), t.inbox());
        CliRun again = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library",
                link.resolve("library").toString(), "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode summary = JSON.readTree(again.lines().get(again.lines().size() - 1));
        assertThat(summary.get("scanned").asInt()).isEqualTo(2);
        assertThat(summary.get("organized").asInt()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theMcpToolAndAForwardedCommandRefuseItToo() throws Exception {
        TempLibrary t = organized();
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        ServerParameters params = ServerParameters.builder(AliceProcess.java())
                .args(AliceProcess.javaArgs("mcp", "--library", t.library().toString()))
                .addEnvVar("ALICE_INBOX", t.library().toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("organize_inbox", Map.of()));
            assertThat(r.isError()).isTrue();
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("library");
            assertThat(Owner.find(t.library())).isPresent();
            // the MCP server owns the library: this organize is forwarded to it, and refused there
            CliRun forwarded = CliRun.run("organize", "--move", "--inbox", t.library().resolve(".alice").toString(),
                    "--library", t.library().toString());
            assertThat(forwarded.exit()).as(forwarded.err()).isEqualTo(2);
            assertThat(forwarded.err()).contains("inside the library");
        }
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
    }
}
