package io.alicemultiverse.app;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.library.OrganizeSummary;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.video.Delivery;
import io.alicemultiverse.video.Filer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files a generated clip through the organize path, like any inbox file: the staging folder
 * ({@code .alice/video/inbox}, one folder per project) is the inbox, the clip is moved (journaled, crash-safe,
 * numbered by the layout) with the job's generation in place of what the file says, and search learns it at once.
 * Not thread-safe: the library's single writer calls it.
 */
final class VideoFiler implements Filer {
    private final LibraryService library;
    private final Catalog catalog;

    VideoFiler(LibraryService library) {
        this.library = library;
        this.catalog = library.catalog();
    }

    @Override
    public Delivery.Delivered file(Path staged, String project, Generation provenance) throws IOException {
        String hash = ContentHash.of(staged);
        Path inbox = staged.getParent().getParent();
        List<String> failures = new ArrayList<>();
        long before = catalog.changeCounter();
        OrganizeSummary summary = library.organizer(inbox, true, listener(failures))
                .withProvenance(p -> p.toAbsolutePath().normalize().equals(staged.toAbsolutePath().normalize())
                        ? provenance : null)
                .run(item -> item.path().toAbsolutePath().normalize().equals(staged.toAbsolutePath().normalize()));
        if (summary.errors() > 0) {
            throw new IOException("the clip could not be filed" + (failures.isEmpty() ? "" : ": " + failures));
        }
        library.catalogued(summary, before);
        String path = catalog.assetPaths().get(hash);
        if (path == null) {
            throw new IOException("the clip was not catalogued");
        }
        return new Delivery.Delivered(path, hash);
    }

    @Override
    public Optional<String> pathOf(String contentHash) {
        return Optional.ofNullable(catalog.assetPaths().get(contentHash));
    }

    /** Collects failures an organize run reports. */
    static OrganizeListener listener(List<String> failures) {
        return new OrganizeListener() {
            @Override
            public void failed(String path, String reason) {
                failures.add(reason);
            }
        };
    }
}
