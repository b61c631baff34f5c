package io.alicemultiverse.cli;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that did too little to be a fair sample of a command's classes mark the class-data archive the launcher is
 * writing, so it is dropped (an empty inbox, bad input, an error part way); a run that organized files does not.
 */
class ClassArchiveTest {
    @TempDir
    Path tmp;
    private Path dump;

    @BeforeEach
    void dumping() {
        dump = tmp.resolve("cds/organize.jsa.4242");
        System.setProperty(ClassArchive.PROPERTY, dump.toString());
    }

    @AfterEach
    void notDumping() {
        System.clearProperty(ClassArchive.PROPERTY);
    }

    private Path mark() {
        return Path.of(dump + ClassArchive.MARK);
    }

    @Test
    void anEmptyInboxMarksTheArchive() throws Exception {
        Files.createDirectories(dump.getParent());
        TempLibrary t = new TempLibrary(tmp);
        Files.createDirectories(t.inbox());
        CliRun r = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(mark()).exists();
    }

    @Test
    void aRunThatOrganizedFilesLeavesTheArchiveAloneAndAnAllUnchangedOneMarksIt() throws Exception {
        Files.createDirectories(dump.getParent());
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png(1));
        CliRun r = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 organized");
        assertThat(mark()).doesNotExist();
        // the same inbox again: its file is unchanged, so nothing is read or parsed
        r = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 unchanged");
        assertThat(mark()).exists();
    }

    @Test
    void badInputAndAMissingInboxMarkTheArchive() throws Exception {
        Files.createDirectories(dump.getParent());
        assertThat(CliRun.run("organize", "--no-such-option").exit()).isEqualTo(2);
        assertThat(mark()).exists();
        Files.delete(mark());
        CliRun r = CliRun.run("organize", "--inbox", tmp.resolve("no-inbox").toString(), "--library",
                tmp.resolve("library").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isNotZero();
        assertThat(mark()).exists();
    }

    @Test
    void withoutTheLauncherNothingIsWritten() throws Exception {
        System.clearProperty(ClassArchive.PROPERTY);
        TempLibrary t = new TempLibrary(tmp);
        Files.createDirectories(t.inbox());
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString()).exit())
                .isZero();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(ClassArchive.MARK));
        }
        assertThat(dump.getParent()).doesNotExist();
    }
}
