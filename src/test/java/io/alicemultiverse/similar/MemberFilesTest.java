package io.alicemultiverse.similar;

import io.alicemultiverse.hash.ImageHashes;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.testsupport.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping on real files: what decides {@code exact} (the pixels) and that colour wins over a greyscale copy. */
class MemberFilesTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 12, 0);

    @TempDir
    Path root;

    private DedupAsset asset(String name, BufferedImage img, boolean interlaced, int ageDays) throws IOException {
        Path f = root.resolve(name);
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(f))) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        ImageHashes h = ImageHashes.of(f, MediaFormat.PNG);
        return new DedupAsset(name, name, "png", img.getWidth(), img.getHeight(), h.dhash(), h.phash(), true, 0,
                T.minusDays(ageDays), null, h.zhash(), h.colour());
    }

    private static BufferedImage grey(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int l = (int) Math.round(0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF));
                out.setRGB(x, y, l << 16 | l << 8 | l);
            }
        }
        return out;
    }

    private List<DuplicateGroup> groups(List<DedupAsset> assets, KeepRule rule) {
        return DuplicateFinder.groups(assets, 10, rule, MemberFiles.onDisk(root));
    }

    @Test
    void aGreyscaleCopyIsNearNeverExactAndTheColourOriginalIsKept() throws IOException {
        BufferedImage photo = Pictures.photo(7, 256, 256, 6);
        DedupAsset colour = asset("b-colour.png", photo, false, 0);
        DedupAsset grey = asset("a-grey.png", grey(photo), false, 30); // older, and first by path
        assertThat(grey.phash()).as("the copy's hashes match the original's").isEqualTo(colour.phash());
        for (KeepRule rule : List.of(KeepRule.BEST, KeepRule.OLDEST)) {
            List<DuplicateGroup> groups = groups(List.of(colour, grey), rule);
            assertThat(groups).hasSize(1);
            DuplicateGroup g = groups.get(0);
            assertThat(g.kind()).isEqualTo(DuplicateGroup.Kind.NEAR);
            assertThat(g.keep().path()).as(rule.name()).isEqualTo("b-colour.png");
            assertThat(g.reason()).isEqualTo("in colour");
            assertThat(g.others().get(0).samePixels()).isFalse();
        }
    }

    /**
     * Each greyscale and same-pixels answer costs a decode (tens of milliseconds; a thousand groups took half a
     * minute on every dry run): they are kept by content hash in the library's cache, so the next run decodes none.
     * Shown by changing a file's bytes behind its content hash: a fresh decode answers otherwise, the cache does not.
     */
    @Test
    void whatDecodesFoundIsKeptForTheNextRunByContentHash() throws IOException {
        BufferedImage photo = Pictures.photo(7, 256, 256, 6);
        DedupAsset colour = asset("b-colour.png", photo, false, 0);
        DedupAsset grey = asset("a-grey.png", grey(photo), false, 30);
        List<DuplicateGroup> first = DuplicateFinder.groupsOnDisk(List.of(colour, grey), 10, KeepRule.OLDEST, root);
        assertThat(first.get(0).reason()).isEqualTo("in colour");
        assertThat(MemberFacts.file(root)).exists();

        Files.copy(root.resolve("b-colour.png"), root.resolve("a-grey.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DuplicateGroup fresh = groups(List.of(colour, grey), KeepRule.OLDEST).get(0);
        assertThat(fresh.reason()).as("decoded afresh: two colour files, the older kept").isNotEqualTo("in colour");
        DuplicateGroup cached = DuplicateFinder.groupsOnDisk(List.of(colour, grey), 10, KeepRule.OLDEST, root).get(0);
        assertThat(cached.reason()).as("from the cache").isEqualTo("in colour");
        assertThat(cached.kind()).isEqualTo(DuplicateGroup.Kind.NEAR);

        Files.writeString(MemberFacts.file(root), "{not json");
        DuplicateGroup unreadable = DuplicateFinder.groupsOnDisk(List.of(colour, grey), 10, KeepRule.OLDEST, root)
                .get(0);
        assertThat(unreadable.reason()).as("an unreadable cache is an empty one").isEqualTo(fresh.reason());
    }

    @Test
    void anInterlacedCopyOfTheSamePixelsIsExact() throws IOException {
        BufferedImage photo = Pictures.photo(8, 256, 256, 6);
        DedupAsset plain = asset("plain.png", photo, false, 0);
        DedupAsset interlaced = asset("interlaced.png", photo, true, 0);
        List<DuplicateGroup> groups = groups(List.of(plain, interlaced), KeepRule.BEST);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).kind()).isEqualTo(DuplicateGroup.Kind.EXACT);
        assertThat(groups.get(0).others().get(0).samePixels()).isTrue();
    }

    @Test
    void inANearGroupTheMembersHoldingTheKeepersPixelsAreMarked() throws IOException {
        BufferedImage photo = Pictures.photo(9, 256, 256, 6);
        DedupAsset colour = asset("a-colour.png", photo, false, 0);
        DedupAsset copy = asset("b-copy.png", photo, true, 0);
        DedupAsset grey = asset("c-grey.png", grey(photo), false, 0);
        DuplicateGroup g = groups(List.of(colour, copy, grey), KeepRule.BEST).get(0);
        assertThat(g.kind()).isEqualTo(DuplicateGroup.Kind.NEAR);
        assertThat(g.members()).extracting(m -> m.asset().path() + "=" + m.samePixels())
                .containsExactlyInAnyOrder("a-colour.png=true", "b-copy.png=true", "c-grey.png=false");
    }

    /**
     * The first dedup decodes every group member; what the catalogue and earlier answers already decide is not
     * decoded again: the members of an exact group are never asked whether they are greyscale (one picture is
     * alike in colour), and two pictures known to differ in greyscale are never decoded to compare their pixels.
     */
    @Test
    void decodesAreSparedWhereEarlierFactsDecide() throws IOException {
        BufferedImage photo = Pictures.photo(10, 128, 128, 6);
        DedupAsset a = asset("a.png", photo, false, 0);
        DedupAsset b = asset("b.png", photo, true, 0);
        java.util.concurrent.atomic.AtomicInteger askedGrey = new java.util.concurrent.atomic.AtomicInteger();
        MemberFiles onDisk = MemberFiles.onDisk(root);
        MemberFiles counting = new MemberFiles() {
            @Override
            public boolean damaged(DedupAsset x) {
                return false;
            }

            @Override
            public boolean greyscale(DedupAsset x) {
                askedGrey.incrementAndGet();
                return onDisk.greyscale(x);
            }

            @Override
            public boolean samePixels(DedupAsset x, DedupAsset y) {
                return onDisk.samePixels(x, y);
            }
        };
        DuplicateGroup exact = DuplicateFinder.groups(List.of(a, b), 10, KeepRule.BEST, counting).get(0);
        assertThat(exact.kind()).isEqualTo(DuplicateGroup.Kind.EXACT);
        assertThat(askedGrey).as("greyscale asked of an exact group's members").hasValue(0);

        MemberFacts facts = MemberFacts.inMemory();
        facts.grey(a.contentHash(), false);
        facts.grey(b.contentHash(), true); // not so on disk: only a decode would find the pixels equal
        DuplicateGroup g = DuplicateFinder.groups(List.of(a, b), 10, KeepRule.BEST, MemberFiles.onDisk(root, facts))
                .get(0);
        assertThat(g.kind()).as("decided by the greyscale facts, no pixels decoded").isEqualTo(DuplicateGroup.Kind.NEAR);
        assertThat(facts.same(a.contentHash(), b.contentHash())).isNull();
    }
}
