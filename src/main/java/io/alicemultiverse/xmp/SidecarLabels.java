package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.properties.XMPProperty;
import io.alicemultiverse.catalog.SidecarFacts;

import java.util.List;

/**
 * Writes an asset's rating, colour labels and pick label into its sidecar's own properties, never losing what a
 * person set in another tool. The rating: {@code xmp:Rating} takes the asset's {@code rating N} user tag (else the
 * local analyzer's stars) when the sidecar has none or still holds the one alice last wrote or took
 * ({@code alice:rating}); a rating changed elsewhere since stays until {@code xmp read} takes it. Labels: the
 * first as {@code xmp:Label} in a sidecar with no colour label at all, the ones darktable can hold added to its
 * {@code colorlabels} list when the sidecar has one, digiKam's {@code ColorLabel} and {@code PickLabel} set when
 * absent in a sidecar digiKam writes to; a label already there is never changed.
 * Stateless.
 */
final class SidecarLabels {
    private static final PropertyOptions SEQ = new PropertyOptions().setArray(true).setArrayOrdered(true);

    static {
        Namespaces.ensure();
    }

    private SidecarLabels() {
    }

    static void rating(XMPMeta meta, SidecarFacts facts) throws XMPException {
        Integer mine = SidecarTags.rating(facts.tags());
        if (mine == null) {
            mine = facts.stars();
        } else if (mine == 0) {
            mine = null; // a person cleared the rating ("rating 0"): the analyzer's stars do not fill it
        }
        boolean present = meta.doesPropertyExist(XMPConst.NS_XMP, "Rating");
        Integer shown = present ? integer(meta.getProperty(XMPConst.NS_XMP, "Rating")) : null;
        Integer synced = integer(meta.getProperty(Namespaces.ALICE, "rating"));
        if (!present || synced != null && synced.equals(shown)) {
            if (mine == null) {
                if (present) { // digiKam reads MicrosoftPhoto:Rating (its percent) when xmp:Rating is missing
                    meta.deleteProperty(Namespaces.MICROSOFT_PHOTO, "Rating");
                }
                meta.deleteProperty(XMPConst.NS_XMP, "Rating");
                meta.deleteProperty(Namespaces.ALICE, "rating");
            } else {
                meta.setPropertyInteger(XMPConst.NS_XMP, "Rating", mine);
                meta.setPropertyInteger(Namespaces.ALICE, "rating", mine);
            }
        } else if (mine != null && mine.equals(shown)) {
            meta.setPropertyInteger(Namespaces.ALICE, "rating", mine);
        }
    }

    static void labels(XMPMeta meta, List<String> labels, List<String> picks) throws XMPException {
        if (!labels.isEmpty()) {
            // a sidecar holding a colour label in any tool's form keeps it as it is: Lightroom's is added only to
            // one without (darktable and digiKam keep their own, added to below)
            if (!meta.doesPropertyExist(XMPConst.NS_XMP, "Label")
                    && !meta.doesPropertyExist(Namespaces.DARKTABLE, "colorlabels")
                    && !meta.doesPropertyExist(Namespaces.DIGIKAM, "ColorLabel")) {
                meta.setProperty(XMPConst.NS_XMP, "Label", SidecarTags.title(labels.get(0)));
            }
            if (meta.doesPropertyExist(Namespaces.DARKTABLE, "colorlabels")) {
                List<String> there = SidecarWriter.items(meta, Namespaces.DARKTABLE, "colorlabels");
                for (String l : labels) {
                    int n = SidecarTags.DARKTABLE.indexOf(l);
                    if (n >= 0 && there.stream().noneMatch(x -> x.strip().equals(String.valueOf(n)))) {
                        meta.appendArrayItem(Namespaces.DARKTABLE, "colorlabels", SEQ, String.valueOf(n), null);
                    }
                }
            }
            boolean digiKam = meta.doesPropertyExist(Namespaces.DIGIKAM, "TagsList")
                    || meta.doesPropertyExist(Namespaces.DIGIKAM, "PickLabel");
            if (digiKam && !meta.doesPropertyExist(Namespaces.DIGIKAM, "ColorLabel")) {
                labels.stream().mapToInt(SidecarTags.DIGIKAM::indexOf).filter(n -> n > 0).findFirst()
                        .ifPresent(n -> set(meta, "ColorLabel", n));
            }
        }
        if (!picks.isEmpty() && !meta.doesPropertyExist(Namespaces.DIGIKAM, "PickLabel")) {
            int n = SidecarTags.PICKS.indexOf(picks.get(0));
            if (n > 0) {
                set(meta, "PickLabel", n);
            }
        }
    }

