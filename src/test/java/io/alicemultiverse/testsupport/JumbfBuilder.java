package io.alicemultiverse.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds JUMBF boxes and C2PA manifest stores for tests and fixtures: content boxes, labelled superboxes with
 * C2PA's description type UUIDs, CBOR-encoded claims and assertions, and JPEG APP11 packets. The bytes are what
 * c2pa-rs writes in shape (not signed: the signature box holds a placeholder). Stateless; not for production.
 *
 * <p>To embed a store: PNG — a {@code caBX} chunk whose data is {@link #manifestStore}; WebP — a {@code C2PA} RIFF
 * chunk with the same data; JPEG — {@link #app11Segment} of each of {@link #app11Packets}, after SOI.
 */
public final class JumbfBuilder {
    public static final String TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    private static final ObjectMapper CBOR = CBORMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The ISO 19566-5 UUID tail that follows a four-character code. */
    private static final byte[] UUID_TAIL = {0x00, 0x11, 0x00, 0x10, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
            0x38, (byte) 0x9B, 0x71};

    private JumbfBuilder() {
    }

    /** A box: 4-byte LBox, 4-byte TBox, payload. */
    public static byte[] box(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(ascii(type)).put(body).array();
    }

    /** A box written with LBox = 1 and an 8-byte XLBox. */
    public static byte[] xlBox(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return ByteBuffer.allocate(16 + body.length).putInt(1).put(ascii(type)).putLong(16L + body.length)
                .put(body).array();
    }

    /** A {@code jumd} description: type UUID from {@code fourcc}, toggles "requestable + label", the label. */
    public static byte[] description(String fourcc, String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        return box("jumd", ascii(fourcc), UUID_TAIL, new byte[]{0x03}, l, new byte[]{0});
    }

    /** A {@code jumb} superbox with a description and the given boxes. */
    public static byte[] superbox(String fourcc, String label, byte[]... boxes) {
        return box("jumb", description(fourcc, label), concat(boxes));
    }

    /** Same as {@link #superbox} but written with an XLBox length. */
    public static byte[] xlSuperbox(String fourcc, String label, byte[]... boxes) {
        return xlBox("jumb", description(fourcc, label), concat(boxes));
    }

    /** A {@code cbor} content box holding {@code value} encoded with Jackson's CBOR mapper. */
    public static byte[] cbor(Object value) {
        try {
            return box("cbor", CBOR.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code json} content box. */
    public static byte[] json(Object value) {
        try {
            return box("json", JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An assertion superbox with CBOR content, e.g. {@code c2pa.actions}. */
    public static byte[] cborAssertion(String label, Object value) {
        return superbox("cbor", label, cbor(value));
    }

    /** An assertion superbox with JSON content, e.g. {@code stds.schema-org.CreativeWork}. */
    public static byte[] jsonAssertion(String label, Object value) {
        return superbox("json", label, json(value));
    }

    /** A claim superbox ({@code c2pa.claim} or {@code c2pa.claim.v2}). */
    public static byte[] claim(String label, Map<String, ?> claim) {
        return superbox("c2cl", label, cbor(claim));
    }

    /** A {@code c2pa.signature} superbox with a placeholder COSE_Sign1-like array. */
    public static byte[] signature() {
        return superbox("c2cs", "c2pa.signature", cbor(List.of(new byte[]{(byte) 0xA1, 0x01, 0x26}, Map.of(),
                new byte[0], new byte[64])));
    }

    /** A manifest: assertion store, claim, signature. */
    public static byte[] manifest(String label, byte[] claim, byte[]... assertions) {
        return superbox("c2ma", label, superbox("c2as", "c2pa.assertions", assertions), claim, signature());
    }

    /** A manifest store labelled {@code c2pa}; the last manifest is the active one. */
    public static byte[] store(byte[]... manifests) {
        return superbox("c2pa", "c2pa", manifests);
    }

    /** A {@code c2pa.hash.data} assertion with a placeholder hash. */
    public static byte[] hashData() {
        Map<String, Object> hash = new LinkedHashMap<>();
        hash.put("exclusions", List.of(Map.of("start", 33, "length", 9000)));
        hash.put("name", "jumbf manifest");
        hash.put("alg", "sha256");
        hash.put("hash", new byte[32]);
        hash.put("pad", new byte[8]);
        return cborAssertion("c2pa.hash.data", hash);
    }

    /** One action map; null values are left out. */
    public static Map<String, Object> action(String action, Object softwareAgent, String digitalSourceType) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", action);
        if (softwareAgent != null) {
            a.put("softwareAgent", softwareAgent);
        }
        if (digitalSourceType != null) {
            a.put("digitalSourceType", digitalSourceType);
        }
        return a;
    }

    /** A C2PA 1.x claim map as c2pa-rs writes it; null {@code claimGenerator} is left out. */
    public static Map<String, Object> claimV1(String claimGenerator, String title) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (claimGenerator != null) {
            c.put("claim_generator", claimGenerator);
            c.put("claim_generator_info", List.of(Map.of("name", claimGenerator, "version", "1.0")));
        }
        if (title != null) {
            c.put("dc:title", title);
        }
        c.put("dc:format", "image/png");
        c.put("instanceID", "xmp:iid:6d3c1b8e-1f0a-4e5b-9c77-6f1c2a3b4d5e");
        c.put("signature", "self#jumbf=c2pa.signature");
        c.put("assertions", List.of(
                Map.of("url", "self#jumbf=c2pa.assertions/c2pa.actions", "hash", new byte[32]),
                Map.of("url", "self#jumbf=c2pa.assertions/c2pa.hash.data", "hash", new byte[32])));
        c.put("alg", "sha256");
        return c;
    }

    /**
     * A realistic one-manifest C2PA 1.x store: a {@code c2pa.actions} assertion with one {@code c2pa.created}
     * action, a {@code c2pa.hash.data} assertion, a claim with {@code claim_generator} (and a matching
     * {@code claim_generator_info}), a signature box. Null arguments are left out.
     */
    public static byte[] manifestStore(String claimGenerator, String softwareAgent, String digitalSourceType) {
        byte[] actions = cborAssertion("c2pa.actions",
                Map.of("actions", List.of(action("c2pa.created", softwareAgent, digitalSourceType))));
        return store(manifest("urn:uuid:3f1e2d4c-5b6a-4789-8abc-def012345678",
                claim("c2pa.claim", claimV1(claimGenerator, null)), actions, hashData()));
    }

    /**
     * Splits a JUMBF box into JPEG APP11 packet payloads (without marker and length): {@code "JP"}, instance
     * {@code en}, sequence number from 1, then at most {@code maxData} bytes of box data; later packets repeat the
     * box header (LBox, TBox and XLBox when LBox is 1).
     */
    public static List<byte[]> app11Packets(byte[] box, int en, int maxData) {
        int headerLength = ByteBuffer.wrap(box).getInt(0) == 1 ? 16 : 8;
        List<byte[]> out = new ArrayList<>();
        int seq = 1;
        out.add(packet(en, seq++, slice(box, 0, Math.min(box.length, maxData))));
        for (int p = Math.min(box.length, maxData); p < box.length; p += maxData) {
            out.add(packet(en, seq++, slice(box, 0, headerLength), slice(box, p, Math.min(box.length, p + maxData))));
        }
        return out;
    }

    /** A whole APP11 segment: {@code FF EB}, 2-byte length, payload. */
    public static byte[] app11Segment(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) 0xEB)
                .putShort((short) (2 + payload.length)).put(payload).array();
    }

    private static byte[] packet(int en, int seq, byte[]... data) {
        return concat(new byte[]{'J', 'P'}, ByteBuffer.allocate(6).putShort((short) en).putInt(seq).array(),
                concat(data));
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String fourcc) {
        byte[] b = fourcc.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("a box type has four characters: '" + fourcc + "'");
        }
        return b;
    }
}
