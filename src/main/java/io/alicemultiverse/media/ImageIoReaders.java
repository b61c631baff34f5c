package io.alicemultiverse.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The one way this project reads a picture with ImageIO: the first reader that recognises the input, given the input
 * (seek forward only, metadata ignored), disposed afterwards. What to read and which limits apply stay with the caller.
 * Stateless.
 */
public final class ImageIoReaders {
    /** What to do with a reader that has the input set. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private ImageIoReaders() {
    }

    /** {@code read} applied to the first reader for {@code file}; null when ImageIO has none for it. */
    public static <T> T withFirst(Path file, Read<T> read) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in == null ? null : withFirst(in, read);
        }
    }

    /** {@code read} applied to the first reader for {@code in}; null when ImageIO has none for it. */
    public static <T> T withFirst(ImageInputStream in, Read<T> read) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            return read.apply(reader);
        } finally {
            reader.dispose();
        }
    }
}
