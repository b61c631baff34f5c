package io.alicemultiverse.app;

import java.util.List;

/**
 * What a tag change did: the number of assets it addressed and, when the library keeps XMP sidecars current
 * ({@code xmp: true}), the sidecars that could not be rewritten (each naming its file).
 */
public record TagOutcome(int assets, List<String> sidecarProblems) {
    public TagOutcome {
        sidecarProblems = List.copyOf(sidecarProblems);
    }
}
