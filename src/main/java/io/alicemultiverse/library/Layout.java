package io.alicemultiverse.library;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library layout template such as {@code {date}/{project}/{source}/{project}-{seq:05}{ext}}. Placeholders:
 * {@code date} (yyyy-MM-dd), {@code year}, {@code month}, {@code day}, {@code project}, {@code source},
 * {@code model}, {@code name} (the original file name without extension), {@code hash8} (first 8 hex digits of
 * the content hash), {@code seq} or {@code seq:0N} (a number zero-padded to N digits), {@code ext} (the extension
 * with its dot). Values are made safe as path components. Immutable and thread-safe.
 */
public final class Layout {
    public static final String DEFAULT = "{date}/{project}/{source}/{project}-{seq:05}{ext}";
    private static final Pattern TOKEN = Pattern.compile("\\{([a-z0-9]+)(?::(\\d{1,2}))?}");
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\:*?\"<>|\\p{Cntrl}]+");
    private static final Pattern LEADING_DOTS = Pattern.compile("^\\.+");
    private static final List<String> KNOWN = List.of("date", "year", "month", "day", "project", "source", "model",
            "name", "hash8", "seq", "ext");

    /** The values one file contributes to its path. */
    public record Values(LocalDateTime date, String project, String source, String model, String name,
                         String contentHash, String ext) {
    }

    private final String template;

    private Layout(String template) {
        this.template = template;
    }

    /** Parses and validates a template; throws {@link IllegalArgumentException} naming the problem. */
    public static Layout of(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("layout template is empty");
        }
        if (template.startsWith("/") || template.contains("..") || template.contains("\\")) {
            throw new IllegalArgumentException("layout template must be a relative path without '..' or '\\': " + template);
        }
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in layout template; "
                        + "known: " + String.join(", ", KNOWN));
            }
        }
        String stripped = TOKEN.matcher(template).replaceAll("");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw new IllegalArgumentException("malformed placeholder in layout template: " + template);
        }
        for (String part : template.split("/", -1)) {
            // a hidden name (.alice/…, .{name}…, a file name that is only {ext}) would be filed, yet skipped by
            // check and index rebuild, which would forget its asset; an empty one is not the path catalogued
            if (part.isEmpty() || part.startsWith(".") || part.startsWith("{ext}")) {
                throw new IllegalArgumentException("layout template has an empty or hidden folder or file name "
                        + "(each part between '/' must be non-empty and must not start with '.' or {ext}): " + template);
            }
        }
        if (!template.contains("{ext}")) {
            throw new IllegalArgumentException("layout template must end the file name with {ext}: " + template);
        }
        return new Layout(template);
    }

    public String template() {
        return template;
    }

    /** Whether the template numbers files; without {@code {seq}}, collisions get a {@code -N} suffix instead. */
    public boolean numbered() {
        return template.contains("{seq");
    }

    /** Renders a library-relative path with {@code /} separators. */
    public String render(Values v, int seq) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String width = m.group(2);
            String value = switch (token) {
                case "date" -> pad(v.date().getYear(), 4) + "-" + pad(v.date().getMonthValue(), 2) + "-"
                        + pad(v.date().getDayOfMonth(), 2);
                case "year" -> pad(v.date().getYear(), 4);
                case "month" -> pad(v.date().getMonthValue(), 2);
                case "day" -> pad(v.date().getDayOfMonth(), 2);
                case "project" -> safe(v.project(), "uncategorized");
                case "source" -> safe(v.source(), "unknown");
                case "model" -> safe(v.model(), "unknown-model");
                case "name" -> safe(v.name(), "file");
                case "hash8" -> v.contentHash().substring(0, Math.min(8, v.contentHash().length()));
                case "seq" -> width == null ? Integer.toString(seq)
                        : pad(seq, Integer.parseInt(width));
                case "ext" -> v.ext();
                default -> throw new IllegalStateException(token);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code value} zero-padded to {@code width} digits, as {@code %0<width>d} formats it (without a Formatter). */
    static String pad(int value, int width) {
        if (value < 0) {
            return String.format(Locale.ROOT, "%0" + width + "d", value);
        }
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /**
     * The sequence number in {@code path} if it was rendered by this template for {@code project} and
     * {@code source}, else -1. Used to continue numbering from the highest number present.
     */
    public int seqOf(String path, String project, String source) {
        return seqPattern(project, source).map(p -> {
            Matcher m = p.matcher(path);
            if (!m.matches()) {
                return -1;
            }
            try {
                return Integer.parseInt(m.group("seq"));
            } catch (NumberFormatException e) {
                return -1;
            }
        }).orElse(-1);
    }

    /** A regex matching paths this template renders for one project and source, capturing {@code seq}. */
    java.util.Optional<Pattern> seqPattern(String project, String source) {
        if (!numbered()) {
            return java.util.Optional.empty();
        }
        Matcher m = TOKEN.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        boolean seqSeen = false;
        List<String> parts = new ArrayList<>();
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String token = m.group(1);
            switch (token) {
                case "date" -> regex.append("\\d{4}-\\d{2}-\\d{2}");
                case "year" -> regex.append("\\d{4}");
                case "month", "day" -> regex.append("\\d{2}");
                case "project" -> regex.append(Pattern.quote(safe(project, "uncategorized")));
                case "source" -> regex.append(Pattern.quote(safe(source, "unknown")));
                case "seq" -> {
                    regex.append(seqSeen ? "\\d+" : "(?<seq>\\d+)");
                    seqSeen = true;
                }
                case "ext" -> regex.append("\\.[^/.]+");
                default -> regex.append("[^/]*?");
            }
            parts.add(token);
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return java.util.Optional.of(Pattern.compile(regex.toString()));
    }

    /** Makes a value safe as one path component: no separators, control characters, dots-only or huge names. */
    static String safe(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String s = UNSAFE.matcher(value.strip()).replaceAll("_");
        s = LEADING_DOTS.matcher(s).replaceFirst("_");
        if (s.length() > 80) {
            // never half of a surrogate pair (an emoji): a lone surrogate is no file name, and the run would stop
            s = s.substring(0, Character.isHighSurrogate(s.charAt(79)) ? 79 : 80);
        }
        return s.isBlank() ? fallback : s;
    }
}
