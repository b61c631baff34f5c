package io.alicemultiverse.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User tags as stored: whitespace folded, lower case, and no control characters (escape sequences, NUL). */
class TagNamesTest {
    @Test
    void whitespaceIsFoldedAndCaseLowered() {
        assertThat(TagNames.normalise("  To   Print\n")).isEqualTo("to print");
        assertThat(TagNames.normalise("Ünïcode 🦄")).isEqualTo("ünïcode 🦄");
    }

    @Test
    void controlCharactersAreRefused() {
        for (String tag : new String[]{"red\u001b[31m", "a\u0000b", "x\u009b2J", "del\u007f"}) {
            assertThatThrownBy(() -> TagNames.normalise(tag)).as(tag)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
        }
    }
}