    /**
     * Takes out of the sidecar the labels, picks and keyword paths ({@code label:red}, {@code pick:accepted},
     * {@code places|europe|paris}) of {@code gone}: tags alice held when it last wrote the sidecar and no longer holds.
     * Every form a tool keeps them in goes ({@code xmp:Label}, darktable's list, digiKam's numbers with the
     * {@code photoshop:Urgency} it reads when its own is missing, its tag lists), or that tool would show them still.
     * Lightroom's hierarchy is the writer's ({@link SidecarWriter}).
     */
    static void forget(XMPMeta meta, java.util.Collection<String> gone) throws XMPException {
        java.util.Set<String> labels = new java.util.HashSet<>();
        java.util.Set<String> picks = new java.util.HashSet<>();
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (String t : gone) {
            if (t.startsWith(SidecarTags.LABEL)) {
                labels.add(t.substring(SidecarTags.LABEL.length()));
            } else if (t.startsWith(SidecarTags.PICK)) {
                picks.add(t.substring(SidecarTags.PICK.length()));
            } else {
                paths.add(t);
            }
        }
        XMPProperty label = meta.getProperty(XMPConst.NS_XMP, "Label");
        if (label != null && labels.contains(SidecarTags.colour(label.getValue()))) {
            meta.deleteProperty(XMPConst.NS_XMP, "Label");
        }
        deleteItems(meta, Namespaces.DARKTABLE, "colorlabels",
                v -> labels.contains(SidecarReader.named(SidecarTags.DARKTABLE, v, 0)));
        XMPProperty colour = meta.getProperty(Namespaces.DIGIKAM, "ColorLabel");
        if (colour != null && labels.contains(SidecarReader.named(SidecarTags.DIGIKAM, colour.getValue(), 1))) {
            meta.deleteProperty(Namespaces.DIGIKAM, "ColorLabel");
            XMPProperty urgency = meta.getProperty(XMPConst.NS_PHOTOSHOP, "Urgency");
            if (urgency != null && String.valueOf(urgency.getValue()).strip().equals(colour.getValue().strip())) {
                meta.deleteProperty(XMPConst.NS_PHOTOSHOP, "Urgency");
            }
        }
        XMPProperty pick = meta.getProperty(Namespaces.DIGIKAM, "PickLabel");
        if (pick != null && picks.contains(SidecarReader.named(SidecarTags.PICKS, pick.getValue(), 1))) {
            meta.deleteProperty(Namespaces.DIGIKAM, "PickLabel");
        }
        if (!paths.isEmpty()) {
            deleteItems(meta, Namespaces.DIGIKAM, "TagsList", v -> paths.contains(SidecarTags.pathTag(v, '/')));
            deleteItems(meta, Namespaces.MICROSOFT_PHOTO, "LastKeywordXMP",
                    v -> paths.contains(SidecarTags.pathTag(v, '/')));
            deleteItems(meta, Namespaces.MEDIAPRO, "CatalogSets", v -> paths.contains(SidecarTags.pathTag(v, '|')));
        }
    }

    /** Deletes the items of an array property whose value {@code gone} accepts. */
    private static void deleteItems(XMPMeta meta, String ns, String name, java.util.function.Predicate<String> gone)
            throws XMPException {
        if (!meta.doesPropertyExist(ns, name)) {
            return;
        }
        for (int i = meta.countArrayItems(ns, name); i >= 1; i--) {
            XMPProperty item = meta.getArrayItem(ns, name, i);
            if (item != null && item.getValue() != null && gone.test(item.getValue())) {
                meta.deleteArrayItem(ns, name, i);
            }
        }
    }

    private static void set(XMPMeta meta, String name, int value) {
        try {
            meta.setPropertyInteger(Namespaces.DIGIKAM, name, value);
        } catch (XMPException e) {
            throw new IllegalStateException(e); // a registered namespace and a simple name: cannot happen
        }
    }

    private static Integer integer(XMPProperty p) {
        if (p == null || p.getValue() == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(p.getValue().strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
