package io.alicemultiverse.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.ClipSource;
import io.alicemultiverse.media.Ffprobe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns catalogued assets into a {@link Timeline}: videos last as long as ffprobe measured (the catalogued duration,
 * which organizing read with ffprobe; else ffprobe is asked now), stills are held for {@code stillSeconds}. Clip names
 * are the file names, reels the first 8 digits of the content hash. Not thread-safe (it reads the catalog).
 */
public final class TimelineBuilder {
    /** Most clips one timeline takes (a CMX 3600 EDL holds 999 events; the others could take more). */
    public static final int MAX_CLIPS = 999;

    /** Reads a video's length in seconds; empty when it cannot be measured. */
    @FunctionalInterface
    public interface DurationProbe {
        Optional<Double> seconds(Path file);

        /** ffprobe's {@code format.duration}, when ffprobe is installed and reads the file. */
        static DurationProbe ffprobe() {
            return file -> {
                if (!Ffprobe.isAvailable()) {
                    return Optional.empty();
                }
                try {
                    return Ffprobe.probe(file).map(j -> j.path("format").path("duration"))
                            .filter(JsonNode::isTextual).map(n -> Double.parseDouble(n.asText()));
                } catch (IOException | NumberFormatException e) {
                    return Optional.empty();
                }
            };
        }
    }

    /** A timeline and what could not be measured (each naming the file). */
    public record Result(Timeline timeline, List<String> warnings) {
    }

    private final Catalog catalog;
    private final Path root;
    private final DurationProbe probe;

    public TimelineBuilder(Catalog catalog, Path root, DurationProbe probe) {
        this.catalog = catalog;
        this.root = root;
        this.probe = probe;
    }

    /**
     * Builds a timeline of the assets {@code hashes} lists (every asset when null), in {@code order}: {@code CREATED}
     * by creation date, otherwise in the order of {@code hashes} (as a search ranked them or as the user gave them).
     *
     * @throws IllegalArgumentException when nothing is selected, too much is, or a setting is out of range
     */
    public Result build(String name, List<String> hashes, TimelineOrder order, int fps, double stillSeconds) {
        if (!(stillSeconds > 0 && stillSeconds <= 3600)) {
            throw new IllegalArgumentException("--still-seconds must be above 0 and at most 3600, not " + stillSeconds);
        }
        List<ClipSource> sources = new ArrayList<>(catalog.clipSources(hashes, MAX_CLIPS + 1));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no catalogued asset selected for the timeline");
        }
        if (sources.size() > MAX_CLIPS) {
            throw new IllegalArgumentException("a timeline takes at most " + MAX_CLIPS + " clips; narrow the selection");
        }
        if (order != TimelineOrder.CREATED && hashes != null) {
            Map<String, Integer> rank = new HashMap<>();
            for (String h : hashes) {
                rank.putIfAbsent(h, rank.size());
            }
            sources.sort(Comparator.comparing(s -> rank.get(s.contentHash())));
        }
        List<Clip> clips = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ClipSource s : sources) {
            Path file = root.resolve(s.path()).toAbsolutePath().normalize();
            boolean still = !"video".equals(s.mediaType());
            double seconds = stillSeconds;
            if (!still) {
                Optional<Double> measured = Optional.ofNullable(s.duration()).filter(d -> d > 0)
                        .or(() -> probe.seconds(file)).filter(d -> d > 0 && Double.isFinite(d));
                if (measured.isPresent()) {
                    seconds = measured.get();
                } else {
                    warnings.add(s.path() + ": video length unknown (is ffprobe installed?); held for "
                            + stillSeconds + " s");
                }
            }
            long frames = Math.max(1, Math.round(seconds * fps));
            clips.add(new Clip(s.contentHash(), file, file.getFileName().toString(),
                    s.contentHash().substring(0, Math.min(8, s.contentHash().length())).toUpperCase(Locale.ROOT),
                    still, frames, s.width(), s.height(), s.prompt()));
        }
        return new Result(new Timeline(Objects.requireNonNullElse(name, "AliceMultiverse"), fps, clips), warnings);
    }
}
