package io.alicemultiverse.similar;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The near-duplicate rule: zoom hash for crops, dHash as the second opinion, old rows without a zoom hash, flat
 * pictures by colour too.
 */
class NearRuleTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 12, 0);
    private static final long ORIGINAL = 0x0123_4567_89AB_CDEFL;
    private static final long ZOOMED = 0x7E1C_0FF3_5A5A_C3C3L;

    private static DedupAsset image(String path, long dhash, long phash, Long zhash) {
        return new DedupAsset(path, path, "png", 512, 512, dhash, phash, true, 0, T, null, zhash);
    }

    @Test
    void aCropFarOnPHashJoinsItsOriginalThroughTheZoomHash() {
        DedupAsset original = image("original.png", 0L, ORIGINAL, ZOOMED);
        DedupAsset crop = image("crop.png", 0b11L, ZOOMED ^ 0b111L, 0L); // its pHash is the original's zoom, 3 bits off
        assertThat(Long.bitCount(ORIGINAL ^ crop.phash())).isGreaterThan(20);
        assertThat(NearRule.distance(original, crop)).isEqualTo(3);
        assertThat(NearRule.distance(crop, original)).isEqualTo(3);
        List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(crop, original), 10, KeepRule.BEST);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).members()).extracting(DuplicateGroup.Member::distance).containsExactly(0, 3);

        SimilarFinder finder = new SimilarFinder(List.of(original, crop));
        assertThat(finder.similar(SimilarFinder.Query.of(crop), crop.contentHash(), 10, 10))
                .extracting(SimilarFinder.Match::path).containsExactly("original.png");
        assertThat(finder.similar(SimilarFinder.Query.of(original), original.contentHash(), 10, 10))
                .extracting(SimilarFinder.Match::path).containsExactly("crop.png");
    }

    @Test
    void withoutAZoomHashOnlyThePHashCounts() {
        DedupAsset original = image("original.png", 0L, ORIGINAL, null);
        DedupAsset crop = image("crop.png", 0L, ZOOMED ^ 0b111L, null);
        assertThat(DuplicateFinder.groups(List.of(crop, original), 10, KeepRule.BEST)).isEmpty();
        assertThat(new SimilarFinder(List.of(original, crop))
                .similar(SimilarFinder.Query.of(crop), "crop.png", 10, 10)).isEmpty();
    }

    @Test
    void aPairThatOnlyJustPassesOnPHashMustAlsoAgreeOnDHash() {
        DedupAsset a = image("a.png", 0L, ORIGINAL, null);
        DedupAsset close = image("close.png", 0x3FFL, ORIGINAL ^ 0x3FFL, null); // pHash 10, dHash 10: 20 <= 24
        DedupAsset apart = image("apart.png", 0xFFFF_FL, ORIGINAL ^ 0x3FFL, null); // pHash 10, dHash 20: 30 > 24
        assertThat(NearRule.near(a, close, 10)).isTrue();
        assertThat(NearRule.near(a, apart, 10)).isFalse();
        assertThat(NearRule.near(a, apart, 16)).isTrue(); // 30 <= 16 + 14
        assertThat(DuplicateFinder.groups(List.of(a, apart), 10, KeepRule.BEST)).isEmpty();
    }

    /** A flat picture's hashes code its brightness alone: solid red and a grey as bright are near only by colour. */
    @Test
    void flatPicturesAreNearOnlyWhenTheirColoursAgree() {
        long flat = 0xFFFL << 7;
        DedupAsset red = flat("red.png", flat, 0xFF0000);
        DedupAsset redToo = flat("red-too.png", flat << 1, 0xFA0404);
        DedupAsset grey = flat("grey.png", flat, 0x4C4C4C);
        DedupAsset blue = flat("blue.png", flat >>> 4, 0x0000FF);
        DedupAsset unknown = flat("unknown.png", flat, null); // hashed before colours were kept
        assertThat(NearRule.distance(red, redToo)).isEqualTo(2);
        assertThat(NearRule.distance(red, grey)).isEqualTo(NearRule.APART);
        assertThat(NearRule.near(red, grey, 10)).isFalse();
        assertThat(NearRule.near(red, blue, 10)).isFalse();
        assertThat(NearRule.near(red, unknown, 10)).isFalse();
        List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(red, redToo, grey, blue, unknown), 10,
                KeepRule.BEST);
        assertThat(groups).singleElement().satisfies(g -> assertThat(g.members())
                .extracting(m -> m.asset().path()).containsExactlyInAnyOrder("red.png", "red-too.png"));
        SimilarFinder finder = new SimilarFinder(List.of(red, redToo, grey, blue, unknown));
        assertThat(finder.similar(SimilarFinder.Query.of(red), red.contentHash(), 10, 10))
                .extracting(SimilarFinder.Match::path).containsExactly("red-too.png");
    }

    /** Same hashes and size but another colour is not an exact duplicate either. */
    @Test
    void flatPicturesOfOneColourAreExactOnlyWithTheSameColour() {
        long flat = 0xFFFL << 7;
        List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(flat("a.png", flat, 0xFF0000),
                flat("b.png", flat, 0xFF0000), flat("c.png", flat, 0xFE0101)), 10, KeepRule.BEST);
        assertThat(groups).singleElement().extracting(DuplicateGroup::kind).isEqualTo(DuplicateGroup.Kind.NEAR);
    }

    private static DedupAsset flat(String path, long code, Integer colour) {
        return new DedupAsset(path, path, "png", 2, 2, 0L, code, true, 0, T, null, code, colour);
    }
}
