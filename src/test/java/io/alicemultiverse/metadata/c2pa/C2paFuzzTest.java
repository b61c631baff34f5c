package io.alicemultiverse.metadata.c2pa;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alicemultiverse.testsupport.FuzzBounds;

import java.util.List;

/**
 * Fuzz targets for the C2PA manifest store reader (JUMBF boxes, CBOR and JSON assertions) and the JPEG APP11
 * reassembly. Both never throw on bad input; a second of CPU or a large allocation from a tiny input is a finding too.
 */
class C2paFuzzTest {
    private static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Separates APP11 payloads in one fuzz input. */
    static final byte[] SEGMENT = "\n--app11--\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @FuzzTest
    void jumbf(byte[] data) throws Exception {
        FuzzBounds.check("jumbf", MAX_BYTES, () -> {
            C2paSummary s = C2paReader.read(data);
            if (s != null) {
                s.toMap();
                s.saysAiGenerated();
            }
        });
    }

    /** APP11 segment payloads, separated by {@link #SEGMENT}. */
    @FuzzTest
    void app11(byte[] data) throws Exception {
        List<byte[]> segments = FuzzBounds.split(data, SEGMENT, 16);
        FuzzBounds.check("app11", MAX_BYTES, () -> {
            byte[] store = JpegApp11.assemble(segments);
            if (store != null) {
                C2paReader.read(store);
            }
        });
    }
}
