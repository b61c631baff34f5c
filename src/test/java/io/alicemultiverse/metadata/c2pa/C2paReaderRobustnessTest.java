package io.alicemultiverse.metadata.c2pa;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static io.alicemultiverse.testsupport.JumbfBuilder.TRAINED_ALGORITHMIC_MEDIA;
import static io.alicemultiverse.testsupport.JumbfBuilder.manifestStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Damaged input never throws and never hangs. */
class C2paReaderRobustnessTest {
    private static final byte[] VALID = manifestStore("ChatGPT", "GPT-4o", TRAINED_ALGORITHMIC_MEDIA);

    @Test
    void everyTruncationGivesASummary() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int n = 1; n < VALID.length; n++) {
                C2paSummary s = C2paReader.read(Arrays.copyOf(VALID, n));
                assertThat(s).isNotNull();
                assertThat(s.problems()).as("truncated at %d", n).isNotEmpty();
            }
        });
    }

    @Test
    void randomByteFlipsNeverThrow() {
        Random random = new Random(19566);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5_000; i++) {
                byte[] damaged = VALID.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                assertThat(C2paReader.read(damaged)).isNotNull();
            }
        });
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(5);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 2_000; i++) {
                byte[] noise = new byte[1 + random.nextInt(600)];
                random.nextBytes(noise);
                if (random.nextBoolean() && noise.length >= 8) {
                    System.arraycopy("jumb".getBytes(), 0, noise, 4, 4);
                }
                assertThat(C2paReader.read(noise)).isNotNull();
            }
        });
    }
}
