package io.alicemultiverse.similar;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping (exact vs near, transitive links, videos apart) and the keeper rules. */
class DuplicateFinderTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 12, 0);

    private static DedupAsset asset(String path, int side, long dhash, long phash, int meta, int ageDays) {
        return new DedupAsset(path.hashCode() + "", path, "png", side, side, dhash, phash, true, meta,
                T.minusDays(ageDays), null);
    }

    @Test
    void sameHashesAndSizeAreExactAndNearOnesJoinTransitively() {
        List<DedupAsset> assets = List.of(
                asset("a.png", 512, 1, 0b0L, 0, 0),
                asset("a-copy.png", 512, 1, 0b0L, 0, 0),
                asset("b.png", 512, 2, 0xF0F0_F0F0_F0F0_F0F0L, 0, 0),
                asset("b-small.png", 256, 3, 0xF0F0_F0F0_F0F0_F0F0L ^ 0b111L, 0, 0),
                asset("b-smaller.png", 128, 4, 0xF0F0_F0F0_F0F0_F0F0L ^ 0b111111L, 0, 0),
                asset("far.png", 512, 5, 0x0F0F_0F0F_0F0F_0F0FL, 0, 0));
        List<DuplicateGroup> groups = DuplicateFinder.groups(assets, 4, KeepRule.BEST);
        assertThat(groups).hasSize(2);
        DuplicateGroup exact = groups.stream().filter(g -> g.kind() == DuplicateGroup.Kind.EXACT).findFirst().orElseThrow();
        assertThat(exact.members()).extracting(m -> m.asset().path()).containsExactly("a-copy.png", "a.png");
        DuplicateGroup near = groups.stream().filter(g -> g.kind() == DuplicateGroup.Kind.NEAR).findFirst().orElseThrow();
        // b-smaller is 6 bits from b but 3 from b-small: one component
        assertThat(near.members()).extracting(m -> m.asset().path())
                .containsExactly("b.png", "b-small.png", "b-smaller.png");
        assertThat(near.members()).extracting(DuplicateGroup.Member::distance).containsExactly(0, 3, 6);
        assertThat(near.reason()).isEqualTo("most pixels");
    }

    @Test
    void groupsAreTheConnectedComponentsABruteForceScanFinds() {
        for (int seed = 0; seed < 20; seed++) {
            java.util.Random r = new java.util.Random(seed);
            long[] h = HashIndexTest.hashes(r, 200 + r.nextInt(1500));
            List<DedupAsset> assets = new java.util.ArrayList<>();
            for (int i = 0; i < h.length; i++) {
                assets.add(asset("p" + i + ".png", 512, i, h[i], 0, 0));
            }
            int radius = r.nextInt(14);
            int[] root = new int[h.length];
            java.util.Arrays.setAll(root, i -> i);
            for (int i = 0; i < h.length; i++) {
                for (int j = i + 1; j < h.length; j++) {
                    if (Long.bitCount(h[i] ^ h[j]) <= radius) {
                        int a = root[i];
                        int b = root[j];
                        for (int k = 0; k < h.length; k++) {
                            if (root[k] == b) {
                                root[k] = a;
                            }
                        }
                    }
                }
            }
            java.util.Map<Integer, java.util.Set<String>> expected = new java.util.HashMap<>();
            for (int i = 0; i < h.length; i++) {
                expected.computeIfAbsent(root[i], k -> new java.util.TreeSet<>()).add("p" + i + ".png");
            }
            List<java.util.Set<String>> actual = DuplicateFinder.groups(assets, radius, KeepRule.BEST).stream()
                    .map(g -> (java.util.Set<String>) new java.util.TreeSet<>(
                            g.members().stream().map(m -> m.asset().path()).toList()))
                    .toList();
            assertThat(actual).as("seed %d radius %d", seed, radius).containsExactlyInAnyOrderElementsOf(
                    expected.values().stream().filter(g -> g.size() > 1).toList());
        }
    }

    @Test
    void keeperRulesApplyInOrder() {
        DedupAsset big = asset("big.png", 1024, 1, 0L, 0, 0);
        DedupAsset rich = asset("rich.png", 512, 2, 1L, 3, 0);
        DedupAsset old = asset("old.png", 512, 3, 3L, 3, 30);
        DedupAsset outside = new DedupAsset("x", ".alice/trash/x.png", "png", 4096, 4096, 4, 0L, false, 3, T, null);
        assertThat(KeepRule.BEST.choose(List.of(rich, big, old)).bestFirst().get(0)).isEqualTo(big);
        assertThat(KeepRule.BEST.choose(List.of(rich, old)).bestFirst().get(0)).isEqualTo(old);
        assertThat(KeepRule.BEST.choose(List.of(rich, old)).reason()).isEqualTo("oldest");
        assertThat(KeepRule.BEST.choose(List.of(rich, asset("poor.png", 512, 9, 9L, 1, 90))).reason())
                .isEqualTo("richest generation metadata");
        assertThat(KeepRule.BEST.choose(List.of(outside, big)).bestFirst().get(0)).isEqualTo(big);
        assertThat(KeepRule.BEST.choose(List.of(outside, big)).reason()).isEqualTo("inside the library");
        assertThat(KeepRule.RICHEST.choose(List.of(big, rich)).bestFirst().get(0)).isEqualTo(rich);
        assertThat(KeepRule.NEWEST.choose(List.of(old, rich)).bestFirst().get(0)).isEqualTo(rich);
        assertThat(KeepRule.parse("Largest")).isEqualTo(KeepRule.LARGEST);
    }

    @Test
    void aDamagedFileIsNeverKeptWhileAnIntactCopyExists() {
        DedupAsset damaged = asset("big-truncated.png", 1024, 1, 0L, 3, 30);
        DedupAsset intact = asset("small.png", 512, 2, 1L, 0, 0);
        for (KeepRule rule : KeepRule.values()) {
            KeepRule.Choice choice = rule.choose(List.of(damaged, intact), a -> a == damaged);
            assertThat(choice.bestFirst()).as(rule.name()).containsExactly(intact, damaged);
            assertThat(choice.reason()).isEqualTo("intact file");
        }
        List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(damaged, intact), 4, KeepRule.BEST,
                a -> a == damaged);
        assertThat(groups.get(0).keep()).isEqualTo(intact);
    }

    @Test
    void aLosslessFormatBeatsAnOlderLossyOneOfTheSameSize() {
        DedupAsset jpeg = new DedupAsset("j", "old.jpg", "jpeg", 512, 512, 1, 0L, true, 0, T.minusDays(300), null);
        DedupAsset png = asset("new.png", 512, 1, 0L, 0, 0);
        assertThat(KeepRule.BEST.choose(List.of(jpeg, png)).bestFirst().get(0)).isEqualTo(png);
        assertThat(KeepRule.BEST.choose(List.of(jpeg, png)).reason()).isEqualTo("lossless format");
        assertThat(KeepRule.OLDEST.choose(List.of(jpeg, png)).bestFirst().get(0)).isEqualTo(jpeg);
    }

    @Test
    void videosLinkOnlyToVideosWithEveryKeyframeClose() {
        DedupAsset image = asset("still.png", 512, 1, 0L, 0, 0);
        DedupAsset v1 = new DedupAsset("v1", "v1.mp4", "mp4", 512, 512, 9, 0L, true, 0, T, new long[]{0L, 0L, 0L});
        DedupAsset v2 = new DedupAsset("v2", "v2.mp4", "mp4", 512, 512, 8, 1L, true, 0, T, new long[]{1L, 3L, 7L});
        DedupAsset v3 = new DedupAsset("v3", "v3.mp4", "mp4", 512, 512, 7, 0L, true, 0, T, new long[]{0L, 0L, -1L});
        List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(image, v1, v2, v3), 4, KeepRule.BEST);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).members()).extracting(m -> m.asset().path()).containsExactly("v1.mp4", "v2.mp4");
        assertThat(groups.get(0).members().get(1).distance()).isEqualTo(3);
    }
}
