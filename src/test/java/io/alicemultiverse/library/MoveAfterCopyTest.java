package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code organize --move} over an inbox whose files an earlier copy run already filed: the inbox empties (each file
 * parked as a duplicate of its verified library copy, reversibly) instead of staying there counted "unchanged"
 * without a word; a file whose library copy is gone stays in the inbox with a message; undo brings them back.
 */
class MoveAfterCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliRun organize(TempLibrary t, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("organize", "--inbox", t.inbox().toString(),
                "--library", t.library().toString(), "--json"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static JsonNode summary(CliRun run) throws Exception {
        List<String> lines = run.lines();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aMoveRunAfterACopyRunEmptiesTheInboxAndUndoPutsItBack() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("b.png", TempLibrary.png(2));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        CliRun copy = organize(t);
        assertThat(summary(copy).get("organized").asInt()).isEqualTo(2);
        Map<String, String> library = TempLibrary.fingerprint(t.library());

        CliRun move = organize(t, "--move");
        assertThat(move.exit()).as(move.out() + move.err()).isZero();
        JsonNode s = summary(move);
        assertThat(s.get("unchanged").asInt()).isZero();
        assertThat(s.get("duplicates").asInt()).isEqualTo(2);
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(library);
        String run = s.get("run").asText();
        Path parked = t.library().resolve(".alice/duplicates/" + run);
        assertThat(TempLibrary.fingerprint(parked)).isEqualTo(inbox);

        CliRun undo = CliRun.run("undo", run, "--library", t.library().toString());
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(library);
    }

    @Test
    void aFileWhoseLibraryCopyIsGoneStaysInTheInboxNamed() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path a = t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        assertThat(organize(t).exit()).isZero();
        String hashOfA = TempLibrary.sha256(a);
        String copyOfA = TempLibrary.fingerprint(t.library()).entrySet().stream()
                .filter(e -> e.getValue().equals(hashOfA)).map(Map.Entry::getKey).findFirst().orElseThrow();
        Files.delete(t.library().resolve(copyOfA));

        CliRun move = organize(t, "--move");
        assertThat(move.exit()).isEqualTo(1);
        assertThat(move.out()).contains(a.toString(), "missing or changed", "left in the inbox");
        JsonNode s = summary(move);
        assertThat(s.get("errors").asInt()).isEqualTo(1);
        assertThat(s.get("duplicates").asInt()).isEqualTo(1);
        assertThat(a).exists();
        assertThat(t.inbox().resolve("acme/b.png")).doesNotExist();
    }
}
