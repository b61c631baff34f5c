/**
 * Understanding: descriptions and tags for images from vision models (OpenAI, Anthropic, Gemini, any
 * OpenAI-compatible server such as Ollama) or from the offline {@code local} analyzer, cached in the catalog so no
 * image is paid for twice, with a price table, a spend ledger, budgets, rate limits, retries and a circuit breaker.
 */
package io.alicemultiverse.understand;
