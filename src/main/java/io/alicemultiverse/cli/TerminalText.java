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

    /** C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates. */
    private static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
