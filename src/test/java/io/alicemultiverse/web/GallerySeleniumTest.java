package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gallery in real headless Chromium (Debian chromium + chromium-driver, installed by .ci/run): thumbnails at
 * desktop and phone widths, a search, the asset view (tags added and removed, similar images), the duplicates
 * review (keep one, the other goes to the trash) and the stats page. Screenshots land in {@code target/screens/}.
 */
class GallerySeleniumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Dimension> SIZES = List.of(new Dimension(1280, 900), new Dimension(390, 844));

    @TempDir
    Path tmp;
    ChromeDriver driver;
    String base;

    @Test
    void searchesOpensAnAssetTagsItAndReviewsDuplicates() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium not installed (.ci/run installs it)");
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < 12; i++) {
            BufferedImage photo = Pictures.photo(i, 320, 240, 8);
            String prompt = i % 3 == 0 ? "a red fox in deep snow" : "a lighthouse on a stormy coast";
            t.inboxFile((i % 2 == 0 ? "acme/" : "beta/") + "img" + i + ".png", withPrompt(png(photo), prompt, i));
            if (i == 3) {
                t.inboxFile("acme/img3-small.png", withPrompt(png(scale(photo, 160, 120)), prompt, i));
            }
        }
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            String newest = library.catalog().views().recent(1, 0, null, null).get(0).get("content_hash").toString();
            library.catalog().understanding().saveUnderstanding(List.of(new UnderstandingRow(newest, "local", "local-1",
                    "v1", "Bright shapes scattered over a gradient.", "{\"mood\": [\"playful\"]}", null, null,
                    LocalDateTime.now(), List.of(new AssetRecord.Tag("playful", "mood", "understanding", null)))), List.of());
            // as alice serve runs it: a token, handed over once in the URL and kept as an HttpOnly cookie
            String token = io.alicemultiverse.app.Owner.newToken();
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, token)) {
                base = "http://127.0.0.1:" + server.port() + "/";
                driver = chrome();
                try {
                    driver.get(base + "?token=" + token);
                    assertThat(driver.getCurrentUrl()).isEqualTo(base);
                    assertThat(driver.manage().getCookieNamed("alice_token_" + server.port()).isHttpOnly()).isTrue();
                    for (Dimension size : SIZES) {
                        driver.manage().window().setSize(size);
                        driver.get(base);
                        waitForImages("#grid img", 13);
                        assertThat(driver.findElement(By.id("stats")).getText()).contains("13 assets");
                        assertThat(driver.findElement(By.id("more")).getText()).isEqualTo("That is all.");
                        shot("gallery", size);
                    }
                    search();
                    for (Dimension size : SIZES) {
                        driver.manage().window().setSize(size);
                        openFirstAndTag(size);
                    }
                    reviewDuplicates(t.library());
                    for (Dimension size : SIZES) {
                        driver.manage().window().setSize(size);
                        driver.get(base + "stats.html");
                        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(
                                By.cssSelector("#growth svg rect, #search svg rect")).size() >= 2);
                        shot("stats", size);
                    }
                } finally {
                    driver.quit();
                }
            }
        }
    }

    private void search() {
        driver.manage().window().setSize(SIZES.get(0));
        driver.get(base);
        waitForImages("#grid img", 13);
        driver.findElement(By.id("q")).sendKeys("fox in snow");
        // img0, img3 (and its small copy), img6, img9 carry the fox prompt
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#grid img")).size() == 5);
        waitForImages("#grid img", 5);
        assertThat(driver.findElements(By.cssSelector("#grid img")))
                .allSatisfy(img -> assertThat(img.getAttribute("alt")).contains("fox"));
        driver.findElement(By.id("q")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        waitForImages("#grid img", 13);
    }

    private void openFirstAndTag(Dimension size) throws Exception {
        driver.get(base);
        waitForImages("#grid img", 13);
        driver.findElements(By.cssSelector("#grid figure")).get(0).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("meta")));
        assertThat(driver.findElement(By.id("meta")).getText()).contains("source", "project", "prompt",
                "Bright shapes scattered over a gradient.", "local / local-1", "playful");
        String tag = "keeper-" + size.width;
        WebElement input = driver.findElement(By.id("newtag"));
        input.sendKeys(tag, Keys.ENTER);
        wait.until(d -> d.findElement(By.id("tags")).getText().contains(tag));
        WebElement chip = driver.findElements(By.cssSelector("#tags span.user")).stream()
                .filter(s -> s.getText().contains(tag)).findFirst().orElseThrow();
        assertThat(chip.findElement(By.tagName("button")).getAttribute("aria-label")).isEqualTo("remove " + tag);
        assertThat(searchTotal("tag=" + tag)).isEqualTo(1);
        wait.until(d -> !d.findElements(By.cssSelector("#similar img")).isEmpty()
                || d.findElement(By.id("similar")).getText().contains("no similar images"));
        shot("asset", size);
        chip.findElement(By.tagName("button")).click();
        wait.until(d -> !d.findElement(By.id("tags")).getText().contains(tag));
        assertThat(searchTotal("tag=" + tag)).isZero();
        driver.findElement(By.cssSelector("button.close")).click();
    }

    private void reviewDuplicates(Path library) throws Exception {
        for (Dimension size : SIZES) {
            driver.manage().window().setSize(size);
            driver.get(base + "duplicates.html");
            waitForImages("section.group img", 2);
            assertThat(driver.findElements(By.cssSelector("section.group"))).hasSize(1);
            assertThat(driver.findElement(By.cssSelector("figure.suggested")).getText()).contains("suggested keeper");
            shot("duplicates", size);
        }
        WebElement other = driver.findElements(By.cssSelector("section.group figure")).stream()
                .filter(f -> !f.getAttribute("class").contains("suggested")).findFirst().orElseThrow();
        String trashedPath = other.findElement(By.tagName("img")).getAttribute("alt");
        driver.findElement(By.cssSelector("figure.suggested button.keep")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector(".status")).getText()
                .contains("alice undo"));
        assertThat(library.resolve(trashedPath)).doesNotExist();
        try (var walk = Files.walk(library.resolve(".alice/trash"))) {
            assertThat(walk.anyMatch(p -> p.endsWith(trashedPath))).isTrue();
        }
        driver.get(base + "duplicates.html");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("main")).getText()
                .contains("No duplicates found."));
    }

    private long searchTotal(String query) {
        Object total = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/search?" + query + "').then(r => r.json()).then(j => done(j.total));");
        return ((Number) total).longValue();
    }

    private void waitForImages(String css, int count) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector(css)).size() == count);
        wait.until(d -> (Boolean) driver.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".every(i => i.complete && i.naturalWidth > 0)", css));
    }

    private void shot(String name, Dimension size) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path dir = Files.createDirectories(Path.of("target", "screens"));
        Files.copy(shot.toPath(), dir.resolve(name + "-" + size.width + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage scale(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** The PNG with an A1111 {@code parameters} tEXt chunk right after IHDR. */
    private static byte[] withPrompt(byte[] png, String prompt, int seed) {
        byte[] text = ("parameters\0" + prompt + "\nSteps: 20, Sampler: Euler, Seed: " + seed + ", Model: demo_v1")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + text.length);
        chunk.putInt(text.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(text);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + text.length);
        chunk.putInt((int) crc.getValue());
        int afterIhdr = 8 + 25;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk.array());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }
}
