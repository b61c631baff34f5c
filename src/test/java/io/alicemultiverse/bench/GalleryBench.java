package io.alicemultiverse.bench;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.web.WebServer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long the gallery takes to show a page of 100 thumbnails in headless Chromium once the thumbnails exist on
 * the server (issue 7 target: under 1 s). Builds a library of 120 generated 512² PNGs when missing, serves it
 * in-process, requests every thumbnail once (so they are cached under {@code .alice/thumbs/}), then per run opens
 * the gallery with the browser cache disabled and takes, from the page's own clock (0 = navigation start), the
 * moment the 100th image has loaded and the frame after it was painted.
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.GalleryBench bench-data/gallery 10
 * </pre>
 */
public final class GalleryBench {
    private static final int IMAGES = 120;
    private static final int PAGE = 100;
    /** Injected before the page's own scripts: notes when the 100th grid image has loaded, then the next paint. */
    private static final String PROBE = """
            const settle = e => {
              if (e.target.tagName !== 'IMG' || window.__loaded) return;
              const imgs = [...document.querySelectorAll('#grid img')];
              if (imgs.length >= %d && imgs.every(i => i.complete)) {
                window.__loaded = performance.now();
                window.__broken = imgs.filter(i => i.naturalWidth === 0).length;
                requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
              }
            };
            document.addEventListener('load', settle, true);
            document.addEventListener('error', settle, true);""".formatted(PAGE);

    private GalleryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "bench-data/gallery").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (LibraryService library = LibraryService.open(root, Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            if (library.catalog().assetCount() < PAGE) {
                Path inbox = root.resolveSibling(root.getFileName() + "-inbox");
                for (int i = 0; i < IMAGES; i++) {
                    Path p = inbox.resolve("p" + (i % 4)).resolve("img" + i + ".png");
                    Files.createDirectories(p.getParent());
                    ImageIO.write(Pictures.photo(i, 512, 512, 8), "png", p.toFile());
                }
                library.organize(inbox, false, false, OrganizeListener.NONE);
            }
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, null)) {
                String base = "http://127.0.0.1:" + server.port() + "/";
                warmThumbnails(library, base);
                List<Double> loaded = new ArrayList<>();
                List<Double> painted = new ArrayList<>();
                ChromeDriver driver = chrome(root.resolveSibling("gallery-bench-profile"));
                try {
                    driver.executeCdpCommand("Network.enable", Map.of());
                    driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
                    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
                    for (int run = -1; run < runs; run++) { // run -1 warms the browser and the server
                        driver.get("about:blank");
                        driver.get(base);
                        try {
                            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                                    driver.executeScript("return window.__painted") != null);
                        } catch (org.openqa.selenium.TimeoutException e) {
                            System.out.printf("run %d: not all thumbnails loaded within 30 s (%s of them shown)%n",
                                    run + 1, driver.executeScript("return [...document.querySelectorAll('#grid img')]"
                                            + ".filter(i => i.complete && i.naturalWidth > 0).length"));
                            continue;
                        }
                        double l = ((Number) driver.executeScript("return window.__loaded")).doubleValue();
                        double p = ((Number) driver.executeScript("return window.__painted")).doubleValue();
                        long shown = (Long) driver.executeScript("return document.querySelectorAll('#grid img').length");
                        long broken = (Long) driver.executeScript("return window.__broken");
                        if (run >= 0) {
                            loaded.add(l);
                            painted.add(p);
                            System.out.printf("run %d: %d thumbnails (%d broken) loaded at %.0f ms, painted at %.0f ms%n",
                                    run + 1, shown, broken, l, p);
                        }
                    }
                } finally {
                    driver.quit();
                }
                Collections.sort(loaded);
                Collections.sort(painted);
                int n = painted.size();
                if (n == 0) {
                    throw new IllegalStateException("no run loaded every thumbnail");
                }
                System.out.printf("%d of %d runs complete: painted median %.0f ms, max %.0f ms (loaded median %.0f ms); "
                        + "load average %s%n", n, runs, painted.get(n / 2), painted.get(n - 1), loaded.get(n / 2),
                        Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    private static void warmThumbnails(LibraryService library, String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Map<String, Object>> items = library.catalog().views().recent(IMAGES, 0, null, null);
        for (Map<String, Object> item : items) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/assets/"
                    + item.get("content_hash") + "/thumbnail")).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("thumbnail " + item.get("content_hash") + ": HTTP " + r.statusCode());
            }
        }
    }

    private static ChromeDriver chrome(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900", "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
    }
}
