package io.alicemultiverse.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Starts {@code alice mcp} as a process and connects the SDK's own client to it over stdio, with or without the
 * elicitation capability (a client that can ask its user, answering as the test says, and keeping every question).
 * Close it to end the server.
 */
public final class McpTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncClient client;
    /** The server process this client started (the children of this JVM that appeared while it started). */
    private final java.util.List<ProcessHandle> server = new java.util.ArrayList<>();
    /** Every consent question the server asked, in order. */
    public final List<String> questions = new CopyOnWriteArrayList<>();

    private McpTestClient(List<String> aliceArgs, Map<String, String> env,
                          Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
        ServerParameters.Builder params = ServerParameters.builder(AliceProcess.java())
                .args(AliceProcess.javaArgs(aliceArgs.toArray(String[]::new)));
        env.forEach(params::addEnvVar);
        McpClient.SyncSpec spec = McpClient.sync(new StdioClientTransport(params.build(), McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(90)).initializationTimeout(Duration.ofSeconds(90)); // a busy machine
        if (user != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                    .elicitation(request -> {
                        questions.add(request.message());
                        return user.apply(request);
                    });
        }
        java.util.Set<ProcessHandle> before = new java.util.HashSet<>();
        ProcessHandle.current().children().forEach(before::add);
        client = spec.build();
        client.initialize();
        ProcessHandle.current().children().filter(h -> !before.contains(h)).forEach(server::add);
    }

    /** A client that cannot ask its user (no elicitation capability). */
    public static McpTestClient start(List<String> aliceArgs, Map<String, String> env) {
        return new McpTestClient(aliceArgs, env, null);
    }

    /** A client whose user answers each consent question with {@code user}. */
    public static McpTestClient startAsking(List<String> aliceArgs, Map<String, String> env,
                                            Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
        return new McpTestClient(aliceArgs, env, user);
    }

    /** The user's answer "accept, approve = true". */
    public static McpSchema.ElicitResult approve() {
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", true));
    }

    /** The user's answer "decline". */
    public static McpSchema.ElicitResult decline() {
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
    }

    public McpSyncClient client() {
        return client;
    }

    public List<McpSchema.Tool> tools() {
        return new ArrayList<>(client.listTools().tools());
    }

    /** Calls {@code tool}; the result, error or not. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    /** The text of a result's first content. */
    public static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    /** A successful result's JSON; fails with the result's text when it is an error. */
    public JsonNode json(String tool, Map<String, Object> args) throws Exception {
        McpSchema.CallToolResult r = call(tool, args);
        if (Boolean.TRUE.equals(r.isError())) {
            throw new AssertionError(tool + " failed: " + text(r));
        }
        return JSON.readTree(text(r));
    }

    @Override
    public void close() {
        client.close();
        // the SDK closes the transport without waiting for the server to end; a server started next on the same
        // library would find this one still owning it and refuse ("stop it first"), and the next client would wait
        // for an answer until its timeout. So the server this client started is awaited here (30 s at most).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle h : server) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
