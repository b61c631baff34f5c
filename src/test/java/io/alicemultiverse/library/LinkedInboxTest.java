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
 * An inbox named by a symbolic link to a folder (~/Downloads/ai linked to another disk). The scan follows no link, so
 * it used to see the inbox as one link and no files: "0 scanned", exit 0, nothing filed. Now the folder's files are
 * filed, with their projects, and undo puts them back through the same name.
 */
class LinkedInboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anInboxNamedByALinkIsOrganizedAndUndone() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        t.inboxFile("b.png", TempLibrary.png(2));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        Path link = Files.createSymbolicLink(tmp.resolve("inbox-link"), t.inbox());

        CliRun move = CliRun.run("organize", "--move", "--json", "--inbox", link.toString(), "--library",
                t.library().toString());
        assertThat(move.exit()).as(move.out() + move.err()).isZero();
        List<String> lines = move.lines();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("scanned").asInt()).isEqualTo(2);
        assertThat(summary.get("organized").asInt()).isEqualTo(2);
        assertThat(TempLibrary.fingerprint(t.inbox())).isEmpty();
        assertThat(TempLibrary.fingerprint(t.library()).keySet()).anyMatch(p -> p.contains("/acme/"))
                .anyMatch(p -> p.contains("/uncategorized/"));

        CliRun undo = CliRun.run("undo", "--library", t.library().toString());
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(TempLibrary.fingerprint(t.library())).isEmpty();
    }
}
