package io.alicemultiverse.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of CMX 3600 edit decision lists for the tests, written from the format's published grammar (no
 * EDL reader ships in Debian): a title line, an optional FCM line, then events — a 3-digit number, a reel of up to 8
 * characters, a track ({@code V}, {@code A}, {@code A2}, {@code AA}, {@code B}, {@code AA/V}), a transition
 * ({@code C}, {@code D nnn}, {@code W nnn}) and four non-drop timecodes — each followed by {@code *} comment lines.
 * Any other line is an error.
 */
final class Cmx3600 {
    private static final String TC = "(\\d{2}):([0-5]\\d):([0-5]\\d):(\\d{2})";
    private static final Pattern EVENT = Pattern.compile(
            "^(\\d{3})  ([A-Za-z0-9_]{1,8}) *(V|A|A2|AA|B|AA/V) +(C|D \\d{3}|W\\d{3}) +" + TC + " " + TC + " " + TC + " " + TC + "$");

    record Event(int number, String reel, long sourceIn, long sourceOut, long recordIn, long recordOut,
                 String clipName, String sourceFile, String comment) {
    }

    record Edl(String title, String fcm, List<Event> events) {
    }

    static Edl parse(String text, int fps) {
        String[] lines = text.split("\r?\n", -1);
        if (!lines[0].startsWith("TITLE: ")) {
            throw new IllegalArgumentException("no TITLE line: " + lines[0]);
        }
        String fcm = null;
        List<Event> events = new ArrayList<>();
        Event open = null;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("FCM: ")) {
                fcm = l.substring(5);
                continue;
            }
            Matcher m = EVENT.matcher(l);
            if (m.matches()) {
                if (open != null) {
                    events.add(open);
                }
                open = new Event(Integer.parseInt(m.group(1)), m.group(2), frames(m, 5, fps), frames(m, 9, fps),
                        frames(m, 13, fps), frames(m, 17, fps), null, null, null);
                continue;
            }
            if (l.startsWith("* ") && open != null) {
                if (l.startsWith("* FROM CLIP NAME: ")) {
                    open = new Event(open.number(), open.reel(), open.sourceIn(), open.sourceOut(), open.recordIn(),
                            open.recordOut(), l.substring(18), open.sourceFile(), open.comment());
                } else if (l.startsWith("* SOURCE FILE: ")) {
                    open = new Event(open.number(), open.reel(), open.sourceIn(), open.sourceOut(), open.recordIn(),
                            open.recordOut(), open.clipName(), l.substring(15), open.comment());
                } else if (l.startsWith("* COMMENT: ")) {
                    open = new Event(open.number(), open.reel(), open.sourceIn(), open.sourceOut(), open.recordIn(),
                            open.recordOut(), open.clipName(), open.sourceFile(), l.substring(11));
                }
                continue;
            }
            throw new IllegalArgumentException("line " + (i + 1) + " is not CMX 3600: " + l);
        }
        if (open != null) {
            events.add(open);
        }
        return new Edl(lines[0].substring(7), fcm, events);
    }

    private static long frames(Matcher m, int group, int fps) {
        long hh = Long.parseLong(m.group(group));
        long mm = Long.parseLong(m.group(group + 1));
        long ss = Long.parseLong(m.group(group + 2));
        long ff = Long.parseLong(m.group(group + 3));
        if (ff >= fps) {
            throw new IllegalArgumentException("frame " + ff + " past the rate " + fps + ": " + m.group());
        }
        return ((hh * 60 + mm) * 60 + ss) * fps + ff;
    }
}
