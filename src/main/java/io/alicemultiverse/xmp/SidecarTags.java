package io.alicemultiverse.xmp;

import io.alicemultiverse.catalog.AssetRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How what photo managers keep outside their keywords lives among alice's user tags, searchable like any tag:
 * a rating is {@code rating N} (-1 rejected, 1–5 stars), a colour label {@code label:red} (Lightroom's, Bridge's,
 * darktable's or digiKam's), a digiKam pick label {@code pick:accepted}, and a keyword path
 * ({@code lr:hierarchicalSubject} {@code Places|Europe|Paris}, digiKam's {@code Places/Europe/Paris}) the tag
 * {@code places|europe|paris}, beside its last level {@code paris}. None of them is ever written as a plain
 * keyword ({@code dc:subject}): they go back to the properties they came from. Stateless.
 */
final class SidecarTags {
    static final String LABEL = "label:";
    static final String PICK = "pick:";
    private static final Pattern RATING = Pattern.compile("rating (-1|[0-5])");
    /** darktable's {@code colorlabels} numbers. */
    static final List<String> DARKTABLE = List.of("red", "yellow", "green", "blue", "purple");
    /**
     * digiKam's {@code ColorLabel} numbers (0 is none). Its 6, "magenta", is the colour darktable and Lightroom
     * call purple (digiKam itself writes {@code xmp:Label="Purple"} beside it), so it is one label here.
     */
    static final List<String> DIGIKAM = List.of("", "red", "orange", "yellow", "green", "blue", "purple", "gray",
            "black", "white");
    /** digiKam's {@code PickLabel} numbers (0 is none). */
    static final List<String> PICKS = List.of("", "rejected", "pending", "accepted");

    private SidecarTags() {
    }

    /** Whether {@code tag} stands for a rating, a label or a pick rather than a keyword. */
    static boolean special(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        return RATING.matcher(t).matches() || t.startsWith(LABEL) || t.startsWith(PICK);
    }

    /** The asset's keyword path tags ({@code places|europe|paris}), user tags only. */
    static List<String> paths(List<AssetRecord.Tag> tags) {
        List<String> out = new ArrayList<>();
        for (AssetRecord.Tag t : tags) {
            if ("user".equals(t.origin()) && !special(t.tag()) && path(t.tag())) {
                out.add(t.tag().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Whether {@code tag} is a keyword path ({@code places|europe|paris}). */
    static boolean path(String tag) {
        return tag.indexOf('|') > 0;
    }

    /** The tag of a rating. */
    static String rating(int stars) {
        return "rating " + stars;
    }

    /**
     * The rating the asset's user tags give ({@code rating N}; the last when there are several), 0 when the only one
     * is {@code rating 0} (a person cleared it: the analyzer's stars must not fill it), or null when none.
     */
    static Integer rating(List<AssetRecord.Tag> tags) {
        Integer r = null;
        for (AssetRecord.Tag t : tags) {
            if ("user".equals(t.origin()) && RATING.matcher(t.tag().toLowerCase(Locale.ROOT)).matches()) {
                int n = Integer.parseInt(t.tag().substring("rating ".length()));
                r = n == 0 && r != null ? r : n;
            }
        }
        return r;
    }

    /**
     * A colour label as one name whichever tool wrote it: trimmed, lower case ({@code Red}, {@code red}), with
     * digiKam's and others' names for the same colour made one ({@code magenta}, {@code violet} → {@code purple},
     * {@code grey} → {@code gray}; Lightroom's German, French, Spanish and Italian names, {@code Rot} → {@code red});
     * null for none ({@code None}, blank).
     */
    static String colour(String name) {
        if (name == null) {
            return null;
        }
        String c = SidecarReader.keyword(name);
        // Lightroom writes its label names in the language of its interface
        return switch (c) {
            case "", "none" -> null;
            case "magenta", "violet", "lila", "morado", "viola" -> "purple";
            case "grey" -> "gray";
            case "rot", "rouge", "rojo", "rosso" -> "red";
            case "gelb", "jaune", "amarillo", "giallo" -> "yellow";
            case "grün", "vert", "verde" -> "green";
            case "blau", "bleu", "azul", "blu" -> "blue";
            default -> c;
        };
    }

    /** The values of the asset's user tags with {@code prefix} ({@code label:} or {@code pick:}), in order. */
    static List<String> values(List<AssetRecord.Tag> tags, String prefix) {
        List<String> out = new ArrayList<>();
        for (AssetRecord.Tag t : tags) {
            String tag = t.tag().toLowerCase(Locale.ROOT);
            String value = tag.startsWith(prefix) && tag.length() > prefix.length()
                    ? LABEL.equals(prefix) ? colour(tag.substring(prefix.length())) : tag.substring(prefix.length())
                    : null;
            if ("user".equals(t.origin()) && value != null && !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /**
     * A keyword path as a tag: each level as {@link SidecarReader#keyword} makes it, joined by {@code |}; null when
     * it has fewer than two levels. {@code separator} is {@code |} (Lightroom) or {@code /} (digiKam).
     */
    static String pathTag(String path, char separator) {
        List<String> levels = new ArrayList<>();
        for (String level : path.split(Pattern.quote(String.valueOf(separator)))) {
            String k = SidecarReader.keyword(level.replace('|', '/'));
            if (!k.isEmpty()) {
                levels.add(k);
            }
        }
        return levels.size() < 2 ? null : String.join("|", levels);
    }

    /** The last level of a keyword path tag. */
    static String leaf(String pathTag) {
        return pathTag.substring(pathTag.lastIndexOf('|') + 1);
    }

    /** {@code red} as Lightroom writes it: {@code Red}. */
    static String title(String label) {
        return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }
}
