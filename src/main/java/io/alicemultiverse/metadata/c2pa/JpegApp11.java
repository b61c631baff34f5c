package io.alicemultiverse.metadata.c2pa;

import java.util.List;

/** Placeholder replaced by the real assembler on merge. */
public final class JpegApp11 {
    private JpegApp11() {
    }

    public static byte[] assemble(List<byte[]> segments) {
        return null;
    }
}
