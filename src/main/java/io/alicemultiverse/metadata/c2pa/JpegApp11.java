package io.alicemultiverse.metadata.c2pa;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles a JUMBF box carried in JPEG APP11 segments (ISO/IEC 19566-5 / JPEG XT, as C2PA embeds its manifest
 * store in JPEG).
 *
 * <p>Each packet is {@code "JP"}, a 2-byte box instance number {@code En}, a 4-byte packet sequence number
 * {@code Z}, then box data. The first packet of an instance holds the box header ({@code LBox}, {@code TBox}, and
 * {@code XLBox} when {@code LBox} is 1) and the start of the payload; each later packet repeats that header, which is
 * dropped before its data is appended.
 *
 * <p>Stateless and thread-safe. Never throws on bad input: segments that are not JUMBF packets, or too short, are
 * skipped; when two packets share a sequence number the first one wins.
 */
public final class JpegApp11 {
    private static final int PACKET_HEADER = 8;

    private JpegApp11() {
    }

    /**
     * The JUMBF box assembled from APP11 segments.
     *
     * @param app11Segments APP11 payloads in file order, without the {@code FF EB} marker and length (as
     *                      metadata-extractor's {@code JpegSegmentReader} gives them for {@code JpegSegmentType.APP11});
     *                      null entries are skipped
     * @return the box of the instance whose superbox is labelled {@code c2pa}, else of the first instance that is a
     *         JUMBF superbox, else of the first instance; null when {@code app11Segments} is null or holds no packet
     */
    public static byte[] assemble(List<byte[]> app11Segments) {
        if (app11Segments == null) {
            return null;
        }
        Map<Integer, TreeMap<Long, byte[]>> instances = new LinkedHashMap<>();
        for (byte[] segment : app11Segments) {
            if (segment != null && segment.length >= PACKET_HEADER + 8 && segment[0] == 'J' && segment[1] == 'P') {
                int en = ((segment[2] & 0xFF) << 8) | (segment[3] & 0xFF);
                long z = JumbfBoxes.readU32(segment, 4);
                instances.computeIfAbsent(en, k -> new TreeMap<>()).putIfAbsent(z, segment);
            }
        }
        List<byte[]> boxes = new ArrayList<>();
        for (TreeMap<Long, byte[]> packets : instances.values()) {
            byte[] box = join(packets.values());
            if (box != null) {
                boxes.add(box);
            }
        }
        return choose(boxes);
    }

    /** Concatenates an instance's packets in sequence order, dropping the repeated headers; null when unusable. */
    private static byte[] join(Iterable<byte[]> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long declared = -1;
        boolean first = true;
        for (byte[] packet : packets) {
            int header = boxHeaderLength(packet);
            if (first) {
                if (header < 0) {
                    return null;
                }
                long lbox = JumbfBoxes.readU32(packet, PACKET_HEADER);
                declared = lbox == 1 ? JumbfBoxes.readI64(packet, PACKET_HEADER + 8) : lbox;
                out.write(packet, PACKET_HEADER, packet.length - PACKET_HEADER);
                first = false;
            } else if (header >= 0) {
                out.write(packet, PACKET_HEADER + header, packet.length - PACKET_HEADER - header);
            }
        }
        byte[] box = out.toByteArray();
        if (declared >= 8 && declared < box.length) {
            return Arrays.copyOf(box, (int) declared);
        }
        return box;
    }

    /** Length of the LBox/TBox(/XLBox) header at the start of a packet's box data, or -1 if it does not fit. */
    private static int boxHeaderLength(byte[] packet) {
        if (packet.length < PACKET_HEADER + 8) {
            return -1;
        }
        long lbox = JumbfBoxes.readU32(packet, PACKET_HEADER);
        int length = lbox == 1 ? 16 : 8;
        return packet.length >= PACKET_HEADER + length ? length : -1;
    }

    private static byte[] choose(List<byte[]> boxes) {
        byte[] firstSuperbox = null;
        for (byte[] box : boxes) {
            List<JumbfBoxes.Superbox> top = JumbfBoxes.superboxes(box, new ArrayList<>());
            if (!top.isEmpty()) {
                JumbfBoxes.Superbox s = top.get(0);
                if ("c2pa".equals(s.label()) || "c2pa".equals(s.type())) {
                    return box;
                }
                if (firstSuperbox == null) {
                    firstSuperbox = box;
                }
            }
        }
        if (firstSuperbox != null) {
            return firstSuperbox;
        }
        return boxes.isEmpty() ? null : boxes.get(0);
    }
}
