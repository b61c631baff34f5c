package io.alicemultiverse.testsupport;

import com.drew.imaging.png.PngMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.png.PngDirectory;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.RawMetadata;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helpers: the shared sample files and {@link RawMetadata} built from their PNG text chunks (via
 * metadata-extractor) or from key/value pairs written in test code. Not a container reader; just enough for
 * generator-parser tests.
 */
public final class SampleTexts {
    private SampleTexts() {
    }

    /** The shared samples folder ({@code ../shared/samples} beside the worktree), or null when it is absent. */
    public static Path samples() {
        for (Path p : List.of(Path.of("../shared/samples"), Path.of("/work/shared/samples"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The sample at {@code relative} under the samples folder, or null when it is absent. */
    public static Path sample(String relative) {
        Path root = samples();
        if (root == null) {
            return null;
        }
        Path p = root.resolve(relative);
        return Files.isRegularFile(p) ? p : null;
    }

    /** A PNG's text chunks (tEXt, zTXt, iTXt) as raw metadata keyed by chunk keyword. */
    public static RawMetadata png(Path file) throws Exception {
        RawMetadata.Builder b = RawMetadata.builder(file.getFileName().toString(), MediaFormat.PNG);
        Metadata md;
        try (InputStream in = Files.newInputStream(file)) {
            md = PngMetadataReader.readMetadata(in);
        }
        for (Directory d : md.getDirectories()) {
            if (d instanceof PngDirectory && d.containsTag(PngDirectory.TAG_TEXTUAL_DATA)) {
                Object v = d.getObject(PngDirectory.TAG_TEXTUAL_DATA);
                if (v instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof KeyValuePair kv) {
                            b.text(kv.getKey(), kv.getValue().toString());
                        }
                    }
                }
            }
        }
        return b.build();
    }

    /** Raw metadata for a PNG named {@code fileName} with the given key/value text pairs. */
    public static RawMetadata raw(String fileName, String... keyValues) {
        return raw(fileName, MediaFormat.PNG, keyValues);
    }

    /** Raw metadata of {@code format} named {@code fileName} with the given key/value text pairs. */
    public static RawMetadata raw(String fileName, MediaFormat format, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected, got " + keyValues.length + " strings");
        }
        RawMetadata.Builder b = RawMetadata.builder(fileName, format);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.text(keyValues[i], keyValues[i + 1]);
        }
        return b.build();
    }
}
