package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Lora;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags derived from a generation: the prompt's comma-separated phrases, normalised (lower case, emphasis and
 * weight syntax such as {@code (word:1.2)}, {@code [word]}, {@code {word}}, {@code word++} and LoRA references
 * stripped), plus the LoRA names and the model. Stateless.
 */
public final class PromptTags {
    private static final Pattern LORA = Pattern.compile("<[^>]*>");
    private static final Pattern WEIGHT = Pattern.compile(":\\s*-?\\d+(\\.\\d+)?\\s*(?=[)\\]}]|$)");
    private static final Pattern BRACKETS = Pattern.compile("[()\\[\\]{}]");
    private static final Pattern PLUS_MINUS = Pattern.compile("[+\\-]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_TAG = 60;
    private static final int MAX_TAGS = 40;

    private PromptTags() {
    }

    public static List<AssetRecord.Tag> of(Generation g) {
        List<AssetRecord.Tag> out = new ArrayList<>();
        for (String phrase : phrases(g.prompt())) {
            out.add(new AssetRecord.Tag(phrase, "prompt", "prompt", null));
        }
        Set<String> loras = new LinkedHashSet<>();
        for (Lora l : g.loras()) {
            loras.add(l.name().toLowerCase(Locale.ROOT));
        }
        for (String l : loras) {
            out.add(new AssetRecord.Tag(l, "lora", "prompt", null));
        }
        if (g.model() != null) {
            out.add(new AssetRecord.Tag(g.model().toLowerCase(Locale.ROOT), "model", "prompt", null));
        }
        return out;
    }

    /** The normalised phrases of a prompt, in order, without duplicates. */
    public static List<String> phrases(String prompt) {
        Set<String> out = new LinkedHashSet<>();
        if (prompt == null) {
            return List.of();
        }
        String p = LORA.matcher(prompt).replaceAll(",");
        for (String raw : p.split("[,\\n|]")) {
            String t = WEIGHT.matcher(raw).replaceAll("");
            t = BRACKETS.matcher(t).replaceAll(" ");
            t = t.replace("\\", "");
            t = PLUS_MINUS.matcher(t.strip()).replaceAll("");
            t = SPACES.matcher(t).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
            t = t.replaceAll(":\\s*-?\\d+(\\.\\d+)?$", "").strip();
            if (t.length() >= 2 && t.length() <= MAX_TAG && !t.chars().allMatch(Character::isDigit)) {
                out.add(t);
            }
            if (out.size() >= MAX_TAGS) {
                break;
            }
        }
        return new ArrayList<>(out);
    }
}
