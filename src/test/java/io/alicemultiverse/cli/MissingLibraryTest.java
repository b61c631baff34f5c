package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mistyped {@code --library}: the commands that read or change what a library holds name the folder and exit 2,
 * and create nothing (they used to create an empty library and answer "0 assets" or "no matches"); organize still
 * creates a library.
 */
class MissingLibraryTest {
    @TempDir
    Path tmp;

    @Test
    void readingCommandsRefuseAFolderWithoutALibraryAndCreateNothing() throws Exception {
        Path typo = tmp.resolve("librray");
        Path plain = Files.createDirectories(tmp.resolve("just-a-folder"));
        for (Path lib : List.of(typo, plain)) {
            for (List<String> cmd : List.of(List.of("stats"), List.of("search", "duck"), List.of("check"),
                    List.of("tags"), List.of("undo"), List.of("dedup"), List.of("costs"),
                    List.of("tag", "add", "--query", "duck", "bird"))) {
                String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--library",
                        lib.toString())).toArray(String[]::new);
                CliRun r = CliRun.run(args);
                assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.out() + r.err()).isEqualTo(2);
                assertThat(r.err()).contains("no library at " + lib);
            }
        }
        assertThat(typo).doesNotExist();
        assertThat(plain.resolve(".alice")).doesNotExist();
    }

    @Test
    void organizeCreatesTheLibraryThatTheOthersThenRead() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString()).exit())
                .isZero();
        CliRun stats = CliRun.run("stats", "--json", "--library", t.library().toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("\"assets\":1");
    }
}
