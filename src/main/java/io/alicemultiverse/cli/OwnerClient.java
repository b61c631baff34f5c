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
    /** Options whose values are paths. */
    private static final Set<String> PATH_OPTIONS = Set.of("--library", "--inbox", "--config", "-o", "--output");
    /** Commands whose positional arguments may be files (made absolute here, where they are relative to). */
    private static final Set<String> FILE_ARGUMENTS = Set.of("similar", "understand");
    /** Options of those commands that take a value that is not a file. */
    private static final Set<String> VALUE_OPTIONS = Set.of("--query", "--provider", "--model", "--base-url",
            "--budget", "--max-distance", "--limit", "--keep", "--by");

    private OwnerClient() {
    }

    /** Whether {@code args} is a command an owner may run for another alice (a library command, not a watch). */
    static boolean forwardable(List<String> args) {
        return !args.isEmpty() && LIBRARY_COMMANDS.contains(args.get(0)) && !args.contains("--watch");
    }

    /** The owner to forward {@code args} to, if the command works on a library that a live process owns. */
    static Optional<Owner> ownerFor(String[] args) {
        if (!forwardable(List.of(args)) || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return Optional.empty();
        }
        try {
            Path library = libraryOf(args, System.getenv(), Path.of("").toAbsolutePath());
            // a shared catalog has no owner: this process opens it itself
            return io.alicemultiverse.catalog.Catalog.isShared(library) ? Optional.empty() : Owner.find(library);
        } catch (RuntimeException e) {
            return Optional.empty(); // the command itself will report the bad configuration
        }
    }

    /**
     * The library {@code args} work on, for a caller in {@code cwd} with environment {@code env}: {@code --library},
     * else the configuration ({@code --config}, the user's file, {@code ALICE_LIBRARY}); absolute, links resolved.
     */
    static Path libraryOf(String[] args, Map<String, String> env, Path cwd) {
        String library = option(args, "--library");
        String config = option(args, "--config");
        Path root = library != null ? Path.of(library)
                : Config.load(config == null ? null : cwd.resolve(config), env).library();
        Path abs = cwd.resolve(root).normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    static int forward(Owner owner, String[] args) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        List<String> absolute = new ArrayList<>();
        boolean files = args.length > 0 && FILE_ARGUMENTS.contains(args[0]);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && PATH_OPTIONS.contains(a.substring(0, eq))) {
                absolute.add(a.substring(0, eq + 1) + cwd.resolve(a.substring(eq + 1)));
            } else if (PATH_OPTIONS.contains(a) && i + 1 < args.length) {
                absolute.add(a);
                absolute.add(cwd.resolve(args[++i]).toString());
            } else if (files && i > 0 && !a.startsWith("-") && !VALUE_OPTIONS.contains(args[i - 1])
                    && Files.exists(Path.of(a))) {
                absolute.add(cwd.resolve(a).toString());
            } else {
                absolute.add(a);
            }
        }
        // HttpURLConnection, not java.net.http: the JDK 17 HttpClient leaves a selector thread in native epoll_wait,
        // and the JVM's exit waits up to 300 ms for it — on every forwarded command (see understand.ProviderHttp)
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + owner.port() + "/cli").toURL()
                .openConnection();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("args", absolute);
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

    static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }
}
