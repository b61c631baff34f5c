package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The gallery's timeline: thumbnails selected, added, downloaded; and {@code POST /api/timeline} itself. */
class GalleryTimelineTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void apiAnswersTheTimelineFileOfTheAssetsInTheirOrder() throws Exception {
        TempLibrary t = library();
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            String a = TempLibrary.sha256(t.inbox().resolve("p/a.png"));
            String b = TempLibrary.sha256(t.inbox().resolve("p/b.png"));
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, null)) {
                Http http = new Http(server.port());
                Http.Response r = http.post("/api/timeline", "{\"assets\": [\"" + b + "\", \"" + a
                        + "\"], \"format\": \"edl\", \"fps\": 24}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.body().indexOf("a blue whale")).isPositive().isLessThan(r.body().indexOf("a red fox"));
                assertThat(r.body()).contains("01:00:00:00 01:00:03:00").contains("01:00:03:00 01:00:06:00");
                assertThat(http.post("/api/timeline", "{\"assets\": [], \"format\": \"edl\"}").status()).isEqualTo(400);
                assertThat(http.post("/api/timeline", "{\"assets\": [\"" + a + "\"], \"format\": \"aaf\"}").status())
                        .isEqualTo(400);
                assertThat(http.post("/api/timeline", "{\"assets\": [\"../etc/passwd\"]}").status()).isEqualTo(400);
            }
        }
    }

    @Test
    void selectedThumbnailsGoToTheTimelineAndDownload() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium not installed (.ci/run installs it)");
        TempLibrary t = library();
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, null)) {
                ChromeDriver driver = chrome();
                try {
                    driver.get("http://127.0.0.1:" + server.port() + "/");
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#grid figure"), 3));
                    List<WebElement> picks = driver.findElements(By.cssSelector("#grid button.pick"));
                    picks.get(0).click();
                    picks.get(2).click();
                    assertThat(driver.findElements(By.cssSelector("#grid figure.picked"))).hasSize(2);
                    assertThat(driver.findElements(By.cssSelector("dialog[open]"))).isEmpty(); // picking opens nothing
                    driver.findElement(By.id("tladd")).click();
                    assertThat(driver.findElement(By.id("tlcount")).getText()).isEqualTo("timeline: 2");
                    assertThat(driver.findElements(By.cssSelector("#grid figure.picked"))).isEmpty();
                    // one more from the asset view
                    driver.findElements(By.cssSelector("#grid figure img")).get(1).click();
                    wait.until(ExpectedConditions.elementToBeClickable(By.id("addone"))).click();
                    driver.findElement(By.cssSelector("button.close")).click();
                    assertThat(driver.findElement(By.id("tlcount")).getText()).isEqualTo("timeline: 3");
                    new Select(driver.findElement(By.id("tlformat"))).selectByValue("fcpxml");
                    driver.findElement(By.id("tldl")).click();
                    wait.until(ExpectedConditions.textToBe(By.id("tlstatus"), "downloaded timeline.fcpxml (3 clips)"));
                    Path downloaded = tmp.resolve("downloads/timeline.fcpxml");
                    for (int i = 0; i < 100 && !Files.exists(downloaded); i++) {
                        Thread.sleep(100);
                    }
                    assertThat(Files.readString(downloaded)).contains("<fcpxml version=\"1.9\">").contains("a blue whale");
                } finally {
                    driver.quit();
                }
            }
        }
    }

    private TempLibrary library() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a red fox", "m", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a blue whale", "m", 2));
        t.inboxFile("p/c.png", TempLibrary.png("a green forest", "m", 3));
        return t;
    }

    private ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", tmp.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
