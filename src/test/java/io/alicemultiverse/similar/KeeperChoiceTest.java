package io.alicemultiverse.similar;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reviewer's keep/let-go choice is checked against the groups found now. */
class KeeperChoiceTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 12, 0);

    private static DedupAsset asset(String id, int side, long phash) {
        return new DedupAsset(id, id + ".png", "png", side, side, phash, phash, true, 0, T, null);
    }

    private final List<DuplicateGroup> groups = DuplicateFinder.groups(List.of(asset("big", 512, 0L),
            asset("small", 256, 0b11L), asset("tiny", 128, 0b1111L), asset("other", 512, 0xFFFF_0000_FFFFL)),
            8, KeepRule.BEST);

    @Test
    void keepsTheChosenMemberFirstWithDistancesToIt() {
        DuplicateGroup g = KeeperChoice.of(groups, "tiny", List.of("big", "small"));
        assertThat(g.keep().contentHash()).isEqualTo("tiny");
        assertThat(g.others()).extracting(m -> m.asset().contentHash()).containsExactly("big", "small");
        assertThat(g.others()).extracting(DuplicateGroup.Member::distance).containsExactly(4, 2);
        assertThat(g.reason()).isEqualTo("chosen by the reviewer");
        assertThat(KeeperChoice.of(groups, "big", List.of("tiny")).reason()).isEqualTo("most pixels");
    }

    @Test
    void refusesWhatIsNotADuplicateOfTheKeeper() {
        assertThatThrownBy(() -> KeeperChoice.of(groups, "big", List.of("other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not (or no longer)");
        assertThatThrownBy(() -> KeeperChoice.of(groups, "other", List.of("big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in no duplicate group");
        assertThatThrownBy(() -> KeeperChoice.of(groups, "big", List.of("big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot also be let go");
        assertThatThrownBy(() -> KeeperChoice.of(groups, "big", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
