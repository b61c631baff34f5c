package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.understand.UnderstandSettings;
import io.alicemultiverse.video.VideoRequest;
import io.alicemultiverse.video.VideoService;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jobs page and video playback in real headless Chromium, against a fake fal queue on 127.0.0.1: one job stays
 * queued and is cancelled from the page (the cancel reaches fal), another finishes while the page refreshes itself,
 * and its "open clip" link plays the filed MP4 in the gallery's asset view, seeking through Range requests (the MP4
 * keeps its index at the end, so the browser must ask for ranges). The untrusted prompt is shown as text.
 * Screenshots land in {@code target/screens/}.
 */
class JobsPageSeleniumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String QUEUED_PROMPT = WebVideoJobsTest.PROMPT;
    private static final String CLIP_PROMPT = "waves breaking on a stormy coast";

    @TempDir
    Path tmp;

    @Test
    void cancelsAQueuedJobAndPlaysAFinishedClip() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium not installed (.ci/run installs it)");
        Path mp4 = tmp.resolve("clip.mp4");
        try {
            Ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=3:size=160x120:rate=10", "-c:v", "libx264",
                    "-pix_fmt", "yuv420p", mp4.toString());
        } catch (java.io.IOException e) {
            assumeTrue(false, "ffmpeg with libx264 is needed: " + e.getMessage());
        }
        byte[] clip = Files.readAllBytes(mp4);
        Files.delete(mp4);
        ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
        try (MockWebServer fal = new MockWebServer()) {
            fal.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    requests.add(r);
                    String path = r.getUrl().encodedPath();
                    if (r.getMethod().equals("POST")) { // r1 stays queued; r2 (the waves) finishes
                        String id = r.getBody().utf8().contains("waves") ? "r2" : "r1";
                        String root = fal.url("/fal-ai/veo3/requests/" + id).toString();
                        return json("{\"request_id\":\"" + id + "\",\"status_url\":\"" + root + "/status\","
                                + "\"response_url\":\"" + root + "\",\"cancel_url\":\"" + root + "/cancel\"}");
                    }
                    if (r.getMethod().equals("PUT")) {
                        return json("{\"status\":\"CANCELLATION_REQUESTED\"}");
                    }
                    if (path.endsWith("/r1/status")) {
                        return json("{\"status\":\"IN_QUEUE\"}");
                    }
                    if (path.endsWith("/r2/status")) {
                        return json("{\"status\":\"COMPLETED\"}");
                    }
                    if (path.endsWith("/requests/r2")) {
                        return json("{\"video\":{\"url\":\"" + fal.url("/files/out.mp4") + "\"}}");
                    }
                    if (path.equals("/files/out.mp4")) {
                        return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
                                .body(new Buffer().write(clip)).build();
                    }
                    return new MockResponse.Builder().code(404).build();
                }
            });
            fal.start(InetAddress.getByName("127.0.0.1"), 0);
            Map<String, String> env = Map.of("FAL_KEY", "fal-page-key", "ALICE_FAL_BASE_URL", fal.url("/").toString());
            try (LibraryService library = LibraryService.open(tmp.resolve("library"), Layout.of(Layout.DEFAULT),
                    Clock.systemDefaultZone())) {
                VideoService video = library.video(UnderstandSettings.defaults(), env);
                video.submit(video.plan(List.of(request(QUEUED_PROMPT), request(CLIP_PROMPT))), null, null, true);
                String token = io.alicemultiverse.app.Owner.newToken();
                try (WebServer server = WebServer.start(library, "127.0.0.1", 0, token, List.of(),
                        () -> library.video(UnderstandSettings.defaults(), env))) {
                    String base = "http://127.0.0.1:" + server.port() + "/";
                    ChromeDriver driver = chrome();
                    try {
                        driver.get(base + "?token=" + token);
                        driver.get(base + "jobs.html");
                        cancelTheQueuedJob(driver, requests);
                        String clipHash = waitForTheClip(driver);
                        playTheClip(driver, base, clipHash);
                        statsShowTheSpendCallsCachesAndMemory(driver, base);
                        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                        URI.create(base + "metrics")).header("Authorization", "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        assertThat(metrics).as("the browser fetched the clip in ranges")
                                .containsPattern("alice_http_requests_seconds_count\\{route=\"/api/assets/\\{hash\\}/file\",status=\"206\"\\} [1-9]");
                    } finally {
                        driver.quit();
                    }
                }
            }
        }
    }

    private static VideoRequest request(String prompt) {
        return new VideoRequest("fal", "fal-ai/veo3", prompt, null, null, null, 8, "16:9", "720p", 7L, Map.of(),
                "coast", 60);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** The row whose text contains {@code word}, read in one script (the page rebuilds its table as it refreshes). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(ChromeDriver driver, String word) {
        return (Map<String, Object>) driver.executeScript("const tr = [...document.querySelectorAll('#jobs tbody tr')]"
                + ".find(tr => tr.textContent.includes(arguments[0])); if (!tr) return null;"
                + "const t = c => tr.querySelector(c) ? tr.querySelector(c).textContent : null;"
                + "return {text: tr.innerText, state: t('.state'), prompt: t('td.prompt'), cost: t('td.cost'),"
                + " elapsed: t('td.elapsed'), cancel: !!tr.querySelector('button.cancel'),"
                + " clip: tr.querySelector('a.clip') ? tr.querySelector('a.clip').href : null};", word);
    }

    private void cancelTheQueuedJob(ChromeDriver driver, ConcurrentLinkedQueue<RecordedRequest> requests)
            throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).size() == 2);
        Map<String, Object> queued = wait.until(d -> {
            Map<String, Object> r = row(driver, "lighthouse");
            return r != null && "queued".equals(r.get("state")) ? r : null;
        });
        // the prompt is text, never markup
        assertThat(queued.get("prompt")).isEqualTo(QUEUED_PROMPT);
        assertThat(driver.findElements(By.cssSelector("#jobs img"))).isEmpty();
        assertThat(driver.getTitle()).isNotEqualTo("pwned");
        assertThat((String) queued.get("cost")).matches("~\\$\\d+\\.\\d\\d est\\.");
        assertThat((String) queued.get("elapsed")).endsWith(" s");
        assertThat((String) queued.get("text")).contains("fal", "fal-ai/veo3");
        assertThat(queued.get("cancel")).isEqualTo(true);
        assertThat(driver.findElement(By.id("summary")).getText()).contains("active", "refreshing");
        shot(driver, "jobs");
        assertThat(requests.stream().filter(r -> r.getMethod().equals("PUT"))).isEmpty();
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElements(By.cssSelector("#jobs tbody tr")).stream().filter(tr -> tr.getText().contains("lighthouse"))
                    .findFirst().orElseThrow().findElement(By.cssSelector("button.cancel")).click();
            return true;
        });
        wait.until(d -> {
            try {
                d.switchTo().alert().accept(); // "Cancel job …?"
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        wait.until(d -> d.findElement(By.id("notice")).getText().contains("cancelled"));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("CANCELLATION_REQUESTED");
        wait.until(d -> {
            Map<String, Object> r = row(driver, "lighthouse");
            return r != null && "cancelled".equals(r.get("state")) && Boolean.FALSE.equals(r.get("cancel"));
        });
        assertThat(requests.stream().filter(r -> r.getMethod().equals("PUT")).map(r -> r.getUrl().encodedPath()))
                .containsExactly("/fal-ai/veo3/requests/r1/cancel");
    }

    /**
     * The other job finishes while the page refreshes itself (and then stops refreshing); follows its link to the
     * gallery and returns the filed clip's content hash.
     */
    private String waitForTheClip(ChromeDriver driver) throws Exception {
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
            Map<String, Object> r = row(driver, "waves");
            return r != null && r.get("clip") != null && !d.findElement(By.id("summary")).getText().contains("refreshing");
        });
        Map<String, Object> done = row(driver, "waves");
        assertThat(done.get("state")).isEqualTo("succeeded");
        assertThat(done.get("cancel")).isEqualTo(false);
        shot(driver, "jobs-done");
        String href = (String) done.get("clip");
        assertThat(href).containsPattern("index\\.html#asset=[0-9a-f]{64}$");
        driver.findElement(By.cssSelector("#jobs a.clip")).click();
        return href.substring(href.length() - 64);
    }

    private void playTheClip(ChromeDriver driver, String base, String hash) throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement player = wait.until(d -> d.findElements(By.cssSelector("#asset[open] #media video")).stream()
                .findFirst().orElse(null));
        assertThat(player.getAttribute("controls")).isNotNull();
        assertThat(player.getAttribute("src")).endsWith("/api/assets/" + hash + "/file");
        assertThat(driver.findElement(By.id("meta")).getText()).contains(CLIP_PROMPT);
        wait.until(d -> ((Number) driver.executeScript("return arguments[0].readyState", player)).intValue() >= 1);
        double duration = ((Number) driver.executeScript("return arguments[0].duration", player)).doubleValue();
        assertThat(duration).isBetween(2.5, 3.5);
        Object seeked = driver.executeAsyncScript("const v = arguments[0], done = arguments[arguments.length - 1];"
                + "v.addEventListener('seeked', () => done(v.currentTime), {once: true}); v.currentTime = 2.0;", player);
        assertThat(((Number) seeked).doubleValue()).isBetween(1.5, 2.5);
        shot(driver, "clip");
        driver.findElement(By.cssSelector("button.close")).click();
        // a dialog's close event is a queued task: the link's #asset=… leaves the address just after the click
        wait.until(d -> d.getCurrentUrl().equals(base + "index.html"));
        assertThat(driver.findElement(By.id("asset")).getAttribute("open")).isNull();
        assertThat(((Boolean) driver.executeScript("return arguments[0].paused", player))).isTrue();
    }

    /** The clip's cost on its day, fal's calls, the caches and the heap, each drawn from the one summary. */
    private void statsShowTheSpendCallsCachesAndMemory(ChromeDriver driver, String base) throws Exception {
        driver.get(base + "stats.html");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        for (String panel : List.of("cost_video", "calls", "caches", "memory")) {
            wait.until(d -> !d.findElements(By.cssSelector("#" + panel + " svg rect")).isEmpty());
        }
        assertThat(driver.findElement(By.id("cost_video")).getText()).contains("3.20");
        assertThat(driver.findElement(By.id("calls")).getText()).contains("video · fal submit", "video · fal cancel");
        assertThat(driver.findElement(By.id("caches")).getText()).contains("thumbnail");
        assertThat(driver.findElement(By.id("memory")).getText()).contains("heap used");
        assertThat(driver.findElement(By.id("spendnote")).getText()).contains("1 clip billed");
        shot(driver, "stats-spend");
    }

    private void shot(ChromeDriver driver, String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path dir = Files.createDirectories(Path.of("target", "screens"));
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + tmp.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return driver;
    }
}
