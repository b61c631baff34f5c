package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alicemultiverse.app.Owner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The owner's side of the single-owner rule: a loopback HTTP endpoint ({@code POST /cli}, bearer token) that runs
 * another {@code alice} command line in this process — which already holds the catalog — and returns its exit
 * status and output. Commands run one at a time. Uses the JDK's HTTP server: a one-endpoint channel needs no more.
 */
final class OwnerChannel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Owner owner;
    private final Path library;

    private OwnerChannel(HttpServer server, Owner owner, Path library) {
        this.server = server;
        this.owner = owner;
        this.library = library;
    }

    /**
     * Takes ownership of {@code library} for {@code command}.
     *
     * @throws IllegalStateException when another live process owns it
     */
    static OwnerChannel open(Path library, String command) throws IOException {
        refuseIfOwned(library);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Owner owner = new Owner(ProcessHandle.current().pid(), server.getAddress().getPort(), Owner.newToken(), command);
        OwnerChannel channel = new OwnerChannel(server, owner, library);
        server.createContext("/cli", channel::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "alice-owner");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        owner.write(library);
        return channel;
    }

    /** Fails when another live process owns {@code library}. */
    static void refuseIfOwned(Path library) {
        Owner.find(library).ifPresent(o -> {
            throw new IllegalStateException("the library is already owned by process " + o.pid() + " (alice "
                    + o.command() + "); stop it first");
        });
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            answer(ex);
        } catch (RuntimeException | Error e) {
            // the JDK server would drop the connection silently; say what went wrong instead
            System.err.println("alice owner: forwarded command failed: " + e);
            send(ex, 500, Map.of("error", String.valueOf(e)));
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, Map.of("error", "POST only"));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                    ("Bearer " + owner.token()).getBytes(StandardCharsets.UTF_8))) {
                send(ex, 401, Map.of("error", "bad token"));
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody().readNBytes(1 << 20));
            List<String> args = new ArrayList<>();
            body.path("args").forEach(a -> args.add(a.asText()));
            Map<String, String> env = new LinkedHashMap<>();
            body.path("env").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                String[] argv = args.toArray(String[]::new);
                exit = body.has("env") ? CallerEnv.with(env, () -> Main.runWith(o, e, true, argv))
                        : Main.runWith(o, e, true, argv); // a client that sent no environment: the owner's
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("exit", exit);
            answer.put("stdout", out.toString(StandardCharsets.UTF_8));
            answer.put("stderr", err.toString(StandardCharsets.UTF_8));
            send(ex, 200, answer);
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        owner.release(library);
        server.stop(0);
    }
}
