package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.Owner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The owner's side of the single-owner rule: a loopback HTTP endpoint ({@code POST /cli}, bearer token) that runs
 * another {@code alice} command line in this process — which already holds the catalog — streaming its output back
 * as it is produced, then its exit status. Only library commands, and only about this owner's own library as the
 * caller's working directory and environment name it (409 otherwise). Commands run one at a time. Uses the JDK's
 * HTTP server: a one-endpoint channel needs no more.
 */
final class OwnerChannel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Owner owner;
    private final Path library;
    /** The owner's open library, lent to each command it runs (one library per process). */
    private final LibraryService open;

    private OwnerChannel(HttpServer server, Owner owner, LibraryService open) {
        this.server = server;
        this.owner = owner;
        this.open = open;
        this.library = real(open.root());
    }

    private static Path real(Path library) {
        Path abs = library.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * Takes ownership of the library {@code open} is for {@code command}: commands of other alice processes about it
     * run here, on {@code open}.
     *
     * @throws IllegalStateException when another live process owns it
     */
    static OwnerChannel open(LibraryService open, String command) throws IOException {
        Path library = open.root();
        if (open.catalog().shared()) {
            // a shared (PostgreSQL) catalog has no owner: every process on every machine opens it itself
            return new OwnerChannel(null, null, open);
        }
        refuseIfOwned(library);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Owner owner = new Owner(ProcessHandle.current().pid(), server.getAddress().getPort(), Owner.newToken(), command);
        OwnerChannel channel = new OwnerChannel(server, owner, open);
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

    /**
     * How long a new owner waits for the current one to end before it refuses: a client that restarts {@code alice
     * mcp} starts the new server as soon as it has closed the old one's input, while the old one is still ending.
     */
    static final java.time.Duration OWNER_ENDING = java.time.Duration.ofSeconds(5);

    /** Fails when another live process owns {@code library} and does not end within {@link #OWNER_ENDING}. */
    static void refuseIfOwned(Path library) {
        refuseIfOwned(library, OWNER_ENDING);
    }

    static void refuseIfOwned(Path library, java.time.Duration wait) {
        java.util.Optional<Owner> owner = Owner.find(library);
        if (owner.isPresent()) { // wait for its process to end, then look again: gone, or still (or newly) owned
            ProcessHandle.of(owner.get().pid()).ifPresent(h -> {
                try {
                    h.onExit().get(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // still running: refused below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            owner = Owner.find(library);
        }
        owner.ifPresent(o -> {
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
            if (ex.getResponseCode() == -1) { // not streaming yet
                send(ex, 500, Map.of("error", String.valueOf(e)));
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
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
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody().readNBytes(1 << 20));
        } catch (IOException e) {
            send(ex, 400, Map.of("error", "the request is not valid JSON"));
            return;
        }
        List<String> args = new ArrayList<>();
        body.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        body.path("env").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        String cwdText = body.path("cwd").asText("");
        if (!OwnerClient.forwardable(args)) {
            send(ex, 403, Map.of("error", "an owner runs only library commands ("
                    + String.join(", ", new java.util.TreeSet<>(OwnerClient.LIBRARY_COMMANDS))
                    + "), never serve, mcp or a watch"));
            return;
        }
        if (cwdText.isEmpty() || !Path.of(cwdText).isAbsolute() || !body.has("env")) {
            send(ex, 400, Map.of("error", "send the caller's working directory (absolute) and environment"));
            return;
        }
        Path cwd = Path.of(cwdText);
        String[] argv = args.toArray(String[]::new);
        Frames frames = new Frames(ex);
        String[] refused = new String[1];
        int exit;
        try (PrintStream o = new PrintStream(frames.stream("o"), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(frames.stream("e"), true, StandardCharsets.UTF_8)) {
            // parsed once, by picocli, in the caller's folder and environment: the library the command names is
            // read from that parse, and the command runs on this owner's open library only when it is this one
            exit = CallerEnv.with(env, cwd, open, () -> Output.forCaller(o, e, body.path("console").asBoolean(false),
                    () -> Main.runWith(o, e, true, parsed -> {
                        Optional<Path> named = Main.libraryOf(parsed);
                        if (named.isPresent() && named.get().equals(library)) {
                            return true;
                        }
                        // about another library, as the caller's folder reads it: running it here would answer
                        // for (or create) the wrong one
                        refused[0] = "this process owns " + library + ", but the command names "
                                + named.map(Path::toString).orElse("no library");
                        return false;
                    }, argv)));
        }
        if (refused[0] != null && !frames.started()) {
            send(ex, 409, Map.of("error", refused[0]));
            return;
        }
        frames.send(Map.of("exit", exit));
    }

    /**
     * The streamed answer: one JSON object a line, {@code {"o": base64}} for stdout, {@code {"e": base64}} for
     * stderr, finally {@code {"exit": n}}. Base64 because a write may end inside a UTF-8 sequence. Writes come from
     * the command's thread and a progress bar's; they are serialised here.
     */
    private static final class Frames {
        private final HttpExchange exchange;
        private OutputStream sink;

        Frames(HttpExchange exchange) {
            this.exchange = exchange;
        }

        /** Whether the answer has begun (status 200 sent with the first frame). */
        synchronized boolean started() {
            return sink != null;
        }

        OutputStream stream(String kind) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        send(Map.of(kind, Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, off,
                                off + len))));
                    }
                }
            };
        }

        synchronized void send(Map<String, Object> frame) throws IOException {
            if (sink == null) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0); // chunked: output goes back as it is produced
                sink = exchange.getResponseBody();
            }
            sink.write(JSON.writeValueAsBytes(frame));
            sink.write('\n');
            sink.flush();
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
        if (server == null) {
            return;
        }
        owner.release(library);
        server.stop(0);
    }
}
