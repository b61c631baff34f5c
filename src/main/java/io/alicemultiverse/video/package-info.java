/**
 * Video generation: durable jobs sent to remote video models (fal queue, Runway, Replicate, Luma, MiniMax), each
 * recorded before it is submitted, advanced by one scheduler, downloaded when ready and filed into the library with
 * the prompt, model, seed and cost that made it. Providers are written against the published APIs summarised in
 * {@code ../shared/reference/video-providers.md}; keys come from the environment and are never stored.
 */
package io.alicemultiverse.video;
