package io.alicemultiverse.library;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LayoutTest {
    @Test
    void padsNumbersAsFormatDoes() {
        for (int width : new int[]{1, 2, 4, 5}) {
            for (int value : new int[]{0, 7, 42, 2026, 99999, 123456, -5}) {
                assertThat(Layout.pad(value, width)).as(value + " in " + width)
                        .isEqualTo(String.format(Locale.ROOT, "%0" + width + "d", value));
            }
        }
    }

    @Test
    void rendersTheDefaultTemplate() {
        Layout layout = Layout.of("{date}/{project}/{source}/{project}-{seq:05}{ext}");
        Layout.Values v = new Layout.Values(LocalDateTime.of(2026, 3, 4, 5, 6), "client-acme", "comfyui", null,
                "x", "abcdef0123", ".png");
        assertThat(layout.render(v, 42)).isEqualTo("2026-03-04/client-acme/comfyui/client-acme-00042.png");
        assertThat(Layout.of("{year}/{month}/{day}/{seq}{ext}").render(v, 7)).isEqualTo("2026/03/04/7.png");
    }
}
