package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Ffmpeg;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice video} end to end against a fake fal queue on 127.0.0.1: generate with --wait files the clip, and
 * {@code alice search} finds it by its prompt; the key never appears in any output; budgets refuse before sending.
 */
class VideoCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "fal-secret-4711";

    @TempDir
    Path dir;
    private final MockWebServer fal = new MockWebServer();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger polls = new AtomicInteger();
    private byte[] clip;
    /** When set, the fal submit is refused (422) with this as its detail. */
    private volatile String refuseWith;

    @BeforeEach
    void start() throws Exception {
        Path mp4 = dir.resolve("clip.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5", "-pix_fmt", "yuv420p", mp4.toString());
        clip = Files.readAllBytes(mp4);
        Files.delete(mp4);
        fal.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                requests.add(r);
                String path = r.getUrl().encodedPath();
                String root = fal.url("/fal-ai/veo3/requests/r1").toString();
                if (r.getMethod().equals("POST") && refuseWith != null) {
                    return new MockResponse.Builder().code(422).addHeader("Content-Type", "application/json")
                            .body(JSON.createObjectNode().put("detail", refuseWith).toString()).build();
                }
                if (r.getMethod().equals("POST") && path.equals("/fal-ai/veo3")) {
                    return json("{\"request_id\":\"r1\",\"status_url\":\"" + root + "/status\",\"response_url\":\""
                            + root + "\",\"cancel_url\":\"" + root + "/cancel\"}");
                }
                if (path.endsWith("/status")) {
                    return json("{\"status\":\"" + (polls.incrementAndGet() < 2 ? "IN_PROGRESS" : "COMPLETED") + "\"}");
                }
                if (path.equals("/fal-ai/veo3/requests/r1")) {
                    return json("{\"video\":{\"url\":\"" + fal.url("/files/out.mp4") + "\"}}");
                }
                if (path.equals("/files/out.mp4")) {
                    return new MockResponse.Builder().code(200).body(new Buffer().write(clip)).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        fal.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        fal.close();
    }

    private CliRun alice(String... args) {
        Map<String, String> env = Map.of("FAL_KEY", KEY, "ALICE_FAL_BASE_URL", fal.url("/").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString());
        return CallerEnv.with(env, () -> CliRun.run(args));
    }

    @Test
    void generateWaitFilesTheClipAndSearchFindsItByItsPrompt() throws IOException {
        String lib = dir.resolve("library").toString();
        CliRun r = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "a lighthouse at dusk", "--duration", "4", "--seed", "11", "--project", "coast", "--wait", "--yes",
                "--json", "--library", lib);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode job = JSON.readTree(r.lines().get(r.lines().size() - 1));
        assertThat(job.get("state").asText()).isEqualTo("succeeded");
        assertThat(job.get("provider_job_id").asText()).isEqualTo("r1");
        assertThat(job.get("estimate_usd").asDouble()).isEqualTo(1.6); // 4 s at $0.40
        assertThat(job.get("cost_usd").asDouble()).isEqualTo(1.6);
        assertThat(job.get("path").asText()).startsWith("2026").contains("/coast/google/");
        assertThat(Path.of(lib, job.get("path").asText())).isRegularFile();
        JsonNode body = JSON.readTree(requests.peek().getBody().utf8());
        assertThat(body.get("duration").asText()).isEqualTo("4s");
        assertThat(body.get("seed").asLong()).isEqualTo(11);
        assertThat(r.out() + r.err()).doesNotContain(KEY);

        CliRun search = alice("search", "lighthouse", "--json", "--library", lib);
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains(job.get("path").asText()).contains("\"source\":\"google\"");

        CliRun list = alice("video", "list", "--json", "--library", lib);
        assertThat(list.lines()).hasSize(1);
        CliRun status = alice("video", "status", job.get("id").asText(), "--json", "--library", lib);
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(JSON.readTree(status.out()).get("state").asText()).isEqualTo("succeeded");
        CliRun cancelDone = alice("video", "cancel", job.get("id").asText(), "--json", "--library", lib);
        assertThat(cancelDone.exit()).as("a finished job cannot be cancelled").isNotZero();
        assertThat(cancelDone.err()).contains("already succeeded");
        CliRun costs = alice("costs", "--by", "provider", "--json", "--library", lib);
        assertThat(costs.out()).contains("video:fal").contains("1.6");
        Path catalogDir = Path.of(lib, ".alice");
        try (var files = Files.walk(catalogDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("key stored in " + f).doesNotContain(KEY);
            }
        }
    }

    @Test
    void anEstimateAboveTheBudgetOrTheConfirmThresholdSendsNothing() {
        String lib = dir.resolve("library").toString();
        CliRun over = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt", "waves",
                "--budget", "1", "--yes", "--library", lib);
        assertThat(over.exit()).isEqualTo(1);
        assertThat(over.err()).contains("above --budget $1.00").doesNotContain("alice: alice");
        CliRun unconfirmed = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--library", lib);
        assertThat(unconfirmed.exit()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("confirm_above_usd").contains("--yes");
        CliRun dry = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt", "waves",
                "--dry-run", "--json", "--library", lib);
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("\"estimate_usd\":3.2");
        assertThat(requests).isEmpty();
        CliRun none = alice("video", "list", "--library", lib);
        assertThat(none.lines()).isEmpty();
        assertThat(none.err()).contains("no video jobs");
        CliRun badDuration = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--duration", "5", "--library", lib);
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("[4, 6, 8]");
    }

    @Test
    void aBudgetThatIsNotANumberOfDollarsSendsNothingAndOneAtTheEstimateSends() {
        String lib = dir.resolve("library").toString();
        for (String budget : new String[]{"NaN", "-1", "-0.01"}) { // NaN used to pass every estimate
            CliRun bad = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                    "waves", "--budget", budget, "--yes", "--library", lib);
            assertThat(bad.exit()).as(budget).isEqualTo(2);
            assertThat(bad.err()).contains("budget must be a number of dollars");
        }
        CliRun justUnder = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--budget", "3.1999", "--yes", "--library", lib);
        assertThat(justUnder.exit()).isEqualTo(1);
        assertThat(justUnder.err()).contains("the estimate $3.20 is above --budget $3.1999");
        assertThat(requests).isEmpty();
        assertThat(alice("video", "list", "--library", lib).lines()).isEmpty();
        CliRun exact = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--budget", "3.20", "--yes", "--library", lib); // 8 s at $0.40: exactly the budget
        assertThat(exact.exit()).as(exact.err()).isZero();
        assertThat(alice("video", "list", "--library", lib).lines()).hasSize(1);
    }

    @Test
    void aDryRunOverTheBudgetSaysTheRealRunWouldBeRefusedAndExitsAsItWould() {
        String lib = dir.resolve("library").toString();
        for (String budget : new String[]{"0", "3.19"}) {
            CliRun real = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                    "waves", "--budget", budget, "--yes", "--library", lib);
            CliRun dry = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                    "waves", "--budget", budget, "--dry-run", "--library", lib);
            assertThat(dry.exit()).as(budget).isEqualTo(real.exit()).isEqualTo(1);
            assertThat(dry.out()).contains("estimate $3.20");
            assertThat(dry.err()).contains("a real run would be refused: the estimate $3.20 is above --budget");
            CliRun json = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                    "waves", "--budget", budget, "--dry-run", "--json", "--library", lib);
            assertThat(json.exit()).isEqualTo(1);
            assertThat(json.out()).contains("\"refused\":\"the estimate $3.20 is above --budget");
        }
        CliRun within = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--budget", "5", "--dry-run", "--library", lib);
        assertThat(within.exit()).as(within.err()).isZero();
        assertThat(within.out()).contains("note: the estimate $3.20 is above confirm_above_usd"); // --yes, not refused
        assertThat(requests).isEmpty();
        assertThat(alice("video", "list", "--library", lib).lines()).isEmpty(); // nothing recorded
    }

    @Test
    void aDryRunPricesWithoutAnAccountAndSaysWhatARealRunNeeds() {
        String lib = dir.resolve("library").toString();
        Map<String, String> noKeys = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString());
        CliRun dry = CallerEnv.with(noKeys, () -> CliRun.run("video", "generate", "--provider", "fal", "--model",
                "fal-ai/veo3", "--prompt", "waves", "--dry-run", "--json", "--library", lib));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("\"estimate_usd\":3.2").contains("\"missing_keys\":[").contains("FAL_KEY");
        CliRun text = CallerEnv.with(noKeys, () -> CliRun.run("video", "compare", "--prompt", "waves", "--models",
                "fal:fal-ai/veo3,google:veo-3.1-generate-001", "--dry-run", "--library", lib));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("dry run: 2 job(s)").contains("FAL_KEY").contains("GEMINI_API_KEY");
        CliRun real = CallerEnv.with(noKeys, () -> CliRun.run("video", "generate", "--provider", "fal", "--model",
                "fal-ai/veo3", "--prompt", "waves", "--yes", "--library", lib));
        assertThat(real.exit()).isNotZero();
        assertThat(real.err()).contains("FAL_KEY");
        assertThat(requests).isEmpty();
    }

    @Test
    void theStartImageIsNamedAsEveryCommandNamesAnAsset() throws Exception {
        io.alicemultiverse.testsupport.TempLibrary t = new io.alicemultiverse.testsupport.TempLibrary(dir);
        t.inboxFile("coast/rocks.png", io.alicemultiverse.testsupport.TempLibrary.png(7));
        String lib = t.library().toString();
        assertThat(alice("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();
        String hash = io.alicemultiverse.testsupport.TempLibrary.sha256(t.inbox().resolve("coast/rocks.png"));
        String rel = io.alicemultiverse.testsupport.TempLibrary.fingerprint(t.library()).keySet().iterator().next();
        String model = "fal-ai/veo3/image-to-video";
        // a unique prefix of 8 hex digits, any case, and the library path: the same image
        for (String ref : List.of(hash.substring(0, 8), hash.substring(0, 12).toUpperCase(java.util.Locale.ROOT), rel)) {
            CliRun dry = alice("video", "generate", "--provider", "fal", "--model", model, "--prompt", "waves",
                    "--image", ref, "--dry-run", "--json", "--library", lib);
            assertThat(dry.exit()).as(ref + ": " + dry.err()).isZero();
        }
        CliRun sent = alice("video", "generate", "--provider", "fal", "--model", model, "--prompt", "waves",
                "--image", hash.substring(0, 8), "--yes", "--json", "--library", lib);
        assertThat(sent.exit()).as(sent.err()).isIn(0, 1); // the fake fal does not know this model; the body counts
        JsonNode body = JSON.readTree(requests.peek().getBody().utf8());
        String dataUrl = body.get("image_url").asText();
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        byte[] sentBytes = java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        assertThat(io.alicemultiverse.media.ContentHash.of(sentBytes)).isEqualTo(hash);

        CliRun unknown = alice("video", "generate", "--provider", "fal", "--model", model, "--prompt", "waves",
                "--image", "0000000000", "--dry-run", "--library", lib);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'0000000000'").contains("unique prefix of at least 8 hex digits");
    }

    @Test
    void providerTextModelsAndProjectsReachTheTerminalOnlyEscaped() {
        String lib = dir.resolve("library").toString();
        String evil = "\u001b]0;PWNED\u0007\u001b[2Jcoast\u009b2J";
        CliRun done = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt", "waves",
                "--duration", "4", "--project", evil, "--wait", "--yes", "--library", lib);
        assertThat(done.exit()).as(done.err()).isZero();
        CliRun costs = alice("costs", "--by", "project", "--library", lib);
        assertThat(costs.out()).contains("\\x1b]0;PWNED\\x07");
        assertSafe(costs.out());

        refuseWith = "bad input " + evil; // a provider's (or a proxy's) error text is not the terminal's to obey
        CliRun refused = alice("video", "generate", "--provider", "fal", "--model", "fal-ai/veo3", "--prompt",
                "waves", "--duration", "4", "--wait", "--yes", "--library", lib);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("bad input \\x1b]0;PWNED");
        assertSafe(refused.out());
        assertSafe(refused.err());
        CliRun list = alice("video", "list", "--library", lib);
        assertThat(list.out()).contains("\\x1b[2Jcoast");
        assertSafe(list.out());
        CliRun json = alice("video", "list", "--json", "--library", lib); // JSON keeps the text as it is
        assertThat(json.out()).contains("\\u001B]0;PWNED");
    }

    private static void assertSafe(String out) {
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f))
                .as("control characters printed raw in:%n%s", out).isEmpty();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
