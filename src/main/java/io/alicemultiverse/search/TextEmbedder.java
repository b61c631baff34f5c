package io.alicemultiverse.search;

import java.util.List;

/** Turns text into unit-length vectors. Implementations are thread-safe; {@link #model()} names the vector space. */
public interface TextEmbedder {
    String model();

    int dimensions();

    float[] embed(String text);

    /** Loads what the first {@link #embed} would load (a model), so a caller can do it ahead, on another thread. */
    default void load() {
    }

    /** Embeds several texts (implementations may batch). */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
