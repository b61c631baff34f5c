package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which copy {@code alice dedup} keeps when the oldest copy is the worse one: a truncated download, or a lossy JPEG
 * of a lossless PNG. Each older copy is made years older by its file time, the only date these files carry.
 */
class DedupKeeperCliTest {
    @TempDir
    Path tmp;

    @Test
    void anOlderTruncatedCopyIsNotKeptAndIsWhatTrashTakes() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        byte[] png = DedupCliTest.png(Pictures.photo(7, 512, 512, 6));
        Path damaged = t.inboxFile("fox/fox-download.png", Arrays.copyOf(png, png.length - 300));
        Files.setLastModifiedTime(damaged, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        t.inboxFile("fox/fox.png", png);
        organize(t);

        JsonNode group = onlyGroup(t);
        assertThat(group.get("keep").asText()).doesNotStartWith("2020");
        assertThat(group.get("reason").asText()).isEqualTo("intact file");
        CliRun trash = alice(t, "dedup", "--apply", "trash", "--json");
        assertThat(trash.exit()).as(trash.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.library()).entrySet().stream()
                .filter(e -> !e.getKey().startsWith(".alice")).map(java.util.Map.Entry::getValue).toList())
                .containsExactly(TempLibrary.sha256(t.inbox().resolve("fox/fox.png")));
    }

    @Test
    void aLosslessPngIsKeptOverAnOlderJpegOfTheSameSize() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        BufferedImage fox = Pictures.photo(8, 512, 512, 6);
        Path jpeg = t.inboxFile("fox/fox.jpg", DedupCliTest.jpeg(fox, 0.4f));
        Files.setLastModifiedTime(jpeg, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        t.inboxFile("fox/fox.png", DedupCliTest.png(fox));
        organize(t);

        JsonNode group = onlyGroup(t);
        assertThat(group.get("keep").asText()).endsWith(".png");
        assertThat(group.get("reason").asText()).isEqualTo("lossless format");
    }

    private static void organize(TempLibrary t) {
        CliRun organized = alice(t, "organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(organized.exit()).as(organized.err()).isZero();
    }

    private static JsonNode onlyGroup(TempLibrary t) {
        CliRun run = alice(t, "dedup", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> groups = run.json().stream().filter(n -> n.has("group")).toList();
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("members")).hasSize(2);
        return groups.get(0);
    }

    private static CliRun alice(TempLibrary t, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--library";
        all[args.length + 1] = t.library().toString();
        return CliRun.run(all);
    }
}
