package io.alicemultiverse.hash;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When two flat pictures are the same colour: chroma and hue agree; brightness is the flat code's business. */
class FlatColourTest {
    private static final long FLAT = 0xFFFL << 7;
    private static final long BUSY = 0x0123_4567_89AB_CDEFL;

    @Test
    void differentColoursOfOneBrightnessDisagree() {
        int red = 0xFF0000;
        assertThat(FlatColour.same(red, 0x4C4C4C)).isFalse(); // a grey of red's luma
        assertThat(FlatColour.same(red, 0x0000FF)).isFalse();
        assertThat(FlatColour.same(0x4C4C4C, 0x0000FF)).isFalse();
        assertThat(FlatColour.same(red, 0xDC0028)).isFalse(); // a crimson: 7 apart
        assertThat(FlatColour.same(0x808080, 0x80808C)).isFalse(); // a grey and a bluish grey
    }

    @Test
    void aColourAndItsMildEditsAgree() {
        assertThat(FlatColour.same(0xFF0000, 0xFA0404)).isTrue();
        assertThat(FlatColour.same(0x808080, 0x202020)).isTrue(); // greys: lightness is not compared here
        int[][] colours = {{200, 30, 30}, {30, 120, 200}, {255, 200, 0}, {120, 0, 0}, {0, 80, 0}, {140, 100, 90},
            {250, 250, 245}};
        for (int[] c : colours) {
            for (double gain : new double[]{0.9, 1.1}) {
                assertThat(FlatColour.same(pack(c), pack(edit(c, v -> v * gain)))).as("gain %s", gain).isTrue();
            }
            for (double gamma : new double[]{0.8, 1.25}) {
                assertThat(FlatColour.same(pack(c), pack(edit(c, v -> 255 * Math.pow(v / 255, gamma)))))
                        .as("gamma %s", gamma).isTrue();
            }
        }
    }

    @Test
    void onlyTwoFlatCodesNeedTheirColoursToAgree() {
        assertThat(FlatColour.comparable(FLAT, 0xFF0000, FLAT, 0x4C4C4C)).isFalse();
        assertThat(FlatColour.comparable(FLAT, 0xFF0000, FLAT << 1, 0xFA0404)).isTrue();
        assertThat(FlatColour.comparable(FLAT, null, FLAT, 0x4C4C4C)).isFalse(); // unknown: never near
        assertThat(FlatColour.comparable(FLAT, null, FLAT, null)).isFalse();
        assertThat(FlatColour.comparable(BUSY, null, BUSY ^ 1, null)).isTrue();
        assertThat(FlatColour.comparable(BUSY, null, FLAT, 0xFF0000)).isTrue(); // 20+ bits apart anyway
    }

    private static int pack(int[] c) {
        return c[0] << 16 | c[1] << 8 | c[2];
    }

    private static int[] edit(int[] c, java.util.function.DoubleUnaryOperator f) {
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (int) Math.max(0, Math.min(255, Math.round(f.applyAsDouble(c[i]))));
        }
        return out;
    }
}
