package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.alicemultiverse.xmp.SidecarFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What alice removes leaves the sidecar at the next write and is not brought back by a read (with {@code xmp: false},
 * so nothing is rewritten in between): colour labels in every tool's form, keyword paths in every list digiKam reads,
 * plain keywords, and a rating a person cleared, which the analyzer's stars do not fill again. A label changed in
 * another tool replaces alice's; the colour names of Lightroom, darktable and digiKam are one label.
 */
class SidecarRemovalsTest {
    private static final String LR = "http://ns.adobe.com/lightroom/1.0/";

    @TempDir
    Path tmp;

    @Test
    void aLabelAndAKeywordPathRemovedInAliceLeaveADigiKamSidecarAndStayRemoved() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        String path = path(lib, sidecar);
        edit(sidecar, m -> { // as digiKam writes a red label and the tag Places/Europe/Paris
            m.setPropertyInteger(Namespaces.DIGIKAM, "ColorLabel", 1);
            m.setPropertyInteger(XMPConst.NS_PHOTOSHOP, "Urgency", 1);
            m.setProperty(XMPConst.NS_XMP, "Label", "Red");
            m.setPropertyInteger(XMPConst.NS_XMP, "Rating", 3);
            m.setPropertyInteger(Namespaces.MICROSOFT_PHOTO, "Rating", 50); // digiKam's copy of 3 stars
            m.appendArrayItem(Namespaces.DIGIKAM, "TagsList", SEQ, "Places/Europe/Paris", null);
            m.appendArrayItem(Namespaces.MICROSOFT_PHOTO, "LastKeywordXMP", BAG, "Places/Europe/Paris", null);
            m.appendArrayItem(LR, "hierarchicalSubject", BAG, "Places|Europe|Paris", null);
            m.appendArrayItem(XMPConst.NS_DC, "subject", BAG, "Paris", null);
        });
        run(lib, "xmp", "read");
        assertThat(userTags(lib)).contains("label:red", "places|europe|paris", "paris");

        run(lib, "tag", "remove", path, "label:red", "places|europe|paris", "rating 3");
        assertThat(run(lib, "xmp", "read").out()).as("not brought back before a write").contains("0 user tags added");
        assertThat(userTags(lib)).doesNotContain("label:red", "places|europe|paris").contains("paris");

        run(lib, "xmp", "write", "--all");
        Sidecar s = SidecarReader.read(sidecar);
        assertThat(s.labels()).isEmpty();
        assertThat(s.paths()).isEmpty();
        assertThat(s.subjects()).contains("Paris"); // the asset still has "paris"
        String xml = Files.readString(sidecar);
        assertThat(xml).doesNotContain("ColorLabel", "Urgency", "xmp:Label", "Places/Europe/Paris",
                "Places|Europe|Paris", "Rating");
        assertThat(run(lib, "xmp", "read").out()).contains("0 user tags added");
        assertThat(userTags(lib)).doesNotContain("label:red", "places|europe|paris");
    }

    @Test
    void tagsRemovedInAliceAfterItsLastWriteAreNotBroughtBackByARead() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        String path = path(lib, sidecar);
        run(lib, "tag", "add", path, "portfolio", "label:green", "trips|2024|rome");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).labels()).containsExactly("green");

        run(lib, "tag", "remove", path, "portfolio", "label:green", "trips|2024|rome");
        assertThat(run(lib, "xmp", "read").out()).contains("0 user tags added");
        assertThat(userTags(lib)).doesNotContain("portfolio", "label:green", "trips|2024|rome");
        run(lib, "xmp", "write", "--all");
        Sidecar s = SidecarReader.read(sidecar);
        assertThat(s.labels()).isEmpty();
        assertThat(s.paths()).isEmpty();
        assertThat(s.subjects()).doesNotContain("portfolio");
    }

    @Test
    void aLabelChangedInAnotherToolReplacesAlicesAtTheNextRead() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        run(lib, "tag", "add", path(lib, sidecar), "label:red");
        run(lib, "xmp", "write", "--all");
        edit(sidecar, m -> m.setProperty(XMPConst.NS_XMP, "Label", "Blue")); // changed in Lightroom
        run(lib, "xmp", "read");
        assertThat(userTags(lib)).contains("label:blue").doesNotContain("label:red");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).labels()).containsExactly("blue");
    }

    @Test
    void theColourNamesOfLightroomDarktableAndDigiKamAreOneLabel() throws Exception {
        Path lib = library(tmp, 3);
        List<Path> s = sidecars(lib);
        edit(s.get(0), m -> { // digiKam's magenta, with the Lightroom name it writes beside it
            m.setPropertyInteger(Namespaces.DIGIKAM, "ColorLabel", 6);
            m.setProperty(XMPConst.NS_XMP, "Label", "Purple");
        });
        edit(s.get(1), m -> m.appendArrayItem(Namespaces.DARKTABLE, "colorlabels", SEQ, "4", null)); // darktable
        edit(s.get(2), m -> m.setProperty(XMPConst.NS_XMP, "Label", " red ")); // a hand-written label
        assertThat(SidecarReader.read(s.get(0)).labels()).containsExactly("purple");
        run(lib, "xmp", "read");
        assertThat(found(lib, "label:purple")).containsExactlyInAnyOrder(path(lib, s.get(0)), path(lib, s.get(1)));
        assertThat(found(lib, "label:red")).containsExactly(path(lib, s.get(2)));
        assertThat(userTags(lib)).doesNotContain("label:magenta", "label: red ");

        // alice's purple goes to digiKam as its 6 and to darktable as its 4
        run(lib, "tag", "add", path(lib, s.get(2)), "label:purple");
        edit(s.get(2), m -> m.appendArrayItem(Namespaces.DIGIKAM, "TagsList", SEQ, "People/Ann", null));
        run(lib, "xmp", "write", "--all");
        assertThat(Files.readString(s.get(2))).contains("xmp:Label=\" red \"");
        assertThat(SidecarReader.read(s.get(2)).labels()).containsExactlyInAnyOrder("red", "purple");
    }

    @Test
    void aRatingClearedInAliceOrElsewhereIsNotFilledAgainByTheAnalyzersStars() throws Exception {
        Path lib = library(tmp, 1);
        Path sidecar = sidecars(lib).get(0);
        String path = path(lib, sidecar);
        run(lib, "understand", "--all");
        run(lib, "xmp", "write", "--all");
        Integer stars = SidecarReader.read(sidecar).rating();
        assertThat(stars).as("the analyzer's stars fill an unrated sidecar").isNotNull();

        int mine = stars == 2 ? 3 : 2;
        run(lib, "tag", "add", path, "rating " + mine);
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(mine);
        run(lib, "tag", "remove", path, "rating " + mine); // cleared in alice
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).as("cleared, not the stars again").isNull();
        run(lib, "xmp", "read");
        run(lib, "understand", "--all");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).isNull();

        // rated again in alice, then cleared in Lightroom: cleared it stays
        run(lib, "tag", "add", path, "rating 4");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).isEqualTo(4);
        assertThat(userTags(lib)).doesNotContain("rating 0");
        edit(sidecar, m -> m.deleteProperty(XMPConst.NS_XMP, "Rating"));
        run(lib, "xmp", "read");
        run(lib, "xmp", "write", "--all");
        assertThat(SidecarReader.read(sidecar).rating()).isNull();
        assertThat(userTags(lib)).contains("rating 0").doesNotContain("rating 4");
    }
}
