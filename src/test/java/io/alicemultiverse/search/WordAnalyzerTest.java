package io.alicemultiverse.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lexical index's terms: accents fold on both sides; Japanese text is indexed as its characters and their pairs,
 * and a query looks for its pairs (or a character standing alone); English keeps its stop words out and its stems.
 */
class WordAnalyzerTest {
    @Test
    void foldsAccentsAndSplitsCjkTextIntoCharactersAndPairs() throws IOException {
        Analyzer index = new WordAnalyzer(true);
        Analyzer query = new WordAnalyzer(false);
        assertThat(terms(index, "a cozy Café, crème brûlée")).containsExactly("cozi", "cafe", "creme", "brule");
        assertThat(terms(query, "café")).containsExactly("cafe");
        assertThat(terms(index, "桜の木の下で")).contains("桜", "桜の", "の木", "木", "下で");
        assertThat(terms(query, "桜の木")).containsExactly("桜の", "の木");
        assertThat(terms(query, "桜")).containsExactly("桜");
        assertThat(terms(index, "cats sleeping on the sofa")).containsExactly("cat", "sleep", "sofa");
    }

    private static List<String> terms(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("text", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        }
        return out;
    }
}
