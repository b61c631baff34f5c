package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy InvokeAI (lstein "dream") command line kept in the PNG {@code Dream} chunk:
 * {@code "prompt [negative]" -s 50 -S 2980747362 -W 512 -H 768 -C 5.0 -A k_lms}. The prompt is quoted (older
 * files may leave it bare, up to the first option); bracketed parts of it are the negative prompt. Options this
 * class does not map go to {@code extra} under a readable name or their flag. Stateless.
 */
final class InvokeAiDream {
    private static final Map<String, String> EXTRA_NAMES = Map.of(
            "G", "facetool_strength", "cf", "codeformer_fidelity", "U", "upscale", "f", "strength",
            "I", "init_img", "M", "init_mask", "V", "variation_amount", "ft", "facetool", "F", "fit");

    private InvokeAiDream() {
    }

    static Optional<Generation> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        String prompt;
        String rest;
        if (t.charAt(0) == '"') {
            int end = closingQuote(t);
            prompt = unescape(t.substring(1, end));
            rest = end + 1 < t.length() ? t.substring(end + 1) : "";
        } else {
            int opt = firstOption(t);
            prompt = opt < 0 ? t : t.substring(0, opt);
            rest = opt < 0 ? "" : t.substring(opt);
        }
        List<String[]> options = options(rest);
        if (options.isEmpty()) {
            // a bare sentence in a chunk named Dream is not enough to say InvokeAI wrote it
            return Optional.empty();
        }
        String[] split = splitNegative(prompt);
        Generation.Builder b = Generation.builder(Source.INVOKEAI).prompt(split[0]).negative(split[1]);
        for (String[] o : options) {
            String flag = o[0];
            String value = o[1];
            switch (flag) {
                case "s", "steps" -> b.steps(Values.toInteger(value));
                case "S", "seed" -> b.seed(value);
                case "W", "width" -> b.size(positive(value), null);
                case "H", "height" -> b.size(null, positive(value));
                case "C", "cfg_scale" -> b.cfgScale(Values.toDouble(value));
                case "A", "sampler" -> b.sampler(value);
                case "m", "model" -> b.model(value);
                default -> b.extra(EXTRA_NAMES.getOrDefault(flag, flag), value.isEmpty() ? "true" : value);
            }
        }
        b.extra("found_in", "Dream");
        return Optional.of(b.build());
    }

    /**
     * Splits InvokeAI prompt text into {positive, negative}: text inside (outermost) square brackets is negative,
     * joined with ", "; an unclosed bracket is kept as positive text. Either part may be null.
     */
    static String[] splitNegative(String text) {
        if (text == null) {
            return new String[]{null, null};
        }
        StringBuilder pos = new StringBuilder();
        List<String> negs = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == ']' && depth > 0) {
                if (--depth == 0) {
                    String neg = text.substring(start + 1, i).strip();
                    if (!neg.isEmpty()) {
                        negs.add(neg);
                    }
                    // drop the space before the bracket so "a [b] c" reads "a c"
                    while (pos.length() > 0 && pos.charAt(pos.length() - 1) == ' ' && i + 1 < text.length()
                            && text.charAt(i + 1) == ' ') {
                        pos.setLength(pos.length() - 1);
                    }
                }
            } else if (depth == 0) {
                pos.append(c);
            }
        }
        if (depth > 0) {
            pos.append(text, start, text.length());
        }
        String p = pos.toString().strip();
        return new String[]{p.isEmpty() ? null : p, negs.isEmpty() ? null : String.join(", ", negs)};
    }

    private static Integer positive(String value) {
        Integer v = Values.toInteger(value);
        return v != null && v > 0 ? v : null;
    }

    private static int closingQuote(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return t.length();
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Index of the first " -x" option in bare text, or -1. */
    private static int firstOption(String t) {
        for (int i = 0; i + 2 < t.length(); i++) {
            if (t.charAt(i) == ' ' && t.charAt(i + 1) == '-' && isFlagStart(t.charAt(i + 2))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {flag, value} pairs; a value is every token up to the next flag, joined by one space. */
    private static List<String[]> options(String rest) {
        List<String[]> out = new ArrayList<>();
        String flag = null;
        StringBuilder value = new StringBuilder();
        for (String tok : rest.strip().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            if (isFlag(tok)) {
                if (flag != null) {
                    out.add(new String[]{flag, value.toString()});
                }
                flag = tok.replaceFirst("^--?", "");
                value.setLength(0);
            } else if (flag != null) {
                if (value.length() > 0) {
                    value.append(' ');
                }
                value.append(tok);
            }
        }
        if (flag != null) {
            out.add(new String[]{flag, value.toString()});
        }
        return out;
    }

    private static boolean isFlag(String tok) {
        int i = tok.startsWith("--") ? 2 : 1;
        return tok.length() > i && tok.charAt(0) == '-' && isFlagStart(tok.charAt(i));
    }

    private static boolean isFlagStart(char c) {
        return Character.isLetter(c);
    }
}
