package io.alicemultiverse.hash;

import io.alicemultiverse.similar.SimilarFinder;
import io.alicemultiverse.media.GrayImage;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.media.HashGrid;
import io.alicemultiverse.media.Ffprobe;
import io.alicemultiverse.testsupport.Ffmpeg;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PerceptualHashTest {
    @TempDir
    Path dir;

    /** Every mild edit issue 18 names stays within the default distance of {@code similar}/{@code dedup}. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 202, 303, 404, 505, 606, 707, 808})
    void nearCopiesStayWithinTheDefaultDistance(long seed) throws Exception {
        BufferedImage photo = Pictures.photo(seed, 800, 600, 12);
        Path original = png(photo, "original");
        ImageHashes base = ImageHashes.of(original, MediaFormat.PNG);

        Map<String, Path> variants = new LinkedHashMap<>();
        variants.put("resized 0.5x", png(resize(photo, 400, 300), "half"));
        variants.put("resized 2x", png(resize(photo, 1600, 1200), "double"));
        variants.put("JPEG quality 75", Transforms.jpeg(photo, 0.75f, dir.resolve("q75.jpg")));
        variants.put("JPEG quality 30", Transforms.jpeg(photo, 0.30f, dir.resolve("q30.jpg")));
        variants.put("brightness +10%", png(Transforms.brightness(photo, 1.10), "brighter"));
        variants.put("brightness -10%", png(Transforms.brightness(photo, 0.90), "darker"));
        variants.put("gamma 0.8", png(Transforms.gamma(photo, 0.8), "gamma08"));
        variants.put("gamma 1.25", png(Transforms.gamma(photo, 1.25), "gamma125"));
        variants.put("Gaussian blur sigma 1", png(Transforms.blur(photo, 1.0), "blur1"));
        variants.put("crop 5% (2.5% each side)", png(Transforms.crop(photo, 0.95), "crop5"));
        if (Ffprobe.isAvailable()) {
            Path webp = dir.resolve("v.webp");
            Ffmpeg.webp(original, webp, 70);
            variants.put("WebP quality 70 (libwebp)", webp);
            variants.put("WebP back to PNG", png(javax.imageio.ImageIO.read(webp.toFile()), "from-webp"));
        }
        for (Map.Entry<String, Path> v : variants.entrySet()) {
            ImageHashes h = ImageHashes.of(v.getValue(), io.alicemultiverse.media.FormatSniffer.sniff(v.getValue()));
            int p = PerceptualHash.distance(base.phash(), h.phash());
            int d = PerceptualHash.distance(base.dhash(), h.dhash());
            System.out.printf("seed %d %-28s pHash %2d  dHash %2d%n", seed, v.getKey(), p, d);
            assertThat(SimilarFinder.near(SimilarFinder.Query.of(base, false), SimilarFinder.Query.of(h, false),
                    SimilarFinder.DEFAULT_MAX_DISTANCE)).as(v.getKey()).isTrue();
            if (v.getKey().startsWith("crop")) {
                // the original's zoom hash is what a 5 % crop looks like: closer than the two pHashes
                int z = PerceptualHash.distance(base.zhash(), h.phash());
                System.out.printf("seed %d %-28s zoom hash to pHash %2d%n", seed, v.getKey(), z);
                assertThat(z).as(v.getKey()).isLessThanOrEqualTo(Math.min(p, 6));
            } else {
                assertThat(p).as(v.getKey()).isLessThanOrEqualTo(SimilarFinder.DEFAULT_MAX_DISTANCE);
            }
        }
    }

    @Test
    void unrelatedPicturesAreFarApart() {
        List<ImageHashes> hashes = new ArrayList<>();
        for (int seed = 0; seed < 120; seed++) {
            GrayImage g = grid(Pictures.photo(1000 + seed, 256, 192, 8));
            hashes.add(ImageHashes.of(g));
        }
        IntSummaryStatistics p = new IntSummaryStatistics();
        IntSummaryStatistics d = new IntSummaryStatistics();
        int pBelow20 = 0;
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                int dp = PerceptualHash.distance(hashes.get(i).phash(), hashes.get(j).phash());
                p.accept(dp);
                d.accept(PerceptualHash.distance(hashes.get(i).dhash(), hashes.get(j).dhash()));
                pBelow20 += dp < 20 ? 1 : 0;
            }
        }
        System.out.printf("unrelated pairs (%d): pHash min %d mean %.1f, %.2f%% below 20; dHash min %d mean %.1f%n",
                p.getCount(), p.getMin(), p.getAverage(), 100.0 * pBelow20 / p.getCount(), d.getMin(), d.getAverage());
        assertThat(p.getMin()).isGreaterThan(SimilarFinder.DEFAULT_MAX_DISTANCE); // never confused with the near copies above
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = 0; j < hashes.size(); j++) {
                if (i != j) {
                    assertThat(SimilarFinder.near(SimilarFinder.Query.of(hashes.get(i), false),
                            SimilarFinder.Query.of(hashes.get(j), false), SimilarFinder.DEFAULT_MAX_DISTANCE))
                            .as("pictures %d and %d", i, j).isFalse();
                }
            }
        }
        assertThat(p.getAverage()).isBetween(28.0, 36.0);
        assertThat((double) pBelow20 / p.getCount()).isLessThan(0.02);
        assertThat(d.getAverage()).isGreaterThan(20);
    }

    @Test
    void dHashOfARampToTheRightSetsEveryBit() {
        float[] v = new float[32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 32 * 8;
        }
        assertThat(PerceptualHash.dHash(GrayImage.of(32, 32, v))).isEqualTo(-1L);
        for (int i = 0; i < v.length; i++) {
            v[i] = 255 - i % 32 * 8;
        }
        assertThat(PerceptualHash.dHash(GrayImage.of(32, 32, v))).isZero();
    }

    @Test
    void pHashIsStableAndHalfTheBitsAreSet() {
        GrayImage g = grid(Pictures.photo(7, 300, 200, 10));
        long h = PerceptualHash.pHash(g);
        assertThat(PerceptualHash.pHash(GrayImage.of(32, 32, g.toArray()))).isEqualTo(h);
        assertThat(Long.bitCount(h)).isEqualTo(32); // strictly above the median of 64 distinct values
        assertThat(PerceptualHash.distance(h, h)).isZero();
        assertThat(PerceptualHash.distance(h, ~h)).isEqualTo(64);
    }

    @Test
    void pHashIgnoresUniformBrightnessAndContrastChanges() {
        float[] v = grid(Pictures.photo(8, 300, 200, 10)).toArray();
        float[] w = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = v[i] * 0.8f + 20;
        }
        assertThat(PerceptualHash.pHash(GrayImage.of(32, 32, w))).isEqualTo(PerceptualHash.pHash(GrayImage.of(32, 32, v)));
        assertThat(PerceptualHash.dHash(GrayImage.of(32, 32, w))).isEqualTo(PerceptualHash.dHash(GrayImage.of(32, 32, v)));
    }

    /**
     * A picture with nothing in the band pHash reads (uniform, or varying by a few hundredths of a grey level) used
     * to get the median split of floating-point noise: a copy brightened by 10 % landed 15–30 bits away. Now it gets
     * the code of its mean, the same for the noisy and the clean copy, near for a mild brightness change, far for
     * another grey and for any structured picture.
     */
    @Test
    void aFlatPictureIsHashedByItsMeanNotByRoundingNoise() {
        java.util.Random random = new java.util.Random(5);
        float[] white = new float[32 * 32];
        float[] whiteNoisy = new float[white.length];
        float[] darker = new float[white.length];
        float[] black = new float[white.length];
        for (int i = 0; i < white.length; i++) {
            white[i] = 255;
            whiteNoisy[i] = 255 - 0.01f * random.nextFloat();
            darker[i] = 229.5f;
        }
        GrayImage w = GrayImage.of(32, 32, white);
        GrayImage wn = GrayImage.of(32, 32, whiteNoisy);
        assertThat(PerceptualHash.isFlat(w)).isTrue();
        assertThat(PerceptualHash.isFlat(wn)).isTrue();
        assertThat(ImageHashes.of(wn)).isEqualTo(ImageHashes.of(w));
        assertThat(PerceptualHash.zoomPHash(w)).isEqualTo(PerceptualHash.pHash(w));
        assertThat(PerceptualHash.distance(PerceptualHash.pHash(w), PerceptualHash.pHash(GrayImage.of(32, 32, darker))))
                .isBetween(1, 6);
        assertThat(PerceptualHash.distance(PerceptualHash.pHash(w), PerceptualHash.pHash(GrayImage.of(32, 32, black))))
                .isEqualTo(2 * PerceptualHash.FLAT_RUN);
        for (int seed = 0; seed < 40; seed++) {
            GrayImage photo = grid(Pictures.photo(3000 + seed, 256, 192, 8));
            assertThat(PerceptualHash.isFlat(photo)).isFalse();
            for (GrayImage flat : List.of(w, GrayImage.of(32, 32, darker), GrayImage.of(32, 32, black))) {
                assertThat(PerceptualHash.distance(PerceptualHash.pHash(photo), PerceptualHash.pHash(flat)))
                        .isGreaterThanOrEqualTo(32 - PerceptualHash.FLAT_RUN);
            }
        }
    }

    /** Flat codes are told apart from structured hashes, which have 32 bits set. */
    @Test
    void flatCodesAreRecognised() {
        float[] grey = new float[32 * 32];
        java.util.Arrays.fill(grey, 100);
        assertThat(PerceptualHash.isFlatCode(PerceptualHash.pHash(GrayImage.of(32, 32, grey)))).isTrue();
        for (int start = 0; start <= PerceptualHash.FLAT_STEPS; start++) {
            assertThat(PerceptualHash.isFlatCode(0xFFFL << start)).isTrue();
        }
        assertThat(PerceptualHash.isFlatCode(0xFFFL << 26)).isFalse();
        assertThat(PerceptualHash.isFlatCode(0x7FFL)).isFalse();
        assertThat(PerceptualHash.isFlatCode(0)).isFalse();
        for (int seed = 0; seed < 10; seed++) {
            assertThat(PerceptualHash.isFlatCode(PerceptualHash.pHash(grid(Pictures.photo(4000 + seed, 256, 192, 8)))))
                    .isFalse();
        }
    }

    /** A flat picture file is hashed with its mean colour, which a structured picture goes without. */
    @Test
    void aFlatPictureFileCarriesItsColour() throws IOException {
        BufferedImage red = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                red.setRGB(x, y, 0xFF0000);
                grey.setRGB(x, y, 0x4C4C4C);
            }
        }
        ImageHashes r = ImageHashes.of(png(red, "red"), MediaFormat.PNG);
        ImageHashes g = ImageHashes.of(png(grey, "grey"), MediaFormat.PNG);
        assertThat(r.flat()).isTrue();
        assertThat(r.colour()).isEqualTo(0xFF0000);
        assertThat(g.colour()).isEqualTo(0x4C4C4C);
        assertThat(r.phash()).isEqualTo(g.phash()); // the same brightness: only the colour tells them apart
        assertThat(SimilarFinder.near(SimilarFinder.Query.of(r, false), SimilarFinder.Query.of(g, false),
                SimilarFinder.DEFAULT_MAX_DISTANCE)).isFalse();
        ImageHashes photo = ImageHashes.of(png(Pictures.photo(5, 200, 150, 8), "photo"), MediaFormat.PNG);
        assertThat(photo.flat()).isFalse();
        assertThat(photo.colour()).isNull();
    }

    /** A plain gradient has nothing in pHash's band either: its dHash still tells which way it runs. */
    @Test
    void aGradientIsFlatForPHashButNotForDHash() {
        float[] right = new float[32 * 32];
        float[] down = new float[32 * 32];
        for (int i = 0; i < right.length; i++) {
            right[i] = i % 32 * 8;
            down[i] = i / 32 * 8;
        }
        GrayImage r = GrayImage.of(32, 32, right);
        GrayImage d = GrayImage.of(32, 32, down);
        assertThat(PerceptualHash.isFlat(r)).isTrue();
        assertThat(PerceptualHash.pHash(r)).isEqualTo(PerceptualHash.pHash(d));
        // both grey (a grid has no colour), so that only the dHash tells them apart
        SimilarFinder.Query qr = SimilarFinder.Query.of(grey(ImageHashes.of(r)), false);
        SimilarFinder.Query qd = SimilarFinder.Query.of(grey(ImageHashes.of(d)), false);
        assertThat(SimilarFinder.near(qr, qd, SimilarFinder.DEFAULT_MAX_DISTANCE)).isFalse();
        assertThat(SimilarFinder.near(qr, qr, SimilarFinder.DEFAULT_MAX_DISTANCE)).isTrue();
    }

    private static ImageHashes grey(ImageHashes h) {
        return new ImageHashes(h.dhash(), h.phash(), h.zhash(), 0x808080);
    }

    /**
     * An overlay PNG that is almost fully transparent (light grey at most 1 % opaque, as some desktop wallpapers
     * drawn over a colour are) is near-blank over white; its copies flattened over white, re-encoded or brightened
     * (which clips it to pure white) used to land 12–60 bits from it. A dot pattern finer than a cell is flat the
     * same way. Both now match their copies and not each other.
     */
    @Test
    void nearBlankPicturesMatchTheirCopies() throws Exception {
        int width = 960;
        int height = 600;
        BufferedImage overlay = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        BufferedImage dots = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double wave = 0.5 + 0.5 * Math.sin(x / 70.0 + 3 * Math.sin(y / 110.0));
                int alpha = (int) Math.round(3 * wave);
                overlay.setRGB(x, y, alpha << 24 | 0xE0E0E0);
                dots.setRGB(x, y, (x + y) % 2 == 0 ? 0x303030 : 0x404040);
            }
        }
        for (BufferedImage picture : List.of(overlay, dots)) {
            Path original = png(picture, "original");
            ImageHashes base = ImageHashes.of(original, MediaFormat.PNG);
            assertThat(PerceptualHash.isFlat(HashGrid.grayscale(original, MediaFormat.PNG, HashGrid.HASH_SIZE)))
                    .isTrue();
            BufferedImage flat = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = flat.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(picture, 0, 0, null);
            g.dispose();
            Map<String, Path> copies = new LinkedHashMap<>();
            copies.put("flattened", png(flat, "flattened"));
            copies.put("JPEG quality 75", Transforms.jpeg(flat, 0.75f, dir.resolve("q75.jpg")));
            copies.put("JPEG quality 30", Transforms.jpeg(flat, 0.30f, dir.resolve("q30.jpg")));
            copies.put("resized 0.5x", png(resize(flat, width / 2, height / 2), "half"));
            copies.put("brightness +10%", png(Transforms.brightness(flat, 1.10), "brighter"));
            copies.put("brightness -10%", png(Transforms.brightness(flat, 0.90), "darker"));
            copies.put("gamma 0.8", png(Transforms.gamma(flat, 0.8), "gamma08"));
            copies.put("blur 1", png(Transforms.blur(flat, 1.0), "blur1"));
            copies.put("crop 5%", png(Transforms.crop(flat, 0.95), "crop5"));
            for (Map.Entry<String, Path> c : copies.entrySet()) {
                ImageHashes h = ImageHashes.of(c.getValue(),
                        io.alicemultiverse.media.FormatSniffer.sniff(c.getValue()));
                System.out.printf("near-blank %s: pHash %2d dHash %2d%n", c.getKey(),
                        PerceptualHash.distance(base.phash(), h.phash()),
                        PerceptualHash.distance(base.dhash(), h.dhash()));
                assertThat(SimilarFinder.near(SimilarFinder.Query.of(base, false), SimilarFinder.Query.of(h, false),
                        SimilarFinder.DEFAULT_MAX_DISTANCE)).as(c.getKey()).isTrue();
            }
        }
        ImageHashes a = ImageHashes.of(png(overlay, "a"), MediaFormat.PNG);
        ImageHashes b = ImageHashes.of(png(dots, "b"), MediaFormat.PNG);
        assertThat(SimilarFinder.near(SimilarFinder.Query.of(a, false), SimilarFinder.Query.of(b, false),
                SimilarFinder.DEFAULT_MAX_DISTANCE)).isFalse();
    }

    private static GrayImage grid(BufferedImage img) {
        float[] lum = new float[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                lum[y * img.getWidth() + x] = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
            }
        }
        return GrayImage.of(img.getWidth(), img.getHeight(), lum).resize(HashGrid.HASH_SIZE, HashGrid.HASH_SIZE);
    }

    private static BufferedImage resize(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }

    private Path png(BufferedImage img, String name) throws IOException {
        Path f = dir.resolve(name + ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }
}
