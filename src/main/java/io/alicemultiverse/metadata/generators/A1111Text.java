package io.alicemultiverse.metadata.generators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the A1111 "infotext" ({@code prompt\nNegative prompt: …\nSteps: 20, Sampler: …}) into prompt, negative
 * prompt and the ordered parameter map. Written by hand because no Java library reads this format; it follows
 * A1111's own {@code parse_generation_parameters}: the last line holding at least three {@code Key: value} pairs is
 * the parameter line, quoted values may contain commas, and {@code {…}} JSON values (e.g. {@code Hashes}) are kept
 * whole, as are {@code […]} lists (Civitai's resources). Stateless.
 */
final class A1111Text {
    private static final String NEGATIVE = "Negative prompt:";
    private static final String STEPS = ", Steps: ";
    // possessive quantifiers: the name, the weight and the rest cannot give characters back to each other, so a
    // "<lora:" never closed is given up in one pass (found by fuzzing: 20 KB after it took 0.8 s, quadratic)
    private static final java.util.regex.Pattern PROMPT_LORA =
            java.util.regex.Pattern.compile("<(?:lora|lyco|hypernet):([^:>]++)(?::([^:>]*+))?[^>]*+>");

    /** The parts of one infotext; {@code params} keeps file order, values unquoted. */
    record Parts(String prompt, String negative, Map<String, String> params) {
        /** The parameter spelled {@code name}, exactly or tolerating case and separators ({@code CFG Scale}). */
        String param(String name) {
            return A1111Text.param(params, name);
        }
    }

    /** The value of {@code name} in {@code params}, exactly or tolerating case and separators; null when absent. */
    static String param(Map<String, String> params, String name) {
        String exact = params.get(name);
        if (exact != null) {
            return exact;
        }
        String want = Keys.normal(name);
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (Keys.matches(e.getKey(), want)) {
                return e.getValue();
            }
        }
        return null;
    }

    private A1111Text() {
    }

    static Parts parse(String text) {
        String[] lines = text.strip().replace("\r\n", "\n").split("\n", -1);
        int paramLine = -1;
        Map<String, String> params = Map.of();
        for (int i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) {
            Map<String, String> p = parseParams(lines[i]);
            if (p.size() >= 3 || param(p, "Steps") != null) {
                paramLine = i;
                params = p;
                break;
            }
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = null;
        int end = paramLine < 0 ? lines.length : paramLine;
        if (paramLine == 0) {
            // all on one line ("a red fox, Steps: 20, Sampler: Euler a, …"), as some sites and scripts copy it: A1111's
            // own reader gives no prompt, but what comes before its first parameter (always Steps) is the prompt,
            // unless it starts as a parameter does ("Key: value"; a weight such as "(red:1.2)" has no space after it)
            int steps = lines[0].indexOf(STEPS);
            String first = steps > 0 ? lines[0].substring(0, steps).split(",", 2)[0] : "";
            int colon = first.indexOf(": ");
            if (steps > 0 && (colon < 0 || !isKey(first.substring(0, colon).strip()))) {
                prompt.append(lines[0], 0, steps);
                params = parseParams(lines[0].substring(steps + 2));
            }
        }
        for (int i = 0; i < end; i++) {
            String line = lines[i];
            if (negative == null && line.startsWith(NEGATIVE)) {
                negative = new StringBuilder(line.substring(NEGATIVE.length()).strip());
                continue;
            }
            StringBuilder target = negative != null ? negative : prompt;
            if (target.length() > 0) {
                target.append('\n');
            }
            target.append(line);
        }
        return new Parts(prompt.toString().strip(), negative == null ? null : negative.toString().strip(), params);
    }

    /** Parses {@code Key: value, Key2: "quoted, value", Hashes: {"a": "b"}} into an ordered map. */
    static Map<String, String> parseParams(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            int colon = line.indexOf(':', i);
            if (colon < 0) {
                break;
            }
            String key = line.substring(i, colon).strip();
            if (!isKey(key)) {
                // not "Key: value"; skip to the next comma so one odd token does not lose the rest
                int comma = line.indexOf(',', i);
                if (comma < 0) {
                    break;
                }
                i = comma + 1;
                continue;
            }
            i = colon + 1;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int valueEnd;
            String value;
            if (i < n && line.charAt(i) == '"') {
                valueEnd = endOfQuoted(line, i);
                value = unquote(line.substring(i, valueEnd));
            } else if (i < n && (line.charAt(i) == '{' || line.charAt(i) == '[')) {
                valueEnd = endOfBraces(line, i);
                value = line.substring(i, valueEnd);
            } else {
                int comma = line.indexOf(',', i);
                valueEnd = comma < 0 ? n : comma;
                value = line.substring(i, valueEnd).strip();
            }
            out.putIfAbsent(key, value);
            i = valueEnd;
        }
        return out;
    }

    /** LoRA references written in the prompt, {@code <lora:name:0.8>} or {@code <lyco:name>}. */
    static List<String[]> promptLoras(String prompt) {
        List<String[]> out = new ArrayList<>();
        if (prompt == null) {
            return out;
        }
        java.util.regex.Matcher m = PROMPT_LORA.matcher(prompt);
        while (m.find()) {
            out.add(new String[]{m.group(1).strip(), m.group(2)});
        }
        return out;
    }

    private static boolean isKey(String key) {
        if (key.isEmpty() || key.length() > 60 || !Character.isLetterOrDigit(key.charAt(0))) {
            return false;
        }
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_' || c == '/' || c == '.'
                    || c == '(' || c == ')')) {
                return false;
            }
        }
        return true;
    }

    private static int endOfQuoted(String s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return s.length();
    }

    private static int endOfBraces(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static boolean isHex4(String s, int from) {
        for (int k = from; k < from + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String quoted) {
        String body = quoted.length() >= 2 && quoted.endsWith("\"") ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(1);
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 5 < body.length() && body.charAt(i + 1) == 'u' && isHex4(body, i + 2)) {
                // json.dumps without ensure_ascii=False (extensions' quoted values) writes \u00e9 for é
                sb.append((char) Integer.parseInt(body, i + 2, i + 6, 16));
                i += 5;
            } else if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
