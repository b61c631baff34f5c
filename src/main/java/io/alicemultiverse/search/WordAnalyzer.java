package io.alicemultiverse.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How the lexical index and its queries split text into terms: Lucene's {@link EnglishAnalyzer} (Unicode word breaks,
 * possessives, lower case, English stop words, Porter stemming) with two additions, both Lucene's own filters made for
 * them:
 * <ul>
 *   <li>{@link ASCIIFoldingFilter}: accents fold, so "cafe" finds "café" and "café" still finds it (both sides fold);</li>
 *   <li>{@link CJKWidthFilter} and {@link CJKBigramFilter} with unigrams: Chinese, Japanese and Korean text, which
 *       has no spaces, is indexed as its single characters and each pair of neighbours ("桜の木": 桜, 桜の, の, の木,
 *       木); a query looks for its pairs, or for a character standing alone ("桜"), so one character finds it and a
 *       longer query finds what holds its characters in that order. Without
 *       it the tokenizer gave each ideograph alone and hiragana runs whole.</li>
 * </ul>
 * A change here changes the index's terms: bump {@code LexicalIndex}'s format so older indexes are rebuilt.
 * Thread-safe (Lucene analyzers reuse per-thread token streams).
 */
final class WordAnalyzer extends Analyzer {
    /** Whether CJK text also gives its single characters (the index does; a query gives its pairs, see below). */
    private final boolean unigrams;

    /**
     * The index's analyzer ({@code unigrams}: characters and pairs) or a query's (pairs; a character standing alone
     * stays a character): "桜の木" then looks for 桜の and の木, not for the particle の that most Japanese text holds.
     */
    WordAnalyzer(boolean unigrams) {
        this.unigrams = unigrams;
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream t = new CJKWidthFilter(source);
        t = new CJKBigramFilter(t, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                | CJKBigramFilter.HANGUL, unigrams);
        t = new EnglishPossessiveFilter(t);
        t = new LowerCaseFilter(t);
        t = new ASCIIFoldingFilter(t);
        t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        t = new PorterStemFilter(t);
        return new TokenStreamComponents(source, t);
    }

    @Override
    protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
    }
}
