package io.alicemultiverse.search;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.dictionary.Dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where a short, generic phrase lies in an embedding model's space: the mean vector of "a NOUN" over WordNet's
 * {@value #NOUNS} most used nouns. A prompt of a few generic words ("a circle") lies near every short query of that
 * shape (0.36–0.43 from "photo of a duck", "of a duck", "a duck" and "duck" alike): it is a hub. A result's cosine to
 * the query minus its projection on this direction says how much nearer the query it is than generic phrases are in
 * general; the relevance floor cuts results found by meaning alone whose difference is small (docs/benchmarks.md,
 * issue 18, "Relevance floor").
 *
 * <p>Computing it costs {@value #NOUNS} embeddings (seconds), so the vector of the shipped model is kept as a
 * resource, {@code generic-MODEL.txt} beside this class; {@code GenericDirectionTest} computes it again with
 * {@link #compute} and fails when the two differ.
 */
final class GenericDirection {
    /** How many of WordNet's most used nouns the mean is taken over (300, 1,000 and 3,000 cut alike). */
    static final int NOUNS = 1_000;

    private GenericDirection() {
    }

    /** The shipped direction of {@code model}, or empty when none is kept for it (then no such floor applies). */
    static Optional<float[]> of(String model) {
        try (InputStream in = GenericDirection.class.getResourceAsStream("generic-" + model + ".txt")) {
            if (in == null) {
                return Optional.empty();
            }
            List<Float> values = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    values.add(Float.parseFloat(line.trim()));
                }
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            return Optional.of(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mean of "a NOUN" embedded, over the {@code n} nouns of one word whose first sense WordNet's tagged corpora
     * use most (ties in WordNet's order).
     */
    static float[] compute(TextEmbedder embedder, Dictionary wordNet, int n) throws JWNLException {
        record Noun(String lemma, int uses) {
        }
        List<Noun> nouns = new ArrayList<>();
        for (Iterator<IndexWord> it = wordNet.getIndexWordIterator(POS.NOUN); it.hasNext(); ) {
            IndexWord w = it.next();
            if (w.getLemma().contains(" ") || w.getSenses().isEmpty()) {
                continue;
            }
            int uses = w.getSenses().get(0).getWords().stream()
                    .filter(x -> x.getLemma().equalsIgnoreCase(w.getLemma())).mapToInt(x -> x.getUseCount()).sum();
            nouns.add(new Noun(w.getLemma(), uses));
        }
        nouns.sort(Comparator.comparingInt(Noun::uses).reversed());
        List<String> phrases = nouns.subList(0, Math.min(n, nouns.size())).stream().map(x -> "a " + x.lemma()).toList();
        float[] mean = new float[embedder.dimensions()];
        for (float[] v : embedder.embedAll(phrases)) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i] / phrases.size();
            }
        }
        return mean;
    }
}
