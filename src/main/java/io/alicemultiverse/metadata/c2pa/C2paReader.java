package io.alicemultiverse.metadata.c2pa;

/** Placeholder replaced by the real reader on merge. */
public final class C2paReader {
    private C2paReader() {
    }

    public static C2paSummary read(byte[] jumbf) {
        return null;
    }
}
