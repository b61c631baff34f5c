package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Owner;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner channel against another local user and a confused caller: private files from creation, planted links
 * refused, forwarded commands pinned to the owner's own library and to library commands, output streamed back.
 */
class OwnerSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static Path awaitOwner(Path library) throws InterruptedException {
        for (int i = 0; i < 600 && Owner.find(library).isEmpty(); i++) {
            Thread.sleep(50);
        }
        return Owner.file(library);
    }

    @Test
    void theCatalogFolderAndOwnerFileArePrivateFromCreation() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        CliRun run = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(mode(t.library().resolve(".alice"))).isEqualTo("rwx------");
        assertThat(mode(t.library().resolve(".alice/catalog.duckdb"))).isEqualTo("rw-------");
        try (var files = Files.list(t.library().resolve(".alice"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".new-"));
        }
        new Owner(ProcessHandle.current().pid(), 1, "secret", "mcp").write(t.library());
        assertThat(mode(Owner.file(t.library()))).isEqualTo("rw-------");

        // a library made by an older alice: narrowed on the next open
        Files.setPosixFilePermissions(t.library().resolve(".alice"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(t.library().resolve(".alice/catalog.duckdb"),
                PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(CliRun.run("stats", "--library", t.library().toString()).exit()).isZero();
        assertThat(mode(t.library().resolve(".alice"))).isEqualTo("rwx------");
        assertThat(mode(t.library().resolve(".alice/catalog.duckdb"))).isEqualTo("rw-------");
    }

    @Test
    void plantedLinksAreRefused() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Path elsewhere = Files.createDirectories(tmp.resolve("attacker"));
        Files.createDirectories(t.library());
        Files.createSymbolicLink(t.library().resolve(".alice"), elsewhere);
        CliRun run = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("symbolic link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        Files.delete(t.library().resolve(".alice"));

        // an owner file planted as a link to the attacker's: never followed, never overwritten through
        Path lib2 = tmp.resolve("lib2");
        Files.createDirectories(lib2.resolve(".alice"));
        Path fake = elsewhere.resolve("owner.json");
        Files.writeString(fake, "{\"pid\": " + ProcessHandle.current().parent().orElseThrow().pid()
                + ", \"port\": 9, \"token\": \"x\", \"command\": \"mcp\"}");
        Files.createSymbolicLink(Owner.file(lib2), fake);
        assertThat(Owner.find(lib2)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Owner(1, 1, "t", "mcp").write(lib2))
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(fake)).contains("\"port\": 9");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void forwardedCommandsArePinnedToTheOwnersLibraryAndStreamed() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        TempLibrary t = new TempLibrary(home);
        for (int i = 0; i < 30; i++) {
            t.inboxFile("acme/a" + i + ".png", TempLibrary.png(i));
        }
        Path ownerCwd = Files.createDirectories(tmp.resolve("owner-cwd"));
        ProcessBuilder ob = AliceProcess.builder("mcp", "--library", t.library().toString()).directory(ownerCwd.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("mcp.log").toFile());
        Process owner = ob.start();
        try {
            awaitOwner(t.library());
            Owner o = Owner.find(t.library()).orElseThrow();
            assertThat(mode(Owner.file(t.library()))).isEqualTo("rw-------");

            // streamed: a forwarded organize on a terminal gets its progress bar frames long before the exit frame
            List<long[]> arrivals = new ArrayList<>();
            StringBuilder err = new StringBuilder();
            int status = post(o, List.of("organize", "--inbox", t.inbox().toString(), "--library",
                    t.library().toString()), home, true, arrivals, err);
            assertThat(status).isEqualTo(200);
            assertThat(err.toString()).contains("organize", "%");
            assertThat(arrivals.size()).isGreaterThan(2);
            long first = arrivals.get(0)[0];
            long exit = arrivals.get(arrivals.size() - 1)[0];
            assertThat(exit - first).as("ms between the first frame and the exit").isGreaterThan(200);

            // ALICE_LIBRARY relative to the caller's folder names the owner's library: answered for it
            ProcessBuilder caller = AliceProcess.builder("stats", "--json").directory(home.toFile())
                    .redirectErrorStream(true);
            caller.environment().put("ALICE_LIBRARY", "library");
            Process stats = caller.start();
            String out = new String(stats.getInputStream().readAllBytes());
            assertThat(stats.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stats.exitValue()).as(out).isZero();
            assertThat(JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow())
                    .get("assets").asInt()).isEqualTo(30);
            try (var files = Files.list(ownerCwd)) {
                assertThat(files).as("nothing made in the owner's folder").isEmpty();
            }

            // another library, as the caller's folder reads it: 409, nothing created anywhere
            Path other = Files.createDirectories(tmp.resolve("other"));
            assertThat(post(o, List.of("stats"), other, false, new ArrayList<>(), new StringBuilder()))
                    .isEqualTo(409);
            assertThat(post(o, List.of("stats", "--library", "library"), other, false, new ArrayList<>(),
                    new StringBuilder())).isEqualTo(409);
            assertThat(other.resolve("organized")).doesNotExist();
            assertThat(other.resolve("library")).doesNotExist();
            try (var files = Files.list(ownerCwd)) {
                assertThat(files).isEmpty();
            }
            // only library commands
            for (List<String> args : List.of(List.of("serve", "--library", t.library().toString()),
                    List.of("mcp", "--library", t.library().toString()),
                    List.of("organize", "--watch", "--library", t.library().toString()),
                    List.of("inspect", "/etc/passwd"))) {
                assertThat(post(o, args, home, false, new ArrayList<>(), new StringBuilder())).as(args.toString())
                        .isEqualTo(403);
            }
        } finally {
            owner.getOutputStream().close();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** POSTs a command line to the owner as another alice would; records when each frame arrived. */
    private static int post(Owner o, List<String> args, Path cwd, boolean console, List<long[]> arrivals,
                            StringBuilder err) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + o.port() + "/cli").toURL()
                .openConnection();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("args", args);
        body.put("env", Map.of());
        body.put("cwd", cwd.toString());
        body.put("console", console);
        c.setRequestMethod("POST");
        c.setRequestProperty("Authorization", "Bearer " + o.token());
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(JSON.writeValueAsBytes(body));
        }
        int status = c.getResponseCode();
        if (status != 200) {
            return status;
        }
        long start = System.nanoTime();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                arrivals.add(new long[]{(System.nanoTime() - start) / 1_000_000});
                JsonNode f = JSON.readTree(line);
                if (f.has("e")) {
                    err.append(new String(Base64.getDecoder().decode(f.get("e").asText()), StandardCharsets.UTF_8));
                }
            }
        }
        return status;
    }
}
