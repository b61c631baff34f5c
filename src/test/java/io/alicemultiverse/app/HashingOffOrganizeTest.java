package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.similar.DuplicateGroup;
import io.alicemultiverse.similar.KeepRule;
import io.alicemultiverse.similar.SimilarFinder;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organize decodes no pixels: the perceptual hashes are computed later, by the next near-duplicate search or by an
 * owner in the background, from the library's files; a file whose pixels cannot be decoded is tried once.
 */
class HashingOffOrganizeTest {
    @TempDir
    Path tmp;

    /** A 256 × 256 picture: diagonal bands at an angle of its own per {@code pattern}, lighter by {@code lift}. */
    static byte[] picture(int pattern, int lift) throws Exception {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                double v = Math.sin((x * Math.cos(pattern) + y * Math.sin(pattern)) / (9.0 + pattern * 3))
                        + Math.cos((x - y * pattern) / 40.0);
                int g = Math.min(255, (int) (110 + 60 * v) + lift);
                img.setRGB(x, y, (g << 16) | (Math.max(0, g - pattern * 20) << 8) | (255 - g));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A PNG whose header and text are sound but whose pixel data is garbage: organized, never decoded. */
    static byte[] brokenPixels() throws Exception {
        byte[] png = picture(5, 0);
        String latin = new String(png, StandardCharsets.ISO_8859_1);
        int idat = latin.indexOf("IDAT") + 4;
        for (int i = idat; i < idat + 64; i++) {
            png[i] = (byte) 0xA5;
        }
        return png;
    }

    private static long rows(Catalog c, String sql) {
        return c.select(sql, List.of(), rs -> rs.getLong(1)).get(0);
    }

    @Test
    void organizeLeavesHashesForTheFirstDedupAndTriesABrokenFileOnce() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("a.png", picture(1, 0));
        t.inboxFile("a-lighter.png", picture(1, 12)); // a near duplicate of a.png
        t.inboxFile("b.png", picture(2, 0));
        t.inboxFile("broken.png", brokenPixels());
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT),
                Clock.systemDefaultZone())) {
            assertThat(library.organize(t.inbox(), false, false, OrganizeListener.NONE).organized()).isEqualTo(4);
            assertThat(rows(library.catalog(), "SELECT count(*) FROM hashes")).as("organize decoded nothing").isZero();
            assertThat(library.pendingHashCount()).isEqualTo(4);

            List<DuplicateGroup> groups = library.duplicates(10, KeepRule.BEST);
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).members()).hasSize(2);
            assertThat(library.pendingHashCount()).isZero();
            assertThat(rows(library.catalog(), "SELECT count(*) FROM hashes WHERE phash IS NULL"))
                    .as("the broken file is recorded as undecodable, not retried").isEqualTo(1);
            assertThat(rows(library.catalog(), "SELECT count(*) FROM hashes")).isEqualTo(4);
            assertThat(library.hashPending(n -> { })).isZero();
        }
    }

    @Test
    void anOwnerHashesInTheBackgroundAndASimilarQueryHashesItsTargetAtOnce() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 1; i <= 6; i++) {
            t.inboxFile("p" + i + ".png", picture(i, 0));
        }
        t.inboxFile("p1-lighter.png", picture(1, 12));
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT),
                Clock.systemDefaultZone())) {
            String target;
            String copy;
            synchronized (library) {
                library.hashInBackground(); // an owner: near-duplicate search never waits for the whole backlog
                assertThat(library.organize(t.inbox(), false, false, OrganizeListener.NONE).organized()).isEqualTo(7);
                target = hashOf(library, "p1.png");
                copy = hashOf(library, "p1-lighter.png");
                // still under the lock, so the background thread has stored nothing: the target is hashed now, and
                // the answer comes from what is hashed so far
                assertThat(library.similar(new SimilarRequest(target, 10, 10))).isNotNull();
                assertThat(rows(library.catalog(), "SELECT count(*) FROM hashes WHERE content_hash = '" + target + "'"))
                        .isEqualTo(1);
            }
            for (int i = 0; i < 300 && pending(library) > 0; i++) {
                Thread.sleep(50);
            }
            synchronized (library) {
                assertThat(library.pendingHashCount()).isZero();
                assertThat(library.similar(new SimilarRequest(target, 10, 10)))
                        .extracting(SimilarFinder.Match::contentHash).containsExactly(copy);
                assertThat(library.duplicates(10, KeepRule.BEST)).hasSize(1);
            }
        }
    }

    private static String hashOf(LibraryService library, String original) {
        return library.catalog().select("SELECT content_hash FROM assets WHERE original_path LIKE ?",
                List.of("%/" + original), rs -> rs.getString(1)).get(0);
    }

    private static long pending(LibraryService library) {
        synchronized (library) {
            return library.pendingHashCount();
        }
    }
}
