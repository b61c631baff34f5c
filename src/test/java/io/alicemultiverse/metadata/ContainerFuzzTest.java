package io.alicemultiverse.metadata;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.testsupport.FuzzBounds;
import io.alicemultiverse.testsupport.PngBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fuzz targets for the container readers. Each reader may report a damaged file with an {@link IOException} (the
 * caller keeps what was read and notes the damage); anything else escaping, more than a second of CPU, or more
 * memory than {@link Limits} documents is a finding. {@code mvn verify} replays {@code ContainerFuzzTestInputs/};
 * {@code bench/fuzz.sh} runs campaigns.
 */
class ContainerFuzzTest {
    /** A chunk kept whole plus its inflated text, with room for the reader's own bookkeeping. */
    private static final long TEXT_BYTES = Limits.MAX_TEXT_BYTES + Limits.MAX_INFLATED_BYTES + 16L * 1024 * 1024;
    /** A stealth decode: alpha and RGB planes of the largest image decoded, plus the row buffers. */
    private static final long STEALTH_BYTES = Limits.MAX_STEALTH_PIXELS * 4 + TEXT_BYTES;

    @FuzzTest
    void png(byte[] data) throws Exception {
        FuzzBounds.check("png", TEXT_BYTES, () -> channel("fuzz.png", data, ch -> PngReader.read(ch, builder(MediaFormat.PNG))));
    }

    @FuzzTest
    void jpeg(byte[] data) throws Exception {
        FuzzBounds.check("jpeg", TEXT_BYTES, () -> {
            try {
                JpegReader.read(new ByteArrayInputStream(data), builder(MediaFormat.JPEG));
            } catch (IOException allowed) {
                // a damaged container is reported, not thrown, by MetadataReader
            }
        });
    }

    @FuzzTest
    void webp(byte[] data) throws Exception {
        FuzzBounds.check("webp", TEXT_BYTES, () -> channel("fuzz.webp", data, ch -> WebpReader.read(ch, builder(MediaFormat.WEBP))));
    }

    @FuzzTest
    void isoBmff(byte[] data) throws Exception {
        FuzzBounds.check("isobmff", TEXT_BYTES, () -> channel("fuzz.avif", data,
                ch -> IsoBmffReader.readSize(ch, builder(MediaFormat.AVIF))));
    }

    @FuzzTest
    void jxl(byte[] data) throws Exception {
        FuzzBounds.check("jxl", TEXT_BYTES, () -> channel("fuzz.jxl", data, ch -> JxlReader.read(ch, builder(MediaFormat.JXL))));
    }

    /** PNG pixels read for stealth LSB text: the IHDR's claims come from the input, as in a real file. */
    @FuzzTest
    void stealth(byte[] data) throws Exception {
        FuzzBounds.check("stealth", STEALTH_BYTES, () -> {
            Path file = FuzzBounds.file("stealth.png", data);
            RawMetadata.Builder out = builder(MediaFormat.PNG);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                PngReader.read(ch, out);
            } catch (IOException allowed) {
                // the size may still have been read
            }
            StealthReader.read(file, out);
        });
    }

    /**
     * The {@code .txt} sidecar beside a plain PNG, read and parsed by every generator parser, as {@code alice inspect}
     * does: nothing may escape at all.
     */
    @FuzzTest
    void sidecar(byte[] data) throws Exception {
        FuzzBounds.check("sidecar", TEXT_BYTES, () -> {
            Path image = FuzzBounds.file("sidecar.png", PLAIN_PNG);
            FuzzBounds.file("sidecar.txt", data);
            Inspector.fromRaw("sidecar.png", MetadataReader.read(image));
        });
    }

    /** A whole file of any format through {@link MetadataReader} and the generator parsers: nothing may escape. */
    @FuzzTest
    void anyFile(byte[] data) throws Exception {
        FuzzBounds.check("anyFile", STEALTH_BYTES, () -> {
            Path file = FuzzBounds.file("any.bin", data);
            Inspector.fromRaw("any.bin", MetadataReader.read(file));
        });
    }

    private static final byte[] PLAIN_PNG = PngBuilder.rgb(2, 2).build();

    private static RawMetadata.Builder builder(MediaFormat format) {
        return RawMetadata.builder("fuzz", format);
    }

    @FunctionalInterface
    private interface ChannelBody {
        void read(FileChannel ch) throws IOException;
    }

    private static void channel(String name, byte[] data, ChannelBody body) throws IOException {
        try (FileChannel ch = FileChannel.open(FuzzBounds.file(name, data), StandardOpenOption.READ)) {
            body.read(ch);
        } catch (IOException allowed) {
            // a damaged container is reported, not thrown, by MetadataReader
        }
    }
}
