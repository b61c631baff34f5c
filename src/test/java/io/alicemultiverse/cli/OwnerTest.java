package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.AliceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.app.Owner;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.FakeProvider;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One owner per library: commands run through a live owner instead of failing on the catalog lock. */
class OwnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The library's owner file, once the owner process has written it (or after 30 s without it). */
    private static Path awaitOwner(Path library) throws InterruptedException {
        Path ownerFile = Owner.file(library);
        for (int i = 0; i < 600 && !Files.exists(ownerFile); i++) {
            Thread.sleep(50);
        }
        return ownerFile;
    }

    private static Process startMcp(Path library) throws Exception {
        return AliceProcess.builder("mcp", "--library", library.toString()).redirectErrorStream(true).start();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void commandsGoThroughTheLiveOwner() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Process owner = startMcp(t.library());
        try {
            assertThat(awaitOwner(t.library())).exists();
            assertThat(Owner.find(t.library())).get().extracting(Owner::pid).isEqualTo(owner.pid());

            CliRun organize = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library",
                    t.library().toString(), "--json");
            assertThat(organize.exit()).as(organize.err()).isZero();
            List<String> lines = organize.lines();
            assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("organized").asInt()).isEqualTo(1);

            CliRun stats = CliRun.run("stats", "--json", "--library", t.library().toString());
            assertThat(stats.exit()).as(stats.err()).isZero();
            JsonNode s = JSON.readTree(stats.lines().get(0));
            assertThat(s.get("assets").asInt()).isEqualTo(1);

            Process second = startMcp(t.library());
            second.getOutputStream().close();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(new String(second.getInputStream().readAllBytes())).contains("already owned");
        } finally {
            owner.getOutputStream().close();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Owner.file(t.library())).as("released on exit").doesNotExist();
    }

    /**
     * The owner parses a forwarded command line once, in the caller's folder: relative paths (options typed as paths,
     * and a file among a command's arguments) mean what they mean where the command was typed, not in the owner's
     * folder; and a command about another library is refused before anything runs.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void relativePathsMeanWhatTheyMeanWhereTheCommandWasTyped() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        Path ownerFolder = Files.createDirectories(tmp.resolve("owner-folder"));
        Process owner = AliceProcess.builder("mcp", "--library", t.library().toString())
                .directory(ownerFolder.toFile()).redirectErrorStream(true).start();
        try {
            awaitOwner(t.library());
            Path here = Path.of("").toAbsolutePath();
            String library = here.relativize(t.library()).toString();
            CliRun organize = CliRun.run("organize", "--inbox", here.relativize(t.inbox()).toString(), "--library",
                    library, "--json");
            assertThat(organize.exit()).as(organize.err()).isZero();
            List<String> lines = organize.lines();
            assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("organized").asInt()).isEqualTo(1);

            Path out = tmp.resolve("assets.csv");
            CliRun export = CliRun.run("export", "--format", "csv", "-o", here.relativize(out).toString(),
                    "--library", library);
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(out).isRegularFile();
            assertThat(ownerFolder).isEmptyDirectory();

            CliRun similar = CliRun.run("similar", here.relativize(t.inbox().resolve("acme/a.png")).toString(),
                    "--library", library, "--json");
            assertThat(similar.exit()).as(similar.err()).isZero();

            // not forwarded (no owner there): run here, where that folder holds no library (the owner would have
            // answered with its own)
            CliRun other = CliRun.run("stats", "--library", here.relativize(tmp.resolve("other")).toString());
            assertThat(other.exit()).as("not forwarded: no owner there").isEqualTo(2);
            assertThat(other.err()).contains("no library at " + tmp.resolve("other"));
            assertThat(tmp.resolve("other")).as("nothing created").doesNotExist();
            assertThat(Owner.find(t.library())).get().extracting(Owner::pid).isEqualTo(owner.pid());
        } finally {
            owner.getOutputStream().close();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void searchGoesThroughARunningServe() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/fox.png", TempLibrary.png("a red fox in the snow", "fox_v1", 1));
        t.inboxFile("acme/owl.png", TempLibrary.png("an owl at night", "owl_v1", 2));
        CliRun organize = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(organize.exit()).as(organize.err()).isZero();
        Process serve = AliceProcess.builder("serve", "--library", t.library().toString(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile()).start();
        try {
            awaitOwner(t.library());
            assertThat(Owner.find(t.library())).get().extracting(Owner::command).isEqualTo("serve");

            CliRun search = CliRun.run("search", "fox", "--json", "--library", t.library().toString());
            assertThat(search.exit()).as(search.err()).isZero();
            assertThat(search.lines()).isNotEmpty();
            assertThat(JSON.readTree(search.lines().get(0)).get("prompt").asText()).isEqualTo("a red fox in the snow");
            CliRun tagged = CliRun.run("search", "--tag", "owl_v1", "--json", "--library", t.library().toString());
            assertThat(tagged.exit()).as(tagged.err()).isZero();
            assertThat(tagged.lines()).hasSize(1);

            // a change made through the owner shows in the owner's own (warm) search at once
            Matcher m = Pattern.compile("gallery at http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]+)")
                    .matcher(Files.readString(tmp.resolve("serve.log")));
            assertThat(m.find()).isTrue();
            Http http = new Http(Integer.parseInt(m.group(1)));
            String token = "&token=" + m.group(2);
            assertThat(http.get("/api/search?tag=favourite").status()).as("no token").isEqualTo(401);
            assertThat(http.get("/api/search?tag=favourite" + token).json().get("total").asInt()).isZero();
            String fox = JSON.readTree(search.lines().get(0)).get("path").asText();
            CliRun tag = CliRun.run("tag", "add", fox, "favourite", "--library", t.library().toString());
            assertThat(tag.exit()).as(tag.err()).isZero();
            JsonNode found = http.get("/api/search?tag=favourite" + token).json();
            assertThat(found.get("total").asInt()).isEqualTo(1);
            assertThat(found.get("items").get(0).get("path").asText()).isEqualTo(fox);
            assertThat(http.get("/api/search?q=favourite&total=false" + token).json().get("items")).hasSize(1);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Owner.file(t.library())).as("released on exit").doesNotExist();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aForwardedUnderstandUsesTheCallersKeyNotTheOwners() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/fox.png", TempLibrary.png("a red fox in the snow", "fox_v1", 1));
        CliRun organize = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(organize.exit()).as(organize.err()).isZero();
        try (FakeProvider provider = new FakeProvider("openai")) {
            ProcessBuilder ownerBuilder = AliceProcess.builder("mcp", "--library", t.library().toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("mcp.log").toFile());
            ownerBuilder.environment().put("OPENAI_API_KEY", "sk-owner-account");
            Process owner = ownerBuilder.start();
            try {
                assertThat(awaitOwner(t.library())).exists();
                String[] args = {"understand", "--all", "--provider", "openai", "--base-url", provider.baseUrl(),
                        "--yes", "--json", "--library", t.library().toString()};

                // this test's own process has no key: the owner's must not stand in for it
                CliRun keyless = CliRun.run(args);
                assertThat(keyless.exit()).isNotZero();
                assertThat(keyless.err()).contains("OPENAI_API_KEY is not set").doesNotContain("sk-owner");
                assertThat(provider.requests.get()).isZero();

                ProcessBuilder caller = AliceProcess.builder(args).redirectErrorStream(true);
                caller.environment().put("OPENAI_API_KEY", "sk-caller-account");
                Process run = caller.start();
                String output = new String(run.getInputStream().readAllBytes());
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(run.exitValue()).as(output).isZero();
                assertThat(provider.requests.get()).isEqualTo(1);
                assertThat(provider.take().getHeaders().get("Authorization")).isEqualTo("Bearer sk-caller-account");
                assertThat(output).doesNotContain("sk-caller-account");
            } finally {
                owner.getOutputStream().close();
                assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void staleOwnerFileIsIgnored() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", TempLibrary.png(3));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        new Owner(dead.pid(), 1, "x", "mcp").write(t.library());
        CliRun run = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(1);
    }
}
