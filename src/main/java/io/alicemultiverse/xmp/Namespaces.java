package io.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMetaFactory;

/**
 * The XMP namespaces a sidecar uses besides the toolkit's built-in ones, registered once with the toolkit. Our own,
 * {@code alice}, holds the generation record; its properties are documented in the README ("XMP sidecars").
 */
final class Namespaces {
    static final String ALICE = "https://alicemultiverse.io/xmp/generation/1.0/";
    static final String LIGHTROOM = "http://ns.adobe.com/lightroom/1.0/";
    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String DARKTABLE = "http://darktable.sf.net/";
    static final String DIGIKAM = "http://www.digikam.org/ns/1.0/";
    /** Where digiKam also keeps keyword paths ({@code Places/Europe/Paris}), and reads them from when its own list is empty. */
    static final String MICROSOFT_PHOTO = "http://ns.microsoft.com/photo/1.0/";
    static final String MEDIAPRO = "http://ns.iview-multimedia.com/mediapro/1.0/";
    static final String TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    static {
        try {
            XMPMetaFactory.getSchemaRegistry().registerNamespace(ALICE, "alice");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(LIGHTROOM, "lr");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(IPTC_EXT, "Iptc4xmpExt");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(DARKTABLE, "darktable");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(DIGIKAM, "digiKam");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(MICROSOFT_PHOTO, "MicrosoftPhoto");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(MEDIAPRO, "mediapro");
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Namespaces() {
    }

    /** Makes sure the namespaces are registered (class initialisation does it). */
    static void ensure() {
        // the static block above runs once
    }
}
