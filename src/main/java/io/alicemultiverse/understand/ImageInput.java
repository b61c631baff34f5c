package io.alicemultiverse.understand;

import java.nio.file.Path;

/**
 * An image to understand: its identity (SHA-256 of its bytes), where it lies, and what the catalog knows of it.
 * {@code prompt} and {@code project} may be null. Immutable.
 */
public record ImageInput(String contentHash, Path file, String prompt, String project) {
}
