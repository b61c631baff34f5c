package io.alicemultiverse.search;

import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped generic direction is what {@link GenericDirection#compute} gives for the shipped model. To write it
 * again (after changing the model or the recipe): {@code mvn -o test -Dtest=GenericDirectionTest -Dgeneric.write=true}.
 */
class GenericDirectionTest {
    @Test
    void theShippedDirectionIsTheComputedOne() throws Exception {
        MiniLmEmbedder model = new MiniLmEmbedder();
        float[] computed = GenericDirection.compute(model, Dictionary.getDefaultResourceInstance(), GenericDirection.NOUNS);
        if (Boolean.getBoolean("generic.write")) {
            StringBuilder b = new StringBuilder("# GenericDirection.compute(" + MiniLmEmbedder.MODEL + ", WordNet 3.1, "
                    + GenericDirection.NOUNS + "): the mean of \"a NOUN\" over the most used nouns\n");
            for (float x : computed) {
                b.append(String.format(Locale.ROOT, "%.7f%n", x));
            }
            Files.writeString(Path.of("src/main/resources/io/alicemultiverse/search/generic-" + MiniLmEmbedder.MODEL
                    + ".txt"), b);
            return;
        }
        float[] shipped = GenericDirection.of(MiniLmEmbedder.MODEL).orElseThrow();
        assertThat(shipped).hasSize(model.dimensions());
        for (int i = 0; i < shipped.length; i++) {
            assertThat(shipped[i]).as("dimension %d", i).isCloseTo(computed[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        // generic phrases lie along it, a specific scene much less
        assertThat(dot(model.embed("a circle"), shipped)).isGreaterThan(0.3);
        assertThat(dot(model.embed("a red fox in a snowy forest, watercolor, golden hour"), shipped)).isLessThan(0.2);
    }

    @Test
    void aModelWithoutADirectionHasNone() {
        assertThat(GenericDirection.of("no-such-model")).isEmpty();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
