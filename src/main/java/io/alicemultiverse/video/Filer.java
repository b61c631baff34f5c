package io.alicemultiverse.video;

import io.alicemultiverse.metadata.Generation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The library's side of a delivery: files a downloaded clip through the same organize path as any file (layout,
 * numbering, journal, catalog, search), with what the job knows about how it was made in place of what the file's
 * bytes say. Implemented by the application facade, which owns the library.
 */
public interface Filer {
    /** Files {@code staged} (moving it) and returns its library path and content hash. */
    Delivery.Delivered file(Path staged, String project, Generation provenance) throws IOException;

    /** The library path of content already filed, if any (a crash after filing, before the job was updated). */
    Optional<String> pathOf(String contentHash);
}
