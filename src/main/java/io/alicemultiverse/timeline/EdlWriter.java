package io.alicemultiverse.timeline;

import java.util.Locale;

/**
 * Writes a timeline as a CMX 3600 edit decision list: a {@code TITLE:} and {@code FCM: NON-DROP FRAME} header, then
 * one cut event per clip — event number, reel, {@code V}, {@code C}, source in/out and record in/out — followed by
 * the comment lines editors read ({@code * FROM CLIP NAME:}, {@code * SOURCE FILE:}, {@code * COMMENT:} with the
 * prompt). Every out point is its in point plus the clip's length (an out point is exclusive in CMX 3600), which
 * the original AliceMultiverse got wrong. Written by hand: no Java library writes EDLs. Stateless.
 */
final class EdlWriter implements TimelineWriter {
    /** Longest comment line written; editors truncate long lines anyway. */
    private static final int MAX_COMMENT = 250;

    @Override
    public String write(Timeline t) {
        StringBuilder out = new StringBuilder();
        out.append("TITLE: ").append(oneLine(t.name(), 70)).append("\r\n");
        out.append("FCM: NON-DROP FRAME\r\n\r\n");
        long record = t.startFrame();
        int event = 1;
        for (Clip c : t.clips()) {
            if (event > 999) {
                throw new IllegalArgumentException("a CMX 3600 EDL holds at most 999 events, not " + t.clips().size());
            }
            out.append(String.format(Locale.ROOT, "%03d  %-8s V     C        %s %s %s %s\r\n", event, c.reel(),
                    Timecode.of(0, t.fps()), Timecode.of(c.frames(), t.fps()), Timecode.of(record, t.fps()),
                    Timecode.of(record + c.frames(), t.fps())));
            out.append("* FROM CLIP NAME: ").append(oneLine(c.name(), MAX_COMMENT)).append("\r\n");
            out.append("* SOURCE FILE: ").append(oneLine(c.file().toString(), 1000)).append("\r\n");
            if (c.prompt() != null && !c.prompt().isBlank()) {
                out.append("* COMMENT: ").append(oneLine(c.prompt(), MAX_COMMENT)).append("\r\n");
            }
            out.append("\r\n");
            record += c.frames();
            event++;
        }
        return out.toString();
    }

    /** Text on one line (an EDL is line-based; a newline inside a prompt would start a bogus event). */
    private static String oneLine(String s, int max) {
        String flat = s == null ? "" : s.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
