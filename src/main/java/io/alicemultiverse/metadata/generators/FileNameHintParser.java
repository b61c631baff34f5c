package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last resort: the default file names generators and services give their downloads ({@code ComfyUI_00001_.png},
 * {@code DALL·E 2024-03-15 10.22.33 - a cat.png}, {@code user_a_red_fox_<uuid>.png}, {@code 00012-1234567890.png}…).
 * Conservative: only names that match a known pattern whole or start with a service's own name; a bare long
 * number is no evidence. The answer carries {@code extra.hint = "file name"} and a prompt only when the name holds
 * one. Register it after every parser that reads embedded metadata. Stateless and thread-safe; never throws.
 */
final class FileNameHintParser implements GeneratorParser {
    /** Case-insensitive ending of a service prefix: a separator, a digit or the end of the name. */
    private static final String END = "(?:[ _\\-.(]|\\d|$)";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** A name pattern, its source, and how its prompt group (if any) turns into text. */
    private record Hint(Pattern pattern, Source source, Integer promptGroup, boolean underscores,
                        Integer seedGroup) {
        static Hint of(String regex, Source source) {
            return new Hint(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), source, null, false, null);
        }
    }

    private static final List<Hint> HINTS = List.of(
            Hint.of("^ComfyUI_(?:temp_[a-z]+_)?\\d{3,}_?$", Source.COMFYUI),
            new Hint(Pattern.compile("^(?:DALL[·\\-]?E|DALLE)(?: ?[23])?\\s+\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}[.:]\\d{2}"
                    + "[.:]\\d{2}\\s+-\\s+(.+)$", Pattern.CASE_INSENSITIVE), Source.OPENAI, 1, false, null),
            Hint.of("^(?:DALL[·\\-]?E|DALLE)" + END, Source.OPENAI),
            Hint.of("^ChatGPT Image ", Source.OPENAI),
            Hint.of("^Leonardo_", Source.LEONARDO),
            Hint.of("^Firefly" + END, Source.FIREFLY),
            Hint.of("^ideogram" + END, Source.IDEOGRAM),
            Hint.of("^(?:Gen-[234](?!\\d)(?: Alpha)?|runway" + END + ")", Source.RUNWAY),
            Hint.of("^kling" + END, Source.KLING),
            Hint.of("^pika" + END, Source.PIKA),
            Hint.of("^(?:luma" + END + "|dream[ _-]?machine)", Source.LUMA),
            Hint.of("^flux(?:[_\\-. ]|\\d|$)", Source.FLUX),
            // after the named services: their downloads may also end in an id
            new Hint(Pattern.compile("^[a-z0-9.\\-]+_((?:[^_]+_)+?[^_]+)_" + UUID + "(?:_\\d+)*$",
                    Pattern.CASE_INSENSITIVE), Source.MIDJOURNEY, 1, true, null),
            new Hint(Pattern.compile("^\\d{5}-(\\d{1,20})$"), Source.AUTOMATIC1111, null, false, 1));

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        String stem = stem(raw.fileName());
        if (stem == null) {
            return Optional.empty();
        }
        for (Hint h : HINTS) {
            Matcher m = h.pattern().matcher(stem);
            if (!m.find()) {
                continue;
            }
            Generation.Builder b = Generation.builder(h.source());
            if (h.promptGroup() != null) {
                String p = m.group(h.promptGroup());
                b.prompt(h.underscores() ? p.replace('_', ' ') : p);
            }
            if (h.seedGroup() != null) {
                b.seed(m.group(h.seedGroup()));
            }
            return Optional.of(b.extra("hint", "file name").build());
        }
        return Optional.empty();
    }

    /** The name without folders and without a short extension; null for a missing name. */
    private static String stem(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.length() - dot <= 6 && name.substring(dot + 1).chars().allMatch(Character::isLetterOrDigit)) {
            name = name.substring(0, dot);
        }
        return name.isEmpty() || name.length() > 400 ? null : name;
    }
}
