package io.alicemultiverse.metadata.c2pa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks ISO/IEC 19566-5 JUMBF boxes: each box is a 4-byte big-endian {@code LBox} (total length; 0 means "to the
 * end", 1 means an 8-byte {@code XLBox} follows the type), a 4-byte {@code TBox}, then the payload. A {@code jumb}
 * superbox opens with a {@code jumd} description box (type UUID, toggles, optional label) and holds content boxes and
 * nested superboxes.
 *
 * <p>Stateless and thread-safe. Never throws on bad input: every read is bounds-checked, a malformed length stops
 * the walk of its level with a problem (a box running past its parent is kept, cut at the parent's end), and
 * nesting deeper than {@link #MAX_DEPTH} is not followed.
 */
final class JumbfBoxes {
    /** How deep superboxes are followed; C2PA needs four levels. */
    static final int MAX_DEPTH = 16;

    private static final int TOGGLE_LABEL = 0x02;

    /** Where one box lies in a buffer: {@code [start, end)} overall, payload from {@code payloadStart}. */
    record Header(String type, int start, int payloadStart, int end) {
        int payloadLength() {
            return end - payloadStart;
        }
    }

    /** A content box (any box that is not a superbox) with a copy of its payload. */
    record Content(String type, byte[] payload) {
    }

    /**
     * A superbox. {@code type} is the four-character code that opens its description's type UUID (C2PA uses
     * {@code c2pa}, {@code c2ma}, {@code c2as}, {@code c2cl}, {@code cbor}, {@code json}…), null without a
     * description; {@code label} is null when the description has none.
     */
    record Superbox(String type, String label, List<Superbox> children, List<Content> contents) {
        Superbox {
            children = List.copyOf(children);
            contents = List.copyOf(contents);
        }

        /** The first child superbox with this label, or null. */
        Superbox child(String wanted) {
            for (Superbox c : children) {
                if (wanted.equals(c.label)) {
                    return c;
                }
            }
            return null;
        }

        /** The first content box of one of these types, or null. */
        Content content(String... types) {
            for (Content c : contents) {
                for (String t : types) {
                    if (t.equals(c.type)) {
                        return c;
                    }
                }
            }
            return null;
        }
    }

    private JumbfBoxes() {
    }

    /**
     * The boxes lying one after another in {@code data[from, to)}. Stops at the first box whose header does not fit
     * or whose length is impossible, noting a problem; a box longer than the room left is kept, cut to {@code to},
     * and ends the walk.
     */
    static List<Header> headers(byte[] data, int from, int to, List<String> problems) {
        List<Header> out = new ArrayList<>();
        int end = Math.min(to, data.length);
        int p = Math.max(0, from);
        while (p < end) {
            if (end - p < 8) {
                problems.add("JUMBF: " + (end - p) + " stray bytes at offset " + p);
                break;
            }
            long lbox = readU32(data, p);
            String type = fourcc(data, p + 4);
            int headerLength = 8;
            long length;
            if (lbox == 0) {
                length = end - p;
            } else if (lbox == 1) {
                if (end - p < 16) {
                    problems.add("JUMBF: box '" + printable(type) + "' at offset " + p + " lacks its XLBox");
                    break;
                }
                length = readI64(data, p + 8);
                headerLength = 16;
            } else {
                length = lbox;
            }
            if (length < headerLength) {
                problems.add("JUMBF: box '" + printable(type) + "' at offset " + p + " has impossible length " + length);
                break;
            }
            if (length > end - p) {
                problems.add("JUMBF: box '" + printable(type) + "' at offset " + p + " claims " + length
                        + " bytes, only " + (end - p) + " remain");
                out.add(new Header(type, p, p + headerLength, end));
                break;
            }
            out.add(new Header(type, p, p + headerLength, p + (int) length));
            p += (int) length;
        }
        return out;
    }

    /** The superboxes at the top level of {@code data}, each read with all it holds; other top-level boxes are skipped. */
    static List<Superbox> superboxes(byte[] data, List<String> problems) {
        List<Superbox> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        for (Header h : headers(data, 0, data.length, problems)) {
            if ("jumb".equals(h.type())) {
                out.add(superbox(data, h, 1, problems));
            }
        }
        return out;
    }

    /** Reads the superbox whose header is {@code h}; {@code depth} counts this box. */
    static Superbox superbox(byte[] data, Header h, int depth, List<String> problems) {
        List<Header> inner = headers(data, h.payloadStart(), h.end(), problems);
        String type = null;
        String label = null;
        int first = 0;
        if (!inner.isEmpty() && "jumd".equals(inner.get(0).type())) {
            Header d = inner.get(0);
            if (d.payloadLength() >= 17) {
                type = fourcc(data, d.payloadStart());
                int toggles = data[d.payloadStart() + 16] & 0xFF;
                if ((toggles & TOGGLE_LABEL) != 0) {
                    label = label(data, d.payloadStart() + 17, d.end(), problems);
                }
            } else {
                problems.add("JUMBF: description box of " + d.payloadLength() + " bytes is too short");
            }
            first = 1;
        } else {
            problems.add("JUMBF: superbox at offset " + h.start() + " has no description box");
        }
        List<Superbox> children = new ArrayList<>();
        List<Content> contents = new ArrayList<>();
        for (Header c : inner.subList(first, inner.size())) {
            if ("jumb".equals(c.type())) {
                if (depth >= MAX_DEPTH) {
                    problems.add("JUMBF: superboxes nested deeper than " + MAX_DEPTH + " were skipped");
                } else {
                    children.add(superbox(data, c, depth + 1, problems));
                }
            } else {
                contents.add(new Content(c.type(), Arrays.copyOfRange(data, c.payloadStart(), c.end())));
            }
        }
        return new Superbox(type, label, children, contents);
    }

    private static String label(byte[] data, int from, int to, List<String> problems) {
        int nul = from;
        while (nul < to && data[nul] != 0) {
            nul++;
        }
        if (nul == to) {
            problems.add("JUMBF: description label is not null-terminated");
        }
        return new String(data, from, nul - from, StandardCharsets.UTF_8);
    }

    static long readU32(byte[] b, int p) {
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }

    static long readI64(byte[] b, int p) {
        return (readU32(b, p) << 32) | readU32(b, p + 4);
    }

    static String fourcc(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String type) {
        StringBuilder sb = new StringBuilder(4);
        for (char ch : type.toCharArray()) {
            sb.append(ch >= 0x20 && ch < 0x7F ? ch : '?');
        }
        return sb.toString();
    }
}
