package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.FakeProvider;
import io.alicemultiverse.testsupport.McpTestClient;
import io.alicemultiverse.testsupport.TempLibrary;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.alicemultiverse.testsupport.McpTestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving files and sending images out happen only with the human's consent (asked through MCP elicitation, or given
 * with {@code alice mcp --allow}), never on the model's word, and only for folders the user configured. Drives
 * {@code alice mcp} as a process with the SDK's client.
 */
class McpConsentTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void movesOnlyWhenTheUserApprovesTheQuestion() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        Map<String, String> inboxBefore = TempLibrary.fingerprint(t.inbox());
        AtomicReference<McpSchema.ElicitResult> answer = new AtomicReference<>(McpTestClient.decline());
        try (McpTestClient mcp = McpTestClient.startAsking(List.of("mcp", "--library", t.library().toString()),
                Map.of("ALICE_INBOX", t.inbox().toString()), request -> answer.get())) {
            JsonNode plan = mcp.json("organize_inbox", Map.of("move", true));
            assertThat(plan.path("dry_run").asBoolean()).isTrue();
            assertThat(mcp.questions).as("a dry run asks nothing").isEmpty();

            McpSchema.CallToolResult declined = mcp.call("organize_inbox", Map.of("move", true, "dry_run", false));
            assertThat(declined.isError()).isTrue();
            assertThat(mcp.questions).hasSize(1);
            assertThat(mcp.questions.get(0)).contains("Move", t.inbox().toAbsolutePath().toString());
            assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inboxBefore);
            assertThat(TempLibrary.fingerprint(t.library())).isEmpty();

            // accepted, but without the box ticked: not consent
            answer.set(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", false)));
            McpSchema.CallToolResult unticked = mcp.call("organize_inbox", Map.of("move", true, "dry_run", false));
            assertThat(unticked.isError()).isTrue();
            assertThat(text(unticked)).contains("did not approve", "Nothing was done");
            assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inboxBefore);

            answer.set(McpTestClient.approve());
            JsonNode moved = mcp.json("organize_inbox", Map.of("move", true, "dry_run", false));
            assertThat(moved.path("organized").asInt()).isEqualTo(2);
            assertThat(mcp.questions).hasSize(3);
            assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
            assertThat(TempLibrary.fingerprint(t.library()).values())
                    .containsExactlyInAnyOrderElementsOf(inboxBefore.values());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void refusesWhenTheClientCannotAskAndNothingWasAllowed() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/private"));
        Files.write(outside.resolve("secret.png"), TempLibrary.png(7));
        Files.createSymbolicLink(t.inbox().resolve("link"), outside);
        Map<String, String> outsideBefore = TempLibrary.fingerprint(tmp.resolve("elsewhere"));
        try (FakeProvider openai = new FakeProvider("openai")) {
            Path config = Files.writeString(tmp.resolve("alice.yaml"), "understanding:\n  providers:\n"
                    + "    openai: {base_url: \"" + openai.baseUrl() + "\"}\n");
            try (McpTestClient mcp = McpTestClient.start(List.of("mcp", "--library", t.library().toString(),
                    "--config", config.toString()), Map.of("ALICE_INBOX", t.inbox().toString(),
                    "OPENAI_API_KEY", "sk-consent-test"))) {
                McpSchema.CallToolResult move = mcp.call("organize_inbox", Map.of("move", true, "dry_run", false));
                assertThat(move.isError()).isTrue();
                assertThat(text(move)).contains("needs the user's consent", "--allow move", "Nothing was done");

                for (String folder : List.of(outside.toString(), t.inbox().resolve("../elsewhere/private").toString(),
                        t.inbox().resolve("link").toString(), t.library().toString(), "/")) {
                    McpSchema.CallToolResult out = mcp.call("organize_inbox", Map.of("inbox", folder,
                            "dry_run", false));
                    assertThat(out.isError()).as(folder).isTrue();
                    assertThat(text(out)).as(folder).contains("only takes the configured inbox", "--root");
                }
                assertThat(TempLibrary.fingerprint(t.library())).isEmpty();

                // copying the configured inbox needs no consent: nothing leaves the user's folder
                JsonNode copied = mcp.json("organize_inbox", Map.of("dry_run", false));
                assertThat(copied.path("organized").asInt()).isEqualTo(1);
                String hash = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));

                McpSchema.CallToolResult send = mcp.call("understand_assets", Map.of("assets", List.of(hash),
                        "provider", "openai", "dry_run", false));
                assertThat(send.isError()).isTrue();
                assertThat(text(send)).contains("remote vision provider", "--allow remote");
                McpSchema.CallToolResult stray = mcp.call("understand_assets", Map.of("assets",
                        List.of(outside.resolve("secret.png").toString()), "provider", "openai", "dry_run", false));
                assertThat(stray.isError()).isTrue();
                assertThat(text(stray)).contains("must be library assets", "Nothing was sent");
                // the offline analyzer sends nothing anywhere: no consent needed
                JsonNode local = mcp.json("understand_assets", Map.of("assets", List.of(hash), "provider", "local",
                        "dry_run", false));
                assertThat(local.path("analysed").asInt()).isEqualTo(1);
            }
            assertThat(openai.requests.get()).isZero();
        }
        assertThat(TempLibrary.fingerprint(tmp.resolve("elsewhere"))).isEqualTo(outsideBefore);
        assertThat(t.inbox().resolve("acme/a.png")).exists();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void carriesOutWhatTheUserAllowedWhenStartingTheServer() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Path downloads = Files.createDirectories(tmp.resolve("downloads/batch"));
        Files.write(downloads.resolve("b.png"), TempLibrary.png(2));
        Path stranger = Files.createDirectories(tmp.resolve("stranger"));
        Files.write(stranger.resolve("c.png"), TempLibrary.png(3));
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString())
                .exit()).isZero();
        String hash = TempLibrary.sha256(t.inbox().resolve("acme/a.png"));
        try (FakeProvider openai = new FakeProvider("openai")) {
            Path config = Files.writeString(tmp.resolve("alice.yaml"), "understanding:\n  confirm_above_usd: 5\n"
                    + "  providers:\n    openai: {base_url: \"" + openai.baseUrl() + "\"}\n"
                    + "mcp:\n  allow: [remote]\n");
            List<String> args = new ArrayList<>(List.of("mcp", "--library", t.library().toString(), "--config",
                    config.toString(), "--allow", "move", "--root", tmp.resolve("downloads").toString()));
            try (McpTestClient mcp = McpTestClient.start(args, Map.of("ALICE_INBOX", t.inbox().toString(),
                    "OPENAI_API_KEY", "sk-consent-test"))) {
                JsonNode moved = mcp.json("organize_inbox", Map.of("inbox", downloads.toString(), "move", true,
                        "dry_run", false));
                assertThat(moved.path("organized").asInt()).isEqualTo(1);
                assertThat(downloads.resolve("b.png")).doesNotExist();

                JsonNode sent = mcp.json("understand_assets", Map.of("assets", List.of(hash), "provider", "openai",
                        "dry_run", false));
                assertThat(sent.path("analysed").asInt()).as(sent.toString()).isEqualTo(1);
                assertThat(openai.requests.get()).isEqualTo(1);

                McpSchema.CallToolResult stray = mcp.call("understand_assets", Map.of("assets",
                        List.of(stranger.toString()), "provider", "openai", "dry_run", false));
                assertThat(stray.isError()).isTrue();
                assertThat(text(stray)).contains("must be library assets");
                assertThat(openai.requests.get()).isEqualTo(1);
            }
        }
    }
}
