package io.alicemultiverse.cli;

/**
 * Text from files (prompts, file names, tags, descriptions) made safe to print on a terminal: anyone may have
 * written it, and a control character in it is an instruction to the terminal, not text — an escape sequence can
 * clear the screen, retitle the window, recolour or hide what follows, write to the clipboard (OSC 52), and a
 * carriage return or a bidirectional override can make a line read as something it is not. Each such character is
 * shown as a visible escape ({@code \x1b}, {@code \u202e}) instead; everything else, other scripts and emoji
 * included, is left as it is. Stateless.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} on one line: every control character, line breaks and tabs included, shown escaped. */
    static String line(String s) {
        return escape(s, false);
    }

    /** {@code s} keeping its line breaks ({@code \n}) and tabs; every other control character shown escaped. */
    static String lines(String s) {
        return escape(s, true);
    }

    /**
     * {@link #line}({@code s}) followed by spaces up to {@code columns} terminal columns: a CJK character or an emoji
     * takes two columns and a combining mark none (JLine's {@code wcwidth}, which {@code %-40s} does not know), so a
     * table's next column stays aligned whatever script a name is in. Never cuts a longer text.
     */
    static String padded(String s, int columns) {
        String shown = line(s == null ? "null" : s);
        int width = 0;
        for (int i = 0; i < shown.length(); ) {
            int cp = shown.codePointAt(i);
            width += Math.max(0, org.jline.utils.WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return width >= columns ? shown : shown + " ".repeat(columns - width);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = unsafe(c) && !(keepLines && (c == '\n' || c == '\t'));
            if (unsafe && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Escapes for {@code --json} output: JSON escapes the C0 controls itself but allows DEL, the C1 controls and the
     * bidirectional overrides raw, and a terminal showing that JSON obeys them (U+009B is a one-byte CSI). These are
     * written as {@code \u0085}, {@code \u202e}…: the same string to a JSON reader, inert on a terminal.
     */
    static final class JsonEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final int[] ASCII;

        static {
            ASCII = standardAsciiEscapesForJSON();
            ASCII[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && unsafe((char) ch)
                    ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /** A mapper whose output keeps no control character raw ({@link JsonEscapes}): what {@code --json} prints. */
    static com.fasterxml.jackson.databind.ObjectMapper jsonMapper() {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        m.getFactory().setCharacterEscapes(new JsonEscapes());
        return m;
    }

    /** C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates. */
    private static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
