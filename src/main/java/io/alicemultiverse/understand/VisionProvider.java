package io.alicemultiverse.understand;

import java.util.List;

/**
 * Something that looks at images and answers with an {@link Understanding} for each: a vision model behind an API,
 * or the offline {@link LocalAnalyzer}. Implementations are thread-safe (several requests may run at once) and
 * never let a malformed reply escape as anything but a failed {@link Reply.Outcome}; transport and HTTP failures
 * are {@link ProviderException}s, which the caller may retry.
 */
public interface VisionProvider {
    /** The provider's id ({@code openai}, {@code anthropic}, {@code gemini}, {@code ollama}, {@code local}, …). */
    String name();

    /** The model asked; part of the cache key. */
    String model();

    /** How many images one request may carry (1 when the provider gets one image per request). */
    int maxImagesPerRequest();

    /** Whether requests cost money (only then are estimates, budgets and the ledger involved). */
    boolean paid();

    /**
     * Understands {@code images} (at most {@link #maxImagesPerRequest()}) in one request.
     *
     * @throws ProviderException when the request failed as a whole (HTTP status, timeout, network)
     */
    Reply analyse(List<ImageInput> images);
}
