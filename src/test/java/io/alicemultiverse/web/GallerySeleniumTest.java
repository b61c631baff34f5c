package io.alicemultiverse.web;

import io.alicemultiverse.app.Library;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The gallery in real headless Chromium (Debian chromium + chromium-driver, installed by .ci/run). */
class GallerySeleniumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void showsThumbnailsAndOpensAnAsset() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium not installed (.ci/run installs it)");
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < 12; i++) {
            Path p = t.inbox().resolve((i % 2 == 0 ? "acme/" : "beta/") + "img" + i + ".png");
            Files.createDirectories(p.getParent());
            ImageIO.write(Pictures.photo(i, 320, 240, 8), "png", p.toFile());
        }
        try (Library library = Library.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, null)) {
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM.toFile());
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"));
                ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort().build();
                ChromeDriver driver = new ChromeDriver(service, options);
                try {
                    for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(390, 844))) {
                        driver.manage().window().setSize(size);
                        driver.get("http://127.0.0.1:" + server.port() + "/");
                        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                        wait.until(d -> d.findElements(By.cssSelector("#grid figure img")).size() == 12);
                        wait.until(d -> (Boolean) driver.executeScript("return [...document.querySelectorAll('#grid img')]"
                                + ".every(i => i.complete && i.naturalWidth > 0)"));
                        File shot = driver.getScreenshotAs(OutputType.FILE);
                        Files.copy(shot.toPath(), Path.of("target", "gallery-" + size.width + ".png"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    driver.manage().window().setSize(new Dimension(1280, 900));
                    WebElement first = driver.findElements(By.cssSelector("#grid figure")).get(0);
                    first.click();
                    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("meta")));
                    assertThat(driver.findElement(By.id("meta")).getText()).contains("source", "project");
                    assertThat(driver.findElement(By.id("stats")).getText()).contains("12 assets");
                } finally {
                    driver.quit();
                }
            }
        }
    }
}
