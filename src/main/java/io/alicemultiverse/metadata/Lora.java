package io.alicemultiverse.metadata;

/** A LoRA (or LyCORIS/embedding adapter) applied during generation; {@code weight} may be null. */
public record Lora(String name, Double weight) {
}
