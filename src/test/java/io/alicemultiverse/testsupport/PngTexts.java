package io.alicemultiverse.testsupport;

import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.png.PngDirectory;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.RawMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: a PNG's text chunks (tEXt, zTXt, iTXt) as {@link RawMetadata}, read with metadata-extractor. */
public final class PngTexts {
    private PngTexts() {
    }

    /** The file's text chunks in file order, keyed by keyword. */
    public static RawMetadata read(Path png) {
        RawMetadata.Builder b = RawMetadata.builder(png.getFileName().toString(), MediaFormat.PNG);
        try (InputStream in = Files.newInputStream(png)) {
            Metadata metadata = PngMetadataReader.readMetadata(in);
            for (Directory d : metadata.getDirectoriesOfType(PngDirectory.class)) {
                PngDirectory png2 = (PngDirectory) d;
                PngChunkType type = png2.getPngChunkType();
                if (type != PngChunkType.tEXt && type != PngChunkType.zTXt && type != PngChunkType.iTXt) {
                    continue;
                }
                Object value = d.getObject(PngDirectory.TAG_TEXTUAL_DATA);
                if (value instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof KeyValuePair kv) {
                            b.text(kv.getKey(), kv.getValue().toString(type == PngChunkType.iTXt
                                    ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.drew.imaging.png.PngProcessingException e) {
            throw new IllegalStateException("not a readable PNG: " + png, e);
        }
        return b.build();
    }
}
