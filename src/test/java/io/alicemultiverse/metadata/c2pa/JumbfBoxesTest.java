package io.alicemultiverse.metadata.c2pa;

import io.alicemultiverse.testsupport.JumbfBuilder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.alicemultiverse.testsupport.JumbfBuilder.box;
import static io.alicemultiverse.testsupport.JumbfBuilder.concat;
import static io.alicemultiverse.testsupport.JumbfBuilder.superbox;
import static org.assertj.core.api.Assertions.assertThat;

class JumbfBoxesTest {

    @Test
    void readsDescriptionLabelTypeAndContentBoxesInOrder() {
        byte[] data = superbox("c2pa", "c2pa",
                box("json", "{}".getBytes()), superbox("c2ma", "urn:uuid:1"), box("bfdb", new byte[]{0, 'x'}));
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Superbox> top = JumbfBoxes.superboxes(data, problems);

        assertThat(problems).isEmpty();
        assertThat(top).hasSize(1);
        JumbfBoxes.Superbox store = top.get(0);
        assertThat(store.type()).isEqualTo("c2pa");
        assertThat(store.label()).isEqualTo("c2pa");
        assertThat(store.children()).extracting(JumbfBoxes.Superbox::label).containsExactly("urn:uuid:1");
        assertThat(store.contents()).extracting(JumbfBoxes.Content::type).containsExactly("json", "bfdb");
        assertThat(store.content("json").payload()).isEqualTo("{}".getBytes());
    }

    @Test
    void followsXlBoxLengths() {
        byte[] data = JumbfBuilder.xlSuperbox("c2pa", "c2pa",
                JumbfBuilder.xlBox("cbor", new byte[]{(byte) 0xA0}), JumbfBuilder.xlSuperbox("c2ma", "urn:c2pa:x"));
        List<String> problems = new ArrayList<>();

        JumbfBoxes.Superbox store = JumbfBoxes.superboxes(data, problems).get(0);

        assertThat(problems).isEmpty();
        assertThat(store.label()).isEqualTo("c2pa");
        assertThat(store.content("cbor").payload()).containsExactly((byte) 0xA0);
        assertThat(store.children().get(0).label()).isEqualTo("urn:c2pa:x");
    }

    @Test
    void lengthZeroRunsToTheEnd() {
        byte[] tail = concat(ByteBuffer.allocate(8).putInt(0).put("json".getBytes()).array(), "[1]".getBytes());
        byte[] data = concat(box("free", new byte[3]), tail);
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Header> headers = JumbfBoxes.headers(data, 0, data.length, problems);

        assertThat(problems).isEmpty();
        assertThat(headers).extracting(JumbfBoxes.Header::type).containsExactly("free", "json");
        assertThat(headers.get(1).end()).isEqualTo(data.length);
    }

    @Test
    void impossibleLengthStopsTheWalkWithAProblem() {
        byte[] bad = ByteBuffer.allocate(12).putInt(5).put("cbor".getBytes()).array();
        byte[] data = concat(box("free", new byte[1]), bad, box("json", new byte[2]));
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Header> headers = JumbfBoxes.headers(data, 0, data.length, problems);

        assertThat(headers).extracting(JumbfBoxes.Header::type).containsExactly("free");
        assertThat(problems).singleElement().asString().contains("impossible length 5");
    }

    @Test
    void boxRunningPastItsParentIsCutAndEndsTheWalk() {
        byte[] data = box("cbor", new byte[20]);
        byte[] cut = java.util.Arrays.copyOf(data, 15);
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Header> headers = JumbfBoxes.headers(cut, 0, cut.length, problems);

        assertThat(headers).singleElement().satisfies(h -> assertThat(h.end()).isEqualTo(15));
        assertThat(problems).singleElement().asString().contains("claims 28 bytes, only 15 remain");
    }

    @Test
    void negativeXlBoxIsAProblemNotAnException() {
        byte[] data = ByteBuffer.allocate(24).putInt(1).put("jumb".getBytes()).putLong(-40).array();
        List<String> problems = new ArrayList<>();

        assertThat(JumbfBoxes.superboxes(data, problems)).isEmpty();
        assertThat(problems).isNotEmpty();
    }

    @Test
    void deepNestingIsCutAtTheDepthLimit() {
        byte[] inner = superbox("cbor", "leaf");
        for (int i = 0; i < 200; i++) {
            inner = superbox("c2ma", "level" + i, inner);
        }
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Superbox> top = JumbfBoxes.superboxes(inner, problems);

        assertThat(top).hasSize(1);
        assertThat(problems).anyMatch(p -> p.contains("nested deeper"));
    }

    @Test
    void superboxWithoutDescriptionOrLabelTerminatorStillReadsWhatItCan() {
        byte[] noDescription = box("jumb", box("cbor", new byte[]{(byte) 0xA0}));
        byte[] unterminated = box("jumb", box("jumd", "c2pa".getBytes(), new byte[12], new byte[]{0x03},
                "abc".getBytes()));
        List<String> problems = new ArrayList<>();

        List<JumbfBoxes.Superbox> top = JumbfBoxes.superboxes(concat(noDescription, unterminated), problems);

        assertThat(top).hasSize(2);
        assertThat(top.get(0).label()).isNull();
        assertThat(top.get(0).content("cbor")).isNotNull();
        assertThat(top.get(1).label()).isEqualTo("abc");
        assertThat(problems).hasSize(2);
    }
}
