package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.alicemultiverse.xmp.SidecarFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a photo manager keeps besides keywords survives {@code xmp read} then {@code xmp write}, again and again:
 * a rating stays {@code xmp:Rating} (never a {@code rating N} keyword), colour and pick labels are read and kept,
 * keyword paths are searchable whole and by their last level and go back unchanged.
 */
class SidecarRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void aRatingRoundTripsAsARatingAndRepeatedSyncsChangeNothing() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        edit(sidecar, m -> m.setPropertyInteger(XMPConst.NS_XMP, "Rating", 4)); // set in Lightroom

        List<String> bytes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            run(lib, "xmp", "read");
            run(lib, "xmp", "write", "--all");
            bytes.add(Files.readString(sidecar));
        }
        assertThat(bytes).as("read then write, three times: the same sidecar").containsOnly(bytes.get(0));
        Sidecar s = SidecarReader.read(sidecar);
        assertThat(s.rating()).isEqualTo(4);
        assertThat(s.subjects()).noneMatch(x -> x.startsWith("rating"));
        assertThat(bytes.get(0)).doesNotContain("user|rating");
        assertThat(userTags(lib)).containsOnlyOnce("rating 4");

        // changed again in Lightroom: the new rating replaces the old, which does not pile up anywhere
        edit(sidecar, m -> m.setPropertyInteger(XMPConst.NS_XMP, "Rating", 2));
        run(lib, "xmp", "read");
        run(lib, "xmp", "write", "--all");
        assertThat(userTags(lib)).contains("rating 2").doesNotContain("rating 4");
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(2);
        assertThat(SidecarReader.read(sidecar).subjects()).noneMatch(x -> x.startsWith("rating"));
        assertThat(found(lib, "rating:2")).hasSize(1);

        // changed in alice: the next write carries it to the sidecar
        String path = lib.relativize(image(sidecar)).toString();
        run(lib, "tag", "remove", path, "rating 2");
        run(lib, "tag", "add", path, "rating 5");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(5);
        assertThat(run(lib, "xmp", "read").out()).contains("0 user tags added");
    }

    @Test
    void keywordsAnEarlierVersionWroteForARatingAreTakenOut() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        edit(sidecar, m -> {
            m.setPropertyInteger(XMPConst.NS_XMP, "Rating", 3);
            for (String r : List.of("rating 5", "rating 3")) {
                m.appendArrayItem(XMPConst.NS_DC, "subject", BAG, r, null);
                m.appendArrayItem("http://ns.adobe.com/lightroom/1.0/", "hierarchicalSubject", BAG, "user|" + r, null);
            }
        });
        run(lib, "xmp", "read");
        run(lib, "xmp", "write", "--all");
        String after = Files.readString(sidecar);
        assertThat(after).doesNotContain("rating 5", "rating 3", "user|rating");
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(3);
        assertThat(userTags(lib)).contains("rating 3").doesNotContain("rating 5");
    }

    @Test
    void colourAndPickLabelsOfLightroomDarktableAndDigiKamAreReadAndKept() throws Exception {
        Path lib = library(tmp, 3);
        List<Path> s = sidecars(lib);
        edit(s.get(0), m -> m.setProperty(XMPConst.NS_XMP, "Label", "Purple")); // Lightroom, Bridge
        edit(s.get(1), m -> { // darktable: red and blue
            m.appendArrayItem(Namespaces.DARKTABLE, "colorlabels", SEQ, "0", null);
            m.appendArrayItem(Namespaces.DARKTABLE, "colorlabels", SEQ, "3", null);
        });
        edit(s.get(2), m -> { // digiKam: blue, accepted
            m.setPropertyInteger(Namespaces.DIGIKAM, "ColorLabel", 5);
            m.setPropertyInteger(Namespaces.DIGIKAM, "PickLabel", 3);
        });
        List<List<String>> before = new ArrayList<>();
        for (Path p : s) {
            before.add(List.of(SidecarReader.read(p).labels().toString(), SidecarReader.read(p).picks().toString()));
        }
        assertThat(before.get(1).get(0)).isEqualTo("[red, blue]");
        for (int i = 0; i < 3; i++) {
            run(lib, "xmp", "read");
            run(lib, "xmp", "write", "--all");
        }
        for (int i = 0; i < 3; i++) {
            Sidecar after = SidecarReader.read(s.get(i));
            assertThat(List.of(after.labels().toString(), after.picks().toString())).as("labels kept as they were")
                    .isEqualTo(before.get(i));
            assertThat(SidecarReader.read(s.get(i)).subjects()).noneMatch(x -> x.startsWith("label:"));
        }
        assertThat(Files.readString(s.get(0))).contains("xmp:Label=\"Purple\"");
        assertThat(Files.readString(s.get(1))).doesNotContain("xmp:Label");
        assertThat(Files.readString(s.get(2))).contains("digiKam:ColorLabel=\"5\"", "digiKam:PickLabel=\"3\"")
                .doesNotContain("xmp:Label");
        assertThat(found(lib, "label:purple")).containsExactly(path(lib, s.get(0)));
        assertThat(found(lib, "label:red")).containsExactly(path(lib, s.get(1)));
        assertThat(found(lib, "label:blue")).containsExactlyInAnyOrder(path(lib, s.get(1)), path(lib, s.get(2)));
        assertThat(found(lib, "pick:accepted")).containsExactly(path(lib, s.get(2)));

        // a label added in alice joins darktable's list without changing the ones there
        run(lib, "tag", "add", path(lib, s.get(1)), "label:green");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(s.get(1)).labels()).as("darktable's list gains green, nothing else changes")
                .containsExactly("red", "blue", "green");
        assertThat(Files.readString(s.get(1))).doesNotContain("xmp:Label");
    }

    @Test
    void keywordPathsAreSearchableWholeAndByTheirLastLevelAndGoBackUnchanged() throws Exception {
        Path lib = library(tmp, 2);
        List<Path> s = sidecars(lib);
        edit(s.get(0), m -> { // Lightroom
            m.appendArrayItem(XMPConst.NS_DC, "subject", BAG, "Paris", null);
            m.appendArrayItem("http://ns.adobe.com/lightroom/1.0/", "hierarchicalSubject", BAG,
                    "Places|Europe|Paris", null);
        });
        edit(s.get(1), m -> m.appendArrayItem(Namespaces.DIGIKAM, "TagsList", SEQ, "Places/Europe/Paris", null));
        List<String> first = null;
        for (int i = 0; i < 3; i++) {
            run(lib, "xmp", "read");
            run(lib, "xmp", "write", "--all");
            List<String> now = List.of(Files.readString(s.get(0)), Files.readString(s.get(1)));
            if (first == null) {
                first = now;
            }
            assertThat(now).isEqualTo(first);
        }
        List<String> both = List.of(path(lib, s.get(0)), path(lib, s.get(1)));
        assertThat(found(lib, "tag:paris")).containsExactlyInAnyOrderElementsOf(both);
        assertThat(found(lib, "tag:places|europe|paris")).containsExactlyInAnyOrderElementsOf(both);
        assertThat(found(lib, "europe")).containsExactlyInAnyOrderElementsOf(both);

        // alice's own record of the tags it synced (alice:synced) aside, the paths stay as the other tools wrote them
        String lightroom = Files.readString(s.get(0)).replaceAll("(?s)<alice:synced>.*?</alice:synced>", "");
        assertThat(lightroom).contains("<rdf:li>Places|Europe|Paris</rdf:li>").doesNotContain("places|europe|paris");
        String digiKam = Files.readString(s.get(1)).replaceAll("(?s)<alice:synced>.*?</alice:synced>", "");
        assertThat(digiKam).contains("<rdf:li>Places/Europe/Paris</rdf:li>").doesNotContain("places|europe|paris");
        for (Path p : s) {
            assertThat(SidecarReader.read(p).subjects()).noneMatch(x -> x.contains("|"));
        }
    }

    @Test
    void darktablesOwnTagsAreNotReadAndLightroomsTranslatedLabelNamesAreTheColours() throws Exception {
        Path lib = library(tmp, 2);
        List<Path> s = sidecars(lib);
        edit(s.get(0), m -> { // darktable tags every file it touched with its own branch
            m.appendArrayItem("http://ns.adobe.com/lightroom/1.0/", "hierarchicalSubject", BAG,
                    "darktable|format|png", null);
            m.appendArrayItem("http://ns.adobe.com/lightroom/1.0/", "hierarchicalSubject", BAG, "darktable|changed",
                    null);
            m.appendArrayItem("http://ns.adobe.com/lightroom/1.0/", "hierarchicalSubject", BAG,
                    "places|wales|castle", null);
        });
        edit(s.get(1), m -> m.setProperty(XMPConst.NS_XMP, "Label", "Rot")); // a German Lightroom's red
        run(lib, "xmp", "read");
        assertThat(userTags(lib)).contains("places|wales|castle", "castle", "label:red")
                .noneMatch(t -> t.startsWith("darktable") || t.equals("png") || t.equals("changed")
                        || t.equals("label:rot"));
        run(lib, "xmp", "write", "--all");
        assertThat(Files.readString(s.get(0))).contains("darktable|format|png");
        assertThat(Files.readString(s.get(1))).contains("xmp:Label=\"Rot\"");
    }
}
