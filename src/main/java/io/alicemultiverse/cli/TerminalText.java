package io.alicemultiverse.cli;

/**
 * Makes text read from files safe to print on a terminal: control characters (C0 but tab and newline, DEL, C1) are
 * shown as JSON-style escapes (ESC as backslash, u, 001b) instead of being sent raw, so a prompt cannot recolour, clear or retitle
 * the user's terminal. Stateless.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} with every control character but tab and newline escaped; a CRLF line end becomes a newline. */
    static String printable(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replace("\r\n", "\n");
        StringBuilder b = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            if (control && b == null) {
                b = new StringBuilder(t.length() + 16).append(t, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? t : b.toString();
    }
}
