package io.alicemultiverse.timeline;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a timeline as Final Cut Pro XML 1.9: {@code resources} with one {@code format} per frame size and one
 * {@code asset} per clip (its file as a {@code media-rep}), and a {@code library/event/project/sequence/spine} in
 * which a video is an {@code asset-clip} and a still a {@code video} element held for its duration. Times are
 * rationals of frames over the rate ({@code 72/24s}); the sequence starts at timecode 01:00:00:00. The prompt is the
 * clip's {@code note} (videos) and a {@code marker} at its first frame (both). Built with StAX, so text is escaped by
 * the XML writer; control characters XML 1.0 forbids are dropped. Stateless.
 */
final class FcpxmlWriter implements TimelineWriter {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    @Override
    public String write(Timeline t) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeDTD("<!DOCTYPE fcpxml>");
            x.writeCharacters("\n");
            x.writeStartElement("fcpxml");
            x.writeAttribute("version", "1.9");
            Map<String, String> formats = resources(x, t);
            library(x, t, formats);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write FCPXML", e);
        }
        return text + "\n";
    }

    /** Writes formats and assets; returns the format id of each clip's frame size (key {@code WxH}). */
    private static Map<String, String> resources(XMLStreamWriter x, Timeline t) throws XMLStreamException {
        x.writeStartElement("resources");
        Map<String, String> formats = new LinkedHashMap<>();
        String sequenceSize = sequenceSize(t);
        formats.put("seq", "r1");
        format(x, "r1", sequenceSize, t.fps(), false);
        int next = 2;
        for (Clip c : t.clips()) {
            if (c.still()) {
                String key = size(c, sequenceSize);
                if (!formats.containsKey(key)) {
                    formats.put(key, "r" + next);
                    format(x, "r" + next++, key, t.fps(), true);
                }
            }
        }
        int i = 0;
        for (Clip c : t.clips()) {
            x.writeStartElement("asset");
            x.writeAttribute("id", assetId(i++));
            x.writeAttribute("name", clean(c.name()));
            x.writeAttribute("start", "0s");
            x.writeAttribute("duration", c.still() ? "0s" : time(c.frames(), t.fps()));
            x.writeAttribute("hasVideo", "1");
            x.writeAttribute("format", c.still() ? formats.get(size(c, sequenceSize)) : "r1");
            x.writeAttribute("videoSources", "1");
            x.writeEmptyElement("media-rep");
            x.writeAttribute("kind", "original-media");
            x.writeAttribute("src", c.file().toUri().toString());
            x.writeEndElement();
        }
        x.writeEndElement();
        return formats;
    }

    private static void format(XMLStreamWriter x, String id, String size, int fps, boolean still)
            throws XMLStreamException {
        String[] wh = size.split("x");
        x.writeEmptyElement("format");
        x.writeAttribute("id", id);
        if (still) {
            x.writeAttribute("name", "FFVideoFormatRateUndefined");
        } else {
            x.writeAttribute("frameDuration", "1/" + fps + "s");
        }
        x.writeAttribute("width", wh[0]);
        x.writeAttribute("height", wh[1]);
    }

    private static void library(XMLStreamWriter x, Timeline t, Map<String, String> formats) throws XMLStreamException {
        x.writeStartElement("library");
        x.writeStartElement("event");
        x.writeAttribute("name", "AliceMultiverse");
        x.writeStartElement("project");
        x.writeAttribute("name", clean(t.name()));
        x.writeStartElement("sequence");
        x.writeAttribute("format", formats.get("seq"));
        x.writeAttribute("duration", time(t.frames(), t.fps()));
        x.writeAttribute("tcStart", time(t.startFrame(), t.fps()));
        x.writeAttribute("tcFormat", "NDF");
        x.writeStartElement("spine");
        long offset = t.startFrame();
        int i = 0;
        for (Clip c : t.clips()) {
            x.writeStartElement(c.still() ? "video" : "asset-clip");
            x.writeAttribute("ref", assetId(i++));
            x.writeAttribute("offset", time(offset, t.fps()));
            x.writeAttribute("name", clean(c.name()));
            x.writeAttribute("start", "0s");
            x.writeAttribute("duration", time(c.frames(), t.fps()));
            if (c.prompt() != null && !c.prompt().isBlank()) {
                if (!c.still()) { // the DTD gives asset-clip a note, video none
                    x.writeStartElement("note");
                    x.writeCharacters(clean(c.prompt()));
                    x.writeEndElement();
                }
                x.writeEmptyElement("marker");
                x.writeAttribute("start", "0s");
                x.writeAttribute("duration", time(1, t.fps()));
                x.writeAttribute("value", clean(c.prompt()));
            }
            x.writeEndElement();
            offset += c.frames();
        }
        x.writeEndElement(); // spine
        x.writeEndElement(); // sequence
        x.writeEndElement(); // project
        x.writeEndElement(); // event
        x.writeEndElement(); // library
    }

    /** The sequence's frame size: the first video's, else the first still's, else 1920×1080. */
    private static String sequenceSize(Timeline t) {
        return t.clips().stream().filter(c -> !c.still() && c.width() != null && c.height() != null).findFirst()
                .or(() -> t.clips().stream().filter(c -> c.width() != null && c.height() != null).findFirst())
                .map(c -> c.width() + "x" + c.height()).orElse("1920x1080");
    }

    private static String size(Clip c, String fallback) {
        return c.width() != null && c.height() != null ? c.width() + "x" + c.height() : fallback;
    }

    private static String assetId(int index) {
        return "a" + (index + 1);
    }

    /** A rational time of {@code frames} at {@code fps}, as FCPXML writes it. */
    static String time(long frames, int fps) {
        return frames == 0 ? "0s" : frames % fps == 0 ? (frames / fps) + "s" : frames + "/" + fps + "s";
    }

    /** Text without the control characters XML 1.0 cannot carry (tab, newline and return stay). */
    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }
}
