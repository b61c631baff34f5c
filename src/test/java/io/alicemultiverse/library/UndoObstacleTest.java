package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An undo that cannot put a file back (something stands where its folder was) leaves the file in the library and
 * says so; the run must stay undoable, so that once the obstacle is gone {@code alice undo RUN} puts the rest back.
 * It used to mark every line of the run undone and the run {@code undone} regardless: the next undo was refused
 * ("cannot be undone (undone)") and the files stayed in the library for good.
 */
class UndoObstacleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aFileUndoCouldNotPutBackIsPutBackByTheNextUndo() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        t.inboxFile("c.png", TempLibrary.png(3));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        CliRun move = CliRun.run("organize", "--move", "--json", "--inbox", t.inbox().toString(), "--library",
                t.library().toString());
        assertThat(move.exit()).as(move.out() + move.err()).isZero();
        String run = JSON.readTree(move.lines().get(move.lines().size() - 1)).get("run").asText();
        Map<String, String> library = TempLibrary.fingerprint(t.library());
        assertThat(library).hasSize(3);

        Path folder = t.inbox().resolve("acme");
        Files.delete(folder);
        Files.writeString(folder, "not a folder"); // where a.png and b.png must go back
        CliRun blocked = CliRun.run("undo", run, "--library", t.library().toString());
        assertThat(blocked.exit()).isEqualTo(1);
        assertThat(t.inbox().resolve("c.png")).exists();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(2);

        Files.delete(folder);
        CliRun again = CliRun.run("undo", run, "--library", t.library().toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
        CliRun check = CliRun.run("check", "--library", t.library().toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        CliRun nothing = CliRun.run("undo", run, "--library", t.library().toString());
        assertThat(nothing.exit()).isNotZero();
        assertThat(nothing.err()).contains("cannot be undone");
    }
}
