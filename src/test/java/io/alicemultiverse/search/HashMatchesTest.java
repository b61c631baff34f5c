package io.alicemultiverse.search;

import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HashMatchesTest {
    @Test
    void answersExactlyWhetherAHashIsAmongThemThoughTheirFirstBytesAgree() {
        String prefix = "0123456789abcdef"; // the bytes a probe keys on: every hash below shares them
        Random random = new Random(7);
        List<String> in = new ArrayList<>();
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String h = prefix + Long.toHexString(random.nextLong()) + i;
            (i % 3 == 0 ? out : in).add(h);
        }
        in.add("short");
        in.add("");
        HashMatches m = new HashMatches(in);
        for (String h : in) {
            assertThat(m.contains(inside(h))).as(h).isTrue();
        }
        for (String h : out) {
            assertThat(m.contains(inside(h))).as(h).isFalse();
        }
        assertThat(m.contains(inside(prefix))).isFalse();
        assertThat(m.contains(inside("shor"))).isFalse();
        assertThat(new HashMatches(List.of()).contains(inside("anything"))).isFalse();
    }

    /** {@code s}'s bytes in the middle of a larger array, as doc values hand them. */
    private static BytesRef inside(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[b.length + 10];
        java.util.Arrays.fill(padded, (byte) 'x');
        System.arraycopy(b, 0, padded, 5, b.length);
        return new BytesRef(padded, 5, b.length);
    }
}
