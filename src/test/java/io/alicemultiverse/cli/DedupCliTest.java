package io.alicemultiverse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alice similar} and {@code alice dedup} end to end on a library organized from photo-like pictures: an
 * original with a half-size and a JPEG copy (near), a picture with a pixel-identical PNG copy (exact: its image data
 * in two chunks, no metadata of its own), and an unrelated one.
 */
class DedupCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    TempLibrary t;
    BufferedImage fox;

    @BeforeEach
    void setUp() throws IOException {
        t = new TempLibrary(tmp);
        fox = Pictures.photo(1, 512, 512, 6);
        BufferedImage owl = Pictures.photo(2, 512, 512, 6);
        t.inboxFile("fox/fox.png", png(fox));
        t.inboxFile("fox/fox-half.png", png(scale(fox, 256)));
        t.inboxFile("fox/fox.jpg", jpeg(fox, 0.85f));
        byte[] owlPng = png(owl);
        t.inboxFile("owl/owl.png", owlPng);
        t.inboxFile("owl/owl-split.png", splitIdat(owlPng)); // same pixels, other bytes, no metadata of its own
        t.inboxFile("cat/cat.png", png(Pictures.photo(3, 512, 512, 6)));
        CliRun organized = alice("organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(organized.exit()).as(organized.err()).isZero();
    }

    /** What every command adds after {@code --library}: nothing here (the library's own DuckDB catalog). */
    List<String> catalogArgs() {
        return List.of();
    }

    /** {@link #catalogArgs()} for a second library: a catalog of its own (a shared one holds one library). */
    List<String> newCatalogArgs() {
        return List.of();
    }

    /** When set, what {@link #alice} adds instead of {@link #catalogArgs()}. */
    private List<String> catalogOverride;

    CliRun alice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        all.addAll(catalogOverride != null ? catalogOverride : catalogArgs());
        return CliRun.run(all.toArray(String[]::new));
    }

    private List<JsonNode> groups(CliRun run) {
        return run.json().stream().filter(n -> n.has("group")).toList();
    }

    private JsonNode kind(List<JsonNode> groups, String kind) {
        return groups.stream().filter(g -> g.get("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void dryRunListsAnExactAndANearGroupAndChangesNothing() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        CliRun run = alice("dedup", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> groups = groups(run);
        assertThat(groups).hasSize(2);
        JsonNode exact = kind(groups, "exact");
        assertThat(exact.get("members")).hasSize(2);
        assertThat(exact.get("members").get(0).get("path").asText()).isEqualTo(exact.get("keep").asText());
        JsonNode near = kind(groups, "near");
        assertThat(near.get("members")).hasSize(3);
        assertThat(near.get("keep").asText()).doesNotContain("fox-half"); // fewer pixels never wins
        assertThat(near.get("reason").asText()).isNotBlank();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
    }

    @Test
    void trashThenUndoRestoresEveryByteAndTheCatalog() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        String statsBefore = alice("stats", "--json").out();
        CliRun apply = alice("dedup", "--apply", "trash", "--json");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        JsonNode summary = JSON.readTree(apply.lines().get(apply.lines().size() - 1));
        assertThat(summary.get("changed").asInt()).isEqualTo(3);
        Path trash = t.library().resolve(".alice/trash/" + summary.get("run").asText());
        assertThat(trash.resolve("manifest.json")).isRegularFile();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(before.size() - 3);
        assertThat(groups(alice("dedup", "--json"))).isEmpty();
        assertThat(alice("stats", "--json").out()).contains("\"assets\":3");

        CliRun undo = alice("undo", "--json");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(alice("stats", "--json").out()).isEqualTo(statsBefore);
        assertThat(groups(alice("dedup", "--json"))).hasSize(2);
        assertThat(alice("check", "--json").exit()).isZero();
    }

    /** With no groups left, --apply records no run (no trash folder, no "alice undo RUN reverses it" for 0 files). */
    @Test
    void applyingWithNothingToDoRecordsNoRun() throws IOException {
        assertThat(alice("dedup", "--apply", "trash").exit()).isZero();
        List<String> runsBefore = runs();
        CliRun again = alice("dedup", "--apply", "trash");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("no duplicate groups: nothing to trash").doesNotContain("alice undo");
        assertThat(runs()).isEqualTo(runsBefore);
        JsonNode json = JSON.readTree(alice("dedup", "--apply", "trash", "--json").lines().get(0));
        assertThat(json.hasNonNull("run")).isFalse();
        assertThat(json.get("changed").asInt()).isZero();
    }

    /** The library path (of those in {@code fingerprint}) of the file whose bytes contain {@code text}. */
    private String pathOf(Map<String, String> fingerprint, String text) throws IOException {
        for (String path : fingerprint.keySet()) {
            Path f = t.library().resolve(path);
            if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
                return t.library().relativize(f).toString();
            }
        }
        throw new AssertionError("no file holds " + text);
    }

    /** The trash's run folders. */
    private List<String> runs() throws IOException {
        try (var s = Files.list(t.library().resolve(".alice/trash"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void hardlinkReplacesOnlyExactDuplicatesAndUndoesByteForByte() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        JsonNode exact = kind(groups(alice("dedup", "--json")), "exact");
        Path keeper = t.library().resolve(exact.get("keep").asText());
        Path other = t.library().resolve(exact.get("members").get(1).get("path").asText());
        CliRun apply = alice("dedup", "--apply", "hardlink", "--json");
        assertThat(apply.exit()).isEqualTo(1); // the near group's members are left alone, and said so
        JsonNode summary = JSON.readTree(apply.lines().get(apply.lines().size() - 1));
        assertThat(summary.get("changed").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").toString()).contains("near duplicate");
        assertThat(Files.isSameFile(keeper, other)).isTrue();
        Map<String, String> after = TempLibrary.fingerprint(t.library());
        before.forEach((path, hash) -> {
            if (!t.library().resolve(path).equals(other)) {
                assertThat(after.get(path)).as(path).isEqualTo(hash);
            }
        });
        assertThat(alice("undo").exit()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(Files.isSameFile(keeper, other)).isFalse();
    }

    /**
     * A pixel-identical copy whose bytes carry metadata of their own (a text chunk the keeper lacks) is never
     * replaced by a link, which would lose that text: hardlink trashes it instead (undo brings it back) and says so.
     */
    @Test
    void hardlinkTrashesInsteadACopyCarryingMetadataTheKeeperLacks() throws IOException {
        t = new TempLibrary(tmp.resolve("tagged"));
        catalogOverride = newCatalogArgs();
        byte[] owlPng = png(Pictures.photo(2, 256, 256, 6));
        t.inboxFile("owl/a.png", owlPng);
        t.inboxFile("owl/b.png", withText(owlPng, "parameters",
                "an owl\nSteps: 20, Sampler: Euler, Seed: 7, Model: owlmodel"));
        t.inboxFile("owl/c.png", withText(owlPng, "Comment", "retouched by hand"));
        assertThat(alice("organize", "--inbox", t.inbox().toString()).exit()).isZero();
        JsonNode exact = kind(groups(alice("dedup", "--json")), "exact");
        assertThat(exact.get("members")).hasSize(3);
        Path keeper = t.library().resolve(exact.get("keep").asText());
        // kept for its generation record, never by the files' age or path (the three are written within one tick)
        assertThat(exact.get("reason").asText()).isEqualTo("richest generation metadata");
        assertThat(new String(Files.readAllBytes(keeper), StandardCharsets.ISO_8859_1)).contains("an owl");
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        String commented = pathOf(before, "retouched by hand");

        CliRun apply = alice("dedup", "--apply", "hardlink", "--json");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        JsonNode summary = JSON.readTree(apply.lines().get(apply.lines().size() - 1));
        assertThat(summary.get("changed").asInt()).isEqualTo(2);
        assertThat(summary.get("trashed_instead")).hasSize(1);
        assertThat(summary.get("trashed_instead").get(0).asText()).contains("metadata the keeper lacks");
        Map<String, String> after = TempLibrary.fingerprint(t.library());
        assertThat(after).hasSize(before.size() - 1); // the plain copy is linked, the commented one trashed
        for (JsonNode m : exact.get("members")) {
            Path f = t.library().resolve(m.get("path").asText());
            if (!f.equals(keeper)) {
                // each other member is either a link to the keeper or gone to the trash; none holds other bytes now
                assertThat(!Files.exists(f) || Files.isSameFile(f, keeper)).as(f.toString()).isTrue();
            }
        }
        assertThat(summary.get("trashed_instead").get(0).asText()).startsWith(commented);
        assertThat(alice("undo").exit()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
    }

    @Test
    void hardLinkedNamesAreNoProblemForCheckOrRebuild() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        JsonNode exact = kind(groups(alice("dedup", "--json")), "exact");
        String keeper = exact.get("keep").asText();
        String other = exact.get("members").get(1).get("path").asText();
        assertThat(alice("dedup", "--apply", "hardlink").exit()).isEqualTo(1); // near members left alone
        String stats = alice("stats", "--json").out();

        CliRun check = alice("check", "--json");
        assertThat(check.exit()).as(check.out()).isZero();
        JsonNode report = JSON.readTree(check.lines().get(0));
        assertThat(report.get("unknown")).isEmpty();
        assertThat(report.get("missing")).isEmpty();
        assertThat(report.get("linked").toString()).contains(other);

        CliRun rebuild = alice("index", "rebuild");
        assertThat(rebuild.exit()).as(rebuild.out() + rebuild.err()).isZero();
        assertThat(rebuild.err()).doesNotContain("same content");
        assertThat(alice("stats", "--json").out()).isEqualTo(stats);
        JsonNode afterRebuild = JSON.readTree(alice("check", "--json").lines().get(0));
        assertThat(afterRebuild.get("unknown")).isEmpty();
        assertThat(afterRebuild.get("linked").toString()).contains(other);
        // the keeper keeps its row under its own name, whichever of the two names sorts first
        CliRun similar = alice("similar", t.library().resolve(keeper).toString(), "--max-distance", "0", "--json");
        assertThat(similar.out()).doesNotContain(other);

        assertThat(alice("undo").exit()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(alice("check", "--json").exit()).isZero();
    }

    @Test
    void nothingOutsideTheLibraryIsMoved() throws IOException {
        // a pixel-identical copy outside the library, and the owl's twin parked under .alice/
        Path outside = Files.write(tmp.resolve("outside-owl.png"), png(Pictures.photo(2, 512, 512, 6)));
        JsonNode exact = kind(groups(alice("dedup", "--json")), "exact");
        Path member = t.library().resolve(exact.get("members").get(1).get("path").asText());
        Path parked = t.library().resolve(".alice/duplicates/manual/" + member.getFileName());
        Files.createDirectories(parked.getParent());
        Files.copy(member, parked);
        Map<String, String> before = TempLibrary.fingerprint(tmp);
        String outsideHash = TempLibrary.sha256(outside);
        String parkedHash = TempLibrary.sha256(parked);

        assertThat(alice("dedup", "--apply", "trash", "--json").exit()).isZero();
        assertThat(outside).exists();
        assertThat(TempLibrary.sha256(outside)).isEqualTo(outsideHash);
        assertThat(parked).exists();
        assertThat(TempLibrary.sha256(parked)).isEqualTo(parkedHash);
        Map<String, String> after = TempLibrary.fingerprint(tmp);
        before.forEach((path, hash) -> {
            if (!path.startsWith("library")) {
                assertThat(after.get(path)).as(path).isEqualTo(hash);
            }
        });
        assertThat(alice("undo").exit()).isZero();
        Map<String, String> undone = TempLibrary.fingerprint(tmp);
        before.forEach((path, hash) -> {
            if (!path.startsWith("library/.alice/") || path.startsWith("library/.alice/duplicates/")) {
                assertThat(undone.get(path)).as(path).isEqualTo(hash);
            }
        });
    }

    @Test
    void deleteNeedsYes() throws IOException {
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        CliRun refused = alice("dedup", "--apply", "delete");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        CliRun deleted = alice("dedup", "--apply", "delete", "--yes", "--json");
        assertThat(deleted.exit()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(before.size() - 3);
    }

    @Test
    void similarFindsCopiesOfAFileOutsideTheLibraryNearestFirst() throws IOException {
        Path outside = Files.write(tmp.resolve("outside.jpg"), jpeg(scale(fox, 300), 0.5f));
        CliRun run = alice("similar", outside.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String l : run.lines()) {
            rows.add(JSON.readTree(l));
        }
        assertThat(rows).hasSize(3);
        assertThat(rows).allMatch(r -> r.get("path").asText().contains("fox"));
        assertThat(rows.get(0).get("distance").asInt()).isLessThanOrEqualTo(rows.get(2).get("distance").asInt());
        assertThat(Files.exists(outside)).isTrue();
    }

    @Test
    void similarByHashPrefixLeavesTheAssetItselfOut() throws IOException {
        JsonNode near = kind(groups(alice("dedup", "--json")), "near");
        String hash = near.get("members").get(0).get("content_hash").asText();
        CliRun run = alice("similar", hash.substring(0, 10), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(2).noneMatch(l -> l.contains(hash));
    }

    @Test
    void badInputGetsAMessageNamingIt() {
        CliRun missing = alice("similar", "/no/such/picture.png");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("/no/such/picture.png").doesNotContain("Exception");
        Path text = tmp.resolve("notes.png");
        try {
            Files.writeString(text, "not a picture");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CliRun garbage = alice("similar", text.toString());
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.err()).contains(text.toString()).doesNotContain("\tat ");
        assertThat(alice("dedup", "--apply", "shred").exit()).isEqualTo(2);
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    static BufferedImage scale(BufferedImage img, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, side, side, null);
        g.dispose();
        return out;
    }

    /** The same PNG with its image data in two chunks: same pixels and metadata, other bytes. */
    static byte[] splitIdat(byte[] png) {
        return io.alicemultiverse.testsupport.CrashCorpus.splitIdat(png);
    }

    /** The same PNG with a tEXt chunk before IEND: same pixels, other bytes. */
    static byte[] withText(byte[] png, String key, String value) {
        byte[] data = (key + "\0" + value).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        int iend = png.length - 12;
        ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
        out.put(png, 0, iend).put(chunk.array()).put(png, iend, 12);
        return out.array();
    }
}
