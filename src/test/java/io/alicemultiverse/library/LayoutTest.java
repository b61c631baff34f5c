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

    @Test
    void cutsLongValuesBetweenCharactersNotInsideAnEmoji() {
        String project = "p" + "\uD83D\uDE00".repeat(50); // 101 UTF-16 units: the 80th is the first half of an emoji
        String safe = Layout.safe(project, "x");
        assertThat(safe).isEqualTo("p" + "\uD83D\uDE00".repeat(39));
        assertThat(Character.isHighSurrogate(safe.charAt(safe.length() - 1))).isFalse();
        String rendered = Layout.of(Layout.DEFAULT).render(new Layout.Values(LocalDateTime.of(2026, 3, 4, 5, 6),
                project, "comfyui", null, "x", "abcdef0123", ".png"), 1);
        assertThat(java.nio.file.Path.of("/tmp").resolve(rendered).toString()).endsWith("-00001.png");
        assertThat(Layout.safe("a".repeat(100), "x")).hasSize(80);
    }

    @Test
    void refusesTemplatesThatFileIntoHiddenOrEmptyNames() {
        for (String t : new String[]{".alice/{name}{ext}", ".alice/tmp/{name}{ext}.part", "{project}/.{name}{ext}",
                "x/./{name}{ext}", "{name}{ext}/{ext}", "{project}//{name}{ext}", "{name}{ext}/"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Layout.of(t)).as(t)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(t);
        }
        assertThat(Layout.of("{date}/{project}/{name}.v2{ext}").template()).isEqualTo("{date}/{project}/{name}.v2{ext}");
    }
}
