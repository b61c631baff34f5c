package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;

import java.util.Optional;

/**
 * Recognises one generator's metadata. Implementations are stateless and thread-safe, and never throw on bad
 * input: text that is not theirs, or that is malformed beyond use, gives {@link Optional#empty()}.
 */
@FunctionalInterface
interface GeneratorParser {
    /** The generation this file's metadata describes, if it is this generator's. */
    Optional<Generation> parse(RawMetadata raw);
}
