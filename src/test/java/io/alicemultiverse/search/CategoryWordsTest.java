package io.alicemultiverse.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What WordNet widens a query to, and what it leaves alone. */
class CategoryWordsTest {
    private final CategoryWords words = CategoryWords.shared();

    @Test
    void aCategoryOfTwoWordsIsWidenedToItsKinds() {
        String big = words.expand("big cat");
        assertThat(big).startsWith("big cat (").contains("lion", "tiger", "snow leopard", "jaguar", "cheetah")
                .doesNotContain("house cat", "tabby");
        assertThat(words.expand("big cat in winter")).startsWith("big cat in winter (").contains("lion");
    }

    @Test
    void aNounItsAdjectivesNarrowIsWidenedToTheKindsTheyDescribe() {
        // "big cat: any of several large cats typically able to roar and living in the wild"
        assertThat(words.expand("large wild felines")).contains("big cat", "lion", "tiger")
                .doesNotContain("house cat", "domestic cat");
    }

    @Test
    void aSingleWordOrPlainWordsAreLeftAsTheyAre() {
        assertThat(words.expand("vehicles")).isEqualTo("vehicles");
        assertThat(words.expand("food")).isEqualTo("food");
        assertThat(words.expand("photo of a duck")).isEqualTo("photo of a duck");
        assertThat(words.expand("zzqx blorp")).isEqualTo("zzqx blorp");
        assertThat(words.expand("")).isEqualTo("");
    }

    @Test
    void properNamesAreNotKinds() {
        // WordNet lists atolls by name (instances); only the kinds of reef are named
        String reef = words.expand("coral reef");
        assertThat(reef).doesNotContain("bikini", "eniwetok", "kwajalein");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aVeryLongQueryIsWidenedInBoundedTime() {
        // every span of words used to be looked up as a name: 1,500 words took over ten minutes; now the first
        // words are looked at, and the rest still rank
        StringBuilder q = new StringBuilder("large wild felines and a big cat");
        for (int i = 0; i < 1500; i++) {
            q.append(" w").append(i);
        }
        long start = System.nanoTime();
        CategoryWords.Widened w = words.widen(q.toString());
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(10_000);
        assertThat(w.names()).containsExactly("big cat", "large wild felines");
        assertThat(w.lexical()).contains("lion", "w1499");
    }

    @Test
    void atMostSixteenKindsAreNamed() {
        String big = words.expand("big cat");
        String listed = big.substring(big.indexOf('(') + 1, big.length() - 1);
        assertThat(listed.split(", ")).hasSizeLessThanOrEqualTo(CategoryWords.MOST);
    }

    @Test
    void wordsLookForTheKindsInsteadOfTheCategorysOwnWords() {
        CategoryWords.Widened w = words.widen("big cat in winter");
        // "cat" alone would lift every tabby cat; the kinds' words and the rest of the query are looked for
        assertThat(w.lexical()).startsWith("in winter leopard snow leopard jaguar lion tiger").doesNotContain("cat ");
        assertThat(w.names()).containsExactly("big cat"); // looked for as a phrase: "tabby cat" does not match it
        assertThat(words.widen("red fox").names()).containsExactly("red fox");
        assertThat(words.widen("vehicles").lexical()).isEqualTo("vehicles");
        assertThat(words.widen("large wild felines").lexical()).doesNotContain("felines").contains("lion");
    }

    @Test
    void withoutWordNetNothingIsWidened() {
        assertThat(CategoryWords.NONE.expand("big cat")).isEqualTo("big cat");
    }
}
