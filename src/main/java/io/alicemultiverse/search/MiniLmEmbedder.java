package io.alicemultiverse.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized, bundled, offline) through langchain4j. The model loads on first use (~2.5 s) and
 * stays loaded for the process; thread-safe.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    public static final String MODEL = "all-minilm-l6-v2-q";
    private static final int BATCH = 64;

    private static final class Holder {
        static final EmbeddingModel MODEL;

        static {
            // the tokenizer library otherwise reports usage over the network
            System.setProperty("OPT_OUT_TRACKING", "true");
            MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public void load() {
        if (Holder.MODEL == null) {
            throw new IllegalStateException("the embedding model did not load");
        }
    }

    @Override
    public float[] embed(String text) {
        return normalise(Holder.MODEL.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> segments = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
                    .map(TextSegment::from).toList();
            for (Embedding e : Holder.MODEL.embedAll(segments).content()) {
                out.add(normalise(e.vector()));
            }
        }
        return out;
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
