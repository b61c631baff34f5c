package io.alicemultiverse.metadata;

import io.alicemultiverse.metadata.c2pa.C2paReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The C2PA manifest store of an ISO BMFF file (MP4, MOV, AVIF, HEIC): a top-level {@code uuid} box with the C2PA
 * extended type {@code d8fec3d6-1b0e-483c-9297-5828877ec481}, a full-box header, the purpose {@code "manifest"},
 * an 8-byte offset, then the JUMBF store (C2PA 2.x, "Embedding manifests into BMFF-based assets"). Sora, Firefly
 * and other services' videos carry it. Reads only box headers until that box; a store larger than
 * {@link Limits#MAX_TEXT_BYTES} is skipped with a problem. Stateless.
 */
final class BmffC2pa {
    private static final byte[] C2PA_UUID = java.util.HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");
    private static final String PURPOSE = "manifest";

    private BmffC2pa() {
    }

    /** Finds the manifest store among the top-level boxes of {@code ch} and hands it to {@link C2paReader}. */
    static void read(FileChannel ch, RawMetadata.Builder out) throws IOException {
        long size = ch.size();
        long pos = 0;
        while (pos + 8 <= size) {
            IsoBmffReader.Box box = IsoBmffReader.box(ch, pos, size);
            String type = box.type();
            long boxSize = box.size();
            int headerLength = box.headerLength();
            if (!box.whole()) {
                return; // the container's own reader reports a malformed box
            }
            if (type.equals("uuid") && boxSize >= headerLength + 16 && isC2pa(ch, pos + headerLength)) {
                long payload = boxSize - headerLength - 16;
                if (payload > Limits.MAX_TEXT_BYTES) {
                    out.problem("C2PA box of " + payload + " bytes skipped");
                    return;
                }
                ByteBuffer b = ByteBuffer.allocate((int) payload);
                PngReader.readFully(ch, b, pos + headerLength + 16);
                store(b.array(), out);
                return;
            }
            pos += boxSize;
        }
    }

    private static boolean isC2pa(FileChannel ch, long at) throws IOException {
        ByteBuffer u = ByteBuffer.allocate(16);
        PngReader.readFully(ch, u, at);
        return java.util.Arrays.equals(u.array(), C2PA_UUID);
    }

    /** {@code d}: version and flags, the NUL-terminated purpose, for a manifest an 8-byte offset, the store. */
    private static void store(byte[] d, RawMetadata.Builder out) {
        int nul = 4;
        while (nul < d.length && d[nul] != 0) {
            nul++;
        }
        if (nul >= d.length) {
            out.problem("C2PA box without a purpose");
            return;
        }
        String purpose = new String(d, 4, nul - 4, StandardCharsets.US_ASCII);
        int start = nul + 1 + 8;
        if (!purpose.equals(PURPOSE) || start >= d.length) {
            return; // a Merkle box of a fragmented file, or an empty store
        }
        out.c2pa(C2paReader.read(java.util.Arrays.copyOfRange(d, start, d.length)));
    }
}
