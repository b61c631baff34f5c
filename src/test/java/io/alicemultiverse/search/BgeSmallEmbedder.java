package io.alicemultiverse.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * bge-small-en-v1.5 (quantized, bundled) for the search evaluation: queries get the instruction the model card gives
 * for short queries against passages; documents are embedded as they are. Thread-safe.
 */
final class BgeSmallEmbedder implements TextEmbedder {
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private static final class Holder {
        static final EmbeddingModel MODEL;

        static {
            System.setProperty("OPT_OUT_TRACKING", "true");
            MODEL = new BgeSmallEnV15QuantizedEmbeddingModel();
        }
    }

    @Override
    public String model() {
        return "bge-small-en-v15-q";
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public float[] embed(String query) {
        return MiniLmEmbedder.normalise(Holder.MODEL.embed(QUERY_INSTRUCTION + query).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += 64) {
            List<TextSegment> segments = texts.subList(i, Math.min(texts.size(), i + 64)).stream()
                    .map(TextSegment::from).toList();
            for (Embedding e : Holder.MODEL.embedAll(segments).content()) {
                out.add(MiniLmEmbedder.normalise(e.vector()));
            }
        }
        return out;
    }
}
