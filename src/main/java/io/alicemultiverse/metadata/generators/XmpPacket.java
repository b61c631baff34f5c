package io.alicemultiverse.metadata.generators;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

/**
 * Reads one property from a raw XMP packet ({@code XML:com.adobe.xmp}), for when the container reader did not
 * already split it into {@code Xmp.*} entries. Uses the JDK's XML parser with DOCTYPEs refused, so external
 * entities and entity expansion bombs cannot run. Stateless and thread-safe; never throws: null when absent or
 * unreadable.
 */
final class XmpPacket {
    static final String EXIF_NS = "http://ns.adobe.com/exif/1.0/";
    static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final int MAX_CHARS = 4_000_000;

    private XmpPacket() {
    }

    /** The parsed packet, or null when it is not well-formed XML (or carries a DOCTYPE). */
    static Document parse(String xml) {
        if (xml == null || xml.isBlank() || xml.length() > MAX_CHARS) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new QuietErrors()); // the default handler prints to stderr
            // XMP in PNG iTXt often keeps a leading BOM inside the xpacket instruction; the parser accepts that
            return builder.parse(new InputSource(new StringReader(xml.strip())));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The text of property {@code ns}:{@code name}, written either as an element (its {@code rdf:Alt}/
     * {@code rdf:li} text when it has one) or as an attribute of {@code rdf:Description}; null when absent.
     */
    static String property(Document doc, String ns, String name) {
        if (doc == null) {
            return null;
        }
        NodeList elements = doc.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < elements.getLength(); i++) {
            String t = elements.item(i).getTextContent();
            if (t != null && !t.isBlank()) {
                return t.strip();
            }
        }
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element e && e.hasAttributeNS(ns, name)) {
                return e.getAttributeNS(ns, name);
            }
        }
        return null;
    }

    /** Fails on errors without printing them; warnings are ignored. */
    private static final class QuietErrors implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }
}
