package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Owner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The other side of the single-owner rule: when a live process owns the library a command works on, the command
 * line is sent to it with this process's working directory and the variables alice reads, and its output is printed
 * here as the owner produces it (frames of stdout and stderr, then the exit status), instead of failing on the
 * catalog lock.
 */
final class OwnerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Commands that open the catalog and so must go through an owner; an owner runs no others. */
    static final Set<String> LIBRARY_COMMANDS = Set.of("organize", "undo", "check", "stats", "index",
            "search", "tag", "tags", "similar", "dedup", "understand", "costs", "video",
            "export", "timeline", "xmp");
    private OwnerClient() {
    }

    /** Whether {@code args} is a command an owner may run for another alice (a library command, not a watch). */
    static boolean forwardable(List<String> args) {
        return !args.isEmpty() && LIBRARY_COMMANDS.contains(args.get(0)) && !args.contains("--watch");
    }

    /** The owner to forward {@code args} to, if the command works on a library that a live process owns. */
    static Optional<Owner> ownerFor(picocli.CommandLine cmd, String[] args) {
        if (!forwardable(List.of(args)) || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return Optional.empty();
        }
        try {
            Optional<Path> library = Main.libraryOf(cmd, args);
            // a shared catalog has no owner: this process opens it itself
            return library.isEmpty() || io.alicemultiverse.catalog.Catalog.isShared(library.get()) ? Optional.empty()
                    : Owner.find(library.get());
        } catch (RuntimeException e) {
            return Optional.empty(); // the command itself will report the bad configuration
        }
    }

    static int forward(Owner owner, String[] args) throws IOException {
        // the command line goes as it was typed: the owner parses it (once, with picocli) in this folder and
        // environment, so every path in it means what it means here
        Path cwd = Path.of("").toAbsolutePath();
        // HttpURLConnection, not java.net.http: the JDK 17 HttpClient leaves a selector thread in native epoll_wait,
        // and the JVM's exit waits up to 300 ms for it — on every forwarded command (see understand.ProviderHttp)
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + owner.port() + "/cli").toURL()
                .openConnection();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("args", List.of(args));
        request.put("env", CallerEnv.toForward());
        request.put("cwd", cwd.toString());
        request.put("console", Output.isConsole());
        byte[] body = JSON.writeValueAsBytes(request);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(0); // a forwarded organize or understand may run for hours
        c.setRequestMethod("POST");
        c.setRequestProperty("Authorization", "Bearer " + owner.token());
        c.setRequestProperty("Content-Type", "application/json");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        if (status != 200) {
            String why = "HTTP " + status;
            try (InputStream err = c.getErrorStream()) {
                if (err != null) {
                    why = JSON.readTree(err.readNBytes(1 << 16)).path("error").asText(why);
                }
            } catch (IOException ignored) {
                // keep the status
            }
            Output.error("the library's owner (process " + owner.pid() + ", alice " + owner.command()
                    + ") refused the command: " + why);
            return status == 409 || status == 403 ? 2 : 1;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode frame = JSON.readTree(line);
                if (frame.has("exit")) {
                    return frame.get("exit").asInt(1);
                }
                if (frame.has("o")) {
                    Output.out().write(Base64.getDecoder().decode(frame.get("o").asText()));
                    Output.out().flush();
                } else if (frame.has("e")) {
                    Output.err().write(Base64.getDecoder().decode(frame.get("e").asText()));
                    Output.err().flush();
                }
            }
        }
        throw new IOException("the owner (process " + owner.pid() + ") stopped before the command finished");
    }
}
