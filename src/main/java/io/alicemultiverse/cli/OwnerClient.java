package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Owner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The other side of the single-owner rule: when a live process owns the library a command works on, the command
 * line is sent to it (path options made absolute first, since the owner has another working directory) and its
 * answer printed here, instead of failing on the catalog lock.
 */
final class OwnerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Commands that open the catalog and so must go through an owner. */
    private static final Set<String> LIBRARY_COMMANDS = Set.of("organize", "undo", "check", "stats", "index",
            "search", "tag", "tags", "similar", "dedup", "understand", "costs", "export", "timeline", "xmp");
    /** Options whose values are paths. */
    private static final Set<String> PATH_OPTIONS = Set.of("--library", "--inbox", "--config", "-o", "--output");

    private OwnerClient() {
    }

    /** The owner to forward {@code args} to, if the command works on a library that a live process owns. */
    static Optional<Owner> ownerFor(String[] args) {
        if (args.length == 0 || !LIBRARY_COMMANDS.contains(args[0]) || List.of(args).contains("--watch")
                || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return Optional.empty();
        }
        String library = option(args, "--library");
        String config = option(args, "--config");
        Path root;
        try {
            root = library != null ? Path.of(library)
                    : Config.load(config == null ? null : Path.of(config), System.getenv()).library();
        } catch (RuntimeException e) {
            return Optional.empty(); // the command itself will report the bad configuration
        }
        return Owner.find(root);
    }

    static int forward(Owner owner, String[] args) throws IOException {
        List<String> absolute = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && PATH_OPTIONS.contains(a.substring(0, eq))) {
                absolute.add(a.substring(0, eq + 1) + Path.of(a.substring(eq + 1)).toAbsolutePath());
            } else if (PATH_OPTIONS.contains(a) && i + 1 < args.length) {
                absolute.add(a);
                absolute.add(Path.of(args[++i]).toAbsolutePath().toString());
            } else {
                absolute.add(a);
            }
        }
        // HttpURLConnection, not java.net.http: the JDK 17 HttpClient leaves a selector thread in native epoll_wait,
        // and the JVM's exit waits up to 300 ms for it — on every forwarded command (see understand.ProviderHttp)
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + owner.port() + "/cli").toURL()
                .openConnection();
        byte[] body = JSON.writeValueAsBytes(Map.of("args", absolute, "env", CallerEnv.toForward()));
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
            throw new IOException("the library's owner (process " + owner.pid() + ") refused the command: HTTP "
                    + status);
        }
        byte[] answerBytes;
        try (InputStream in = c.getInputStream()) {
            answerBytes = in.readAllBytes();
        }
        JsonNode answer = JSON.readTree(answerBytes);
        Output.out().print(answer.path("stdout").asText());
        Output.out().flush();
        Output.err().print(answer.path("stderr").asText());
        return answer.path("exit").asInt(1);
    }

    private static String option(String[] args, String name) {
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
