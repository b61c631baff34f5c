package io.alicemultiverse.metadata.c2pa;

import io.alicemultiverse.testsupport.JumbfBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.alicemultiverse.testsupport.JumbfBuilder.TRAINED_ALGORITHMIC_MEDIA;
import static io.alicemultiverse.testsupport.JumbfBuilder.app11Packets;
import static io.alicemultiverse.testsupport.JumbfBuilder.manifestStore;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link JpegApp11} (named with the C2pa prefix so the package's test filter picks it up). */
class C2paJpegApp11Test {
    private static final byte[] STORE = manifestStore("ChatGPT", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA);

    @Test
    void assemblesThreePacketsOutOfOrderBesideOtherApp11Segments() {
        List<byte[]> packets = app11Packets(STORE, 1, STORE.length / 3 + 1);
        assertThat(packets).hasSize(3);
        byte[] otherJumbf = JumbfBuilder.superbox("json", "com.example.notes", JumbfBuilder.json(Map.of("a", 1)));
        List<byte[]> segments = new ArrayList<>();
        segments.add(packets.get(2));
        segments.add("HDR\0some other APP11 use".getBytes());
        segments.addAll(app11Packets(otherJumbf, 7, 1000));
        segments.add(packets.get(0));
        segments.add(packets.get(1));

        assertThat(JpegApp11.assemble(segments)).isEqualTo(STORE);
    }

    @Test
    void assembledBoxRoundTripsIntoTheReader() {
        List<byte[]> segments = new ArrayList<>(app11Packets(STORE, 1, 100));
        java.util.Collections.reverse(segments);

        C2paSummary s = C2paReader.read(JpegApp11.assemble(segments));

        assertThat(s.problems()).isEmpty();
        assertThat(s.claimGenerator()).isEqualTo("ChatGPT");
        assertThat(s.softwareAgents()).containsExactly("GPT-4o");
        assertThat(s.saysAiGenerated()).isTrue();
    }

    @Test
    void dropsRepeatedXlBoxHeadersOfContinuationPackets() {
        byte[] xl = JumbfBuilder.xlSuperbox("c2pa", "c2pa", JumbfBuilder.manifest("urn:uuid:q",
                JumbfBuilder.claim("c2pa.claim", JumbfBuilder.claimV1("ChatGPT", null))));

        byte[] box = JpegApp11.assemble(app11Packets(xl, 3, 64));

        assertThat(box).isEqualTo(xl);
        assertThat(C2paReader.read(box).claimGenerator()).isEqualTo("ChatGPT");
    }

    @Test
    void prefersTheC2paInstanceOverAnEarlierJumbfInstance() {
        byte[] other = JumbfBuilder.superbox("json", "com.example.notes", JumbfBuilder.json(Map.of("a", 1)));
        List<byte[]> segments = new ArrayList<>(app11Packets(other, 1, 1000));
        segments.addAll(app11Packets(STORE, 2, 1000));

        assertThat(JpegApp11.assemble(segments)).isEqualTo(STORE);
        assertThat(JpegApp11.assemble(app11Packets(other, 1, 1000))).isEqualTo(other);
    }

    @Test
    void givesNullWithoutJumbfPackets() {
        assertThat(JpegApp11.assemble(null)).isNull();
        assertThat(JpegApp11.assemble(List.of())).isNull();
        assertThat(JpegApp11.assemble(Arrays.asList(null, new byte[]{'J', 'P', 0}, "not jumbf at all".getBytes())))
                .isNull();
    }

    @Test
    void missingPacketGivesAShortBoxTheReaderReportsWithoutThrowing() {
        List<byte[]> packets = app11Packets(STORE, 1, 120);
        packets.remove(1);

        byte[] box = JpegApp11.assemble(packets);
        C2paSummary s = C2paReader.read(box);

        assertThat(box.length).isLessThan(STORE.length);
        assertThat(s.problems()).isNotEmpty();
    }

    @Test
    void damagedPacketsNeverThrow() {
        java.util.Random random = new java.util.Random(11);
        List<byte[]> packets = app11Packets(STORE, 1, 90);
        for (int i = 0; i < 2_000; i++) {
            List<byte[]> damaged = new ArrayList<>();
            for (byte[] p : packets) {
                byte[] d = Arrays.copyOf(p, random.nextInt(p.length + 1));
                if (d.length > 0) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
                damaged.add(d);
            }
            java.util.Collections.shuffle(damaged, random);
            C2paReader.read(JpegApp11.assemble(damaged));
        }
    }
}
