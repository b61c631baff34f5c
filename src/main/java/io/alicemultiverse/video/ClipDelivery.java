package io.alicemultiverse.video;

import io.alicemultiverse.library.SafeFiles;
import io.alicemultiverse.media.ContentHash;
import io.alicemultiverse.media.FormatSniffer;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Source;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Delivers finished clips into a library: download to {@code .alice/video/partial/ID.part} (resumable), check it is a
 * complete video, move it atomically to {@code .alice/video/inbox/PROJECT/ID.EXT}, then file it through the
 * {@link Filer} with the job's provenance. Each step leaves a state the next call recognises (a filed content hash, a
 * staged file, a partial download), so a crash anywhere neither loses the paid clip nor files it twice; a truncated
 * or foreign file never leaves the partial folder. Not thread-safe (one scheduler thread).
 */
final class ClipDelivery implements Delivery {
    private final Path root;
    private final Filer filer;
    private final Function<VideoJob, VideoProvider> providers;
    private final long maxBytes;

    /**
     * @param providers the provider client of a job: the maker of its model, and how its output is fetched
     * @param maxBytes  the most bytes a clip downloaded from its output URL may have
     */
    public ClipDelivery(Path libraryRoot, Filer filer, Function<VideoJob, VideoProvider> providers, long maxBytes) {
        this.root = libraryRoot.toAbsolutePath().normalize();
        this.filer = filer;
        this.providers = providers;
        this.maxBytes = maxBytes;
    }

    Path partial(VideoJob job) {
        return root.resolve(".alice/video/partial").resolve(job.id() + ".part");
    }

    @Override
    public void discard(VideoJob job) {
        try {
            Files.deleteIfExists(partial(job));
        } catch (IOException e) {
            // left for the next retry to resume from or overwrite
        }
    }

    Path stagingDir(VideoJob job) {
        return root.resolve(io.alicemultiverse.library.InboxRule.CLIP_STAGING).resolve(project(job));
    }

    /** The project as one safe folder name: the organize path takes the project from the inbox folder. */
    static String project(VideoJob job) {
        String p = job.request().project();
        String safe = p == null ? "" : p.strip().replaceAll("[^\\p{L}\\p{N}._ -]", "_").replaceAll("^[.]+", "");
        return safe.isBlank() ? "uncategorized" : safe;
    }

    @Override
    public Delivered deliver(VideoJob job) throws Failure {
        try {
            Optional<Path> staged = staged(job);
            if (staged.isEmpty()) {
                String hash = job.contentHash();
                if (hash != null) {
                    Optional<String> filed = filer.pathOf(hash);
                    if (filed.isPresent()) {
                        return new Delivered(filed.get(), hash);
                    }
                }
                if (job.outputUrl() == null) {
                    throw new Failure(Failure.Kind.EXPIRED, "no output URL recorded");
                }
                Path part = partial(job);
                if (!provider(job).fetchOutput(job, part, maxBytes)) {
                    Download.fetch(job.outputUrl(), part, java.util.Map.of(), Download::usableSpace, maxBytes);
                }
                staged = Optional.of(stage(job, part));
            }
            return filer.file(staged.get(), project(job), provenance(job));
        } catch (IOException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "filing the clip: " + e.getMessage());
        }
    }

    /** Checks the complete download and moves it into the staging inbox under its real extension. */
    private Path stage(VideoJob job, Path part) throws IOException, Failure {
        MediaFormat format = FormatSniffer.sniff(part);
        if (!format.isVideo()) {
            Files.deleteIfExists(part); // a page or an error body, not a clip: fetch again
            throw new Failure(Failure.Kind.INVALID, "the output is not a video (" + format.id() + ")");
        }
        Path dir = stagingDir(job);
        io.alicemultiverse.media.Folders.create(dir);
        Path target = dir.resolve(job.id() + "." + format.id().toLowerCase(Locale.ROOT));
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target);
        }
        SafeFiles.fsyncDirectory(dir);
        return target;
    }

    private Optional<Path> staged(VideoJob job) throws IOException {
        Path dir = stagingDir(job);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(job.id() + ".")).findFirst();
        }
    }

    /** What the job knows about the clip, recorded in the catalog as its generation metadata. */
    Generation provenance(VideoJob job) {
        VideoRequest r = job.request();
        String maker = provider(job).maker(job.model());
        Generation.Builder g = Generation.builder(maker == null ? Source.UNKNOWN : Source.fromId(maker)
                .orElse(Source.UNKNOWN));
        g.prompt(r.prompt()).negative(r.negative()).model(r.model());
        if (r.seed() != null) {
            g.seed(r.seed());
        }
        g.extra("provider", r.provider());
        g.extra("video_job", job.id());
        g.extra("provider_job_id", job.providerJobId());
        g.extra("maker", maker);
        g.extra("requested_duration_s", r.duration());
        g.extra("ratio", r.ratio());
        g.extra("resolution", r.resolution());
        g.extra("cost_usd", job.costUsd());
        g.extra("source_image", r.imageHash());
        if (!r.params().isEmpty()) {
            g.extra("params", r.params());
        }
        return g.build();
    }

    private VideoProvider provider(VideoJob job) {
        return providers.apply(job);
    }

    /** The content hash of a staged clip (for callers that file it themselves). */
    static String hash(Path p) throws IOException {
        return ContentHash.of(p);
    }
}
