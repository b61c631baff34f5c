package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: {@code alice dedup} grouped solid pictures of different colours — red, a grey of red's brightness and
 * blue — because a flat picture's hashes code its brightness only, and {@code --apply delete --yes} then deleted two
 * of them. Flat pictures are now near only when their mean colours match too: a red and a very slightly different
 * red still group; the grey and the blue stand alone and survive the delete.
 */
class FlatColourDedupCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    TempLibrary t;
    /** Each inbox file's SHA-256, by name. */
    final Map<String, String> hashes = new java.util.HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        t = new TempLibrary(tmp);
        add("red.png", 0xFF0000);
        add("red-too.png", 0xFA0404); // a very slightly different red: the same picture
        add("grey.png", 0x4C4C4C); // luma 76, red's: the same flat code
        add("blue.png", 0x0000FF); // luma 29: 8 bits from red's flat code
        CliRun organized = alice("organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(organized.exit()).as(organized.err()).isZero();
    }

    private void add(String name, int rgb) throws IOException {
        hashes.put(name, TempLibrary.sha256(t.inboxFile("solid/" + name, solid(rgb))));
    }

    /** What every command adds after {@code --library}: nothing here (the library's own DuckDB catalog). */
    List<String> catalogArgs() {
        return List.of();
    }

    @Test
    void flatPicturesOfDifferentColoursAreNotGrouped() throws IOException {
        List<JsonNode> groups = groups(alice("dedup", "--json"));
        assertThat(groups).hasSize(1);
        List<String> members = new ArrayList<>();
        groups.get(0).get("members").forEach(m -> members.add(m.get("path").asText()));
        assertThat(members).containsExactlyInAnyOrder(pathOf("red.png"), pathOf("red-too.png"));
    }

    @Test
    void deleteRemovesOnlyTheSecondRed() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        String grey = pathOf("grey.png");
        String blue = pathOf("blue.png");
        CliRun deleted = alice("dedup", "--apply", "delete", "--yes", "--json");
        assertThat(deleted.exit()).as(deleted.out() + deleted.err()).isZero();
        Map<String, String> after = TempLibrary.fingerprint(t.library());
        assertThat(after).hasSize(before.size() - 1);
        assertThat(after).containsEntry(grey, hashes.get("grey.png")).containsEntry(blue, hashes.get("blue.png"));
        assertThat(after.values()).containsAnyOf(hashes.get("red.png"), hashes.get("red-too.png"));
    }

    @Test
    void similarFindsTheOtherRedOnly() throws IOException {
        // a file outside the library with red's pixels
        Path query = java.nio.file.Files.write(tmp.resolve("query.png"), solid(0xFF0000));
        CliRun run = alice("similar", query.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> found = new ArrayList<>();
        for (String line : run.lines()) {
            found.add(JSON.readTree(line).get("path").asText());
        }
        assertThat(found).containsExactly(pathOf("red-too.png")); // red itself, the same content, is left out
    }

    /** The library path organize gave an inbox file, found by its content. */
    private String pathOf(String inboxName) throws IOException {
        String hash = hashes.get(inboxName);
        return TempLibrary.fingerprint(t.library()).entrySet().stream().filter(e -> e.getValue().equals(hash))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(inboxName + " not filed"));
    }

    CliRun alice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        all.addAll(catalogArgs());
        return CliRun.run(all.toArray(String[]::new));
    }

    private static List<JsonNode> groups(CliRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json().stream().filter(n -> n.has("group")).toList();
    }

    /** A 2 × 2 PNG of one colour. */
    static byte[] solid(int rgb) throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
