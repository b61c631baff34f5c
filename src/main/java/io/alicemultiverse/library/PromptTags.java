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
 * weight syntax such as {@code (word:1.2)}, {@code [word]}, {@code {word}}, {@code word++}, NovelAI's
 * {@code 1.3::word::}, Midjourney's {@code word::2} and LoRA references stripped), plus the LoRA names and the model, without a weights file's
 * extension (a front-end that writes {@code model.safetensors} and one that writes {@code model} name one tag).
 * Stateless.
 */
public final class PromptTags {
    private static final Pattern LORA = Pattern.compile("<[^>]*>");
    private static final Pattern WEIGHT = Pattern.compile(":\\s*-?\\d+(\\.\\d+)?\\s*(?=[)\\]}]|$)");
    private static final Pattern BRACKETS = Pattern.compile("[()\\[\\]{}]");
    private static final Pattern PLUS_MINUS = Pattern.compile("[+\\-]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PHRASE_END = Pattern.compile("[,\\n|]");
    private static final Pattern TRAILING_WEIGHT = Pattern.compile(":\\s*-?\\d+(\\.\\d+)?$");
    /** NovelAI's weighted group: {@code -0.8::feet::}, {@code 1.5::blue hair, smile::} (the weight, then the closing). */
    /** Midjourney's multi-prompt weight after a part: {@code cat::2 dog::1} (a separator, like a comma). */
    private static final Pattern MIDJOURNEY_WEIGHT = Pattern.compile("::\\s*-?\\d+(\\.\\d+)?(?=[\\s,]|$)");
    private static final Pattern NOVELAI_WEIGHT = Pattern.compile("-?\\d+(\\.\\d+)?::|::");
    private static final Pattern WEIGHTS_FILE = Pattern.compile("\\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$",
            Pattern.CASE_INSENSITIVE);
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
            loras.add(withoutExtension(l.name()).toLowerCase(Locale.ROOT));
        }
        for (String l : loras) {
            out.add(new AssetRecord.Tag(l, "lora", "prompt", null));
        }
        if (g.model() != null) {
            out.add(new AssetRecord.Tag(withoutExtension(g.model()).toLowerCase(Locale.ROOT), "model", "prompt", null));
        }
        return out;
    }

    /** A model or LoRA name without its weights file's extension ({@code .safetensors}, {@code .ckpt}, …). */
    static String withoutExtension(String name) {
        String stripped = WEIGHTS_FILE.matcher(name.strip()).replaceFirst("");
        return stripped.isEmpty() ? name.strip() : stripped;
    }

    /** Whether {@code t} holds a bracket of any kind (emphasis or de-emphasis). */
    private static boolean hasBracket(String t) {
        for (int i = 0; i < t.length(); i++) {
            switch (t.charAt(i)) {
                case '(', ')', '[', ']', '{', '}' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** The normalised phrases of a prompt, in order, without duplicates. */
    public static List<String> phrases(String prompt) {
        Set<String> out = new LinkedHashSet<>();
        if (prompt == null) {
            return List.of();
        }
        // each pattern runs only where its first character occurs: most phrases have no weight, bracket or LoRA,
        // and these passes over every phrase of every prompt were a tenth of organize's planning thread
        String p = prompt.indexOf('<') >= 0 ? LORA.matcher(prompt).replaceAll(",") : prompt;
        if (p.contains("::")) {
            p = NOVELAI_WEIGHT.matcher(MIDJOURNEY_WEIGHT.matcher(p).replaceAll(",")).replaceAll(" ");
        }
        for (String raw : PHRASE_END.split(p)) {
            boolean colon = raw.indexOf(':') >= 0;
            String t = colon ? WEIGHT.matcher(raw).replaceAll("") : raw;
            t = hasBracket(t) ? BRACKETS.matcher(t).replaceAll(" ") : t;
            t = t.replace("\\", "").strip();
            t = t.endsWith("+") || t.endsWith("-") ? PLUS_MINUS.matcher(t).replaceAll("") : t;
            t = SPACES.matcher(t).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
            t = colon ? TRAILING_WEIGHT.matcher(t).replaceAll("").strip() : t;
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
