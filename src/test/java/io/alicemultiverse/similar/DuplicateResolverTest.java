package io.alicemultiverse.similar;

import io.alicemultiverse.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver acts only on files inside the library proper: members elsewhere are listed and left alone. */
class DuplicateResolverTest {
    @TempDir
    Path tmp;

    @Test
    void membersOutsideTheLibraryOrUnderAliceAreNeverMoved() throws IOException {
        Path library = Files.createDirectories(tmp.resolve("library"));
        Path keeper = Files.write(library.resolve("keep.png"), new byte[]{1});
        Path outside = Files.write(tmp.resolve("outside.png"), new byte[]{2});
        Path parked = Files.write(Files.createDirectories(library.resolve(".alice/duplicates/r1")).resolve("x.png"),
                new byte[]{3});
        Path linkedOut = library.resolve("escape");
        Files.createSymbolicLink(linkedOut, tmp);
        List<DedupAsset> members = List.of(
                asset(keeper, "keep.png", true),
                asset(outside, "../outside.png", true),
                asset(parked, ".alice/duplicates/r1/x.png", true),
                asset(outside, "escape/outside.png", true));
        DuplicateGroup group = new DuplicateGroup(1, DuplicateGroup.Kind.NEAR, members.get(0), "most pixels",
                members.stream().map(a -> new DuplicateGroup.Member(a, 0)).toList());
        Map<Path, Long> sizes = Map.of(keeper, 1L, outside, 1L, parked, 1L);
        try (Catalog catalog = Catalog.open(library)) {
            for (DuplicateResolver.Action action : DuplicateResolver.Action.values()) {
                DuplicateResolver.Result r = new DuplicateResolver(catalog, library, Clock.systemUTC())
                        .apply(List.of(group), action, KeepRule.BEST);
                assertThat(r.changed()).as(action.name()).isZero();
                assertThat(r.skipped()).as(action.name()).hasSize(3)
                        .allMatch(s -> s.contains("not inside the library"));
                sizes.forEach((f, size) -> assertThat(f).as(action + " " + f).exists().hasSize(size));
            }
        }
    }

    private static DedupAsset asset(Path file, String path, boolean inLibrary) throws IOException {
        return new DedupAsset(io.alicemultiverse.library.SafeFiles.hash(file), path, "png", 8, 8, 0, 0, inLibrary, 0,
                LocalDateTime.of(2026, 1, 1, 0, 0), null);
    }
}
