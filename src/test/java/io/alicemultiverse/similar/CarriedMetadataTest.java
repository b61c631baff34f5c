package io.alicemultiverse.similar;

import io.alicemultiverse.testsupport.WebpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a keeper carries all of a member's metadata, for the formats beyond PNG and JPEG that the metadata readers
 * understand: a member whose metadata the keeper holds may become a link; one with metadata of its own may not.
 */
class CarriedMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void aWebpMemberIsHeldWhenTheKeeperCarriesItsExifAndXmpWhateverItsPixelChunks() throws IOException {
        byte[] exif = "Exif\0\0MM\0*owl".getBytes(StandardCharsets.ISO_8859_1);
        Path member = file("m.webp", WebpBuilder.create(8, 8).chunk("VP8L", new byte[]{1, 2, 3})
                .chunk("EXIF", exif).build());
        Path keeper = file("k.webp", WebpBuilder.create(8, 8).chunk("VP8L", new byte[]{9, 9, 9, 9, 9})
                .chunk("EXIF", exif).chunk("XMP ", "<x/>".getBytes(StandardCharsets.UTF_8)).build());
        Path bare = file("b.webp", WebpBuilder.create(8, 8).chunk("VP8L", new byte[]{1, 2, 3}).build());
        assertThat(CarriedMetadata.keeperHoldsAll(member, keeper, "webp")).isTrue();
        assertThat(CarriedMetadata.keeperHoldsAll(bare, keeper, "webp")).isTrue();
        assertThat(CarriedMetadata.keeperHoldsAll(keeper, member, "webp")).as("the keeper lacks the XMP").isFalse();
        assertThat(CarriedMetadata.keeperHoldsAll(member, file("t.webp", Arrays.copyOf(Files.readAllBytes(keeper),
                30)), "webp")).as("a truncated keeper").isFalse();
    }

    @Test
    void aGifMemberIsHeldWhenTheKeeperCarriesItsCommentAndAnimationsNeedTheSameFrames() throws IOException {
        byte[] plain = gif(2);
        Path member = file("m.gif", withComment(plain, "made by owlgen"));
        Path keeper = file("k.gif", withComment(gif(5), "made by owlgen")); // another palette: other pixel bytes
        assertThat(CarriedMetadata.keeperHoldsAll(member, keeper, "gif")).isTrue();
        assertThat(CarriedMetadata.keeperHoldsAll(file("p.gif", plain), keeper, "gif")).isTrue();
        assertThat(CarriedMetadata.keeperHoldsAll(member, file("p2.gif", plain), "gif")).isFalse();
        // a second frame is not seen by the pixel comparison: a keeper without it would lose it
        Path animated = file("a.gif", withFrame(plain));
        assertThat(CarriedMetadata.keeperHoldsAll(animated, file("p3.gif", plain), "gif")).isFalse();
        assertThat(CarriedMetadata.keeperHoldsAll(animated, animated, "gif")).isTrue();
    }

    @Test
    void aTiffMemberIsHeldWhenTheKeeperCarriesItsTagsInEitherByteOrder() throws IOException {
        Path member = file("m.tif", tiff(ByteOrder.LITTLE_ENDIAN, 1, "an owl at dusk"));
        Path keeper = file("k.tif", tiff(ByteOrder.BIG_ENDIAN, 8, "an owl at dusk"));
        assertThat(CarriedMetadata.keeperHoldsAll(member, keeper, "tiff")).isTrue();
        assertThat(CarriedMetadata.keeperHoldsAll(member, file("o.tif", tiff(ByteOrder.BIG_ENDIAN, 1, "a cat")),
                "tiff")).isFalse();
        assertThat(CarriedMetadata.keeperHoldsAll(member, file("n.tif", tiff(ByteOrder.BIG_ENDIAN, 1, null)),
                "tiff")).isFalse();
    }

    private Path file(String name, byte[] b) throws IOException {
        return Files.write(tmp.resolve(name), b);
    }

    private static byte[] gif(int shade) throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
        img.setRGB(1, 1, 0xFF000000 | shade * 0x101010);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "gif", out);
        return out.toByteArray();
    }

    /** The GIF with a comment extension before its trailer. */
    private static byte[] withComment(byte[] gif, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, gif.length - 1);
        out.write(0x21);
        out.write(0xFE);
        out.write(t.length);
        out.writeBytes(t);
        out.write(0);
        out.write(0x3B);
        return out.toByteArray();
    }

    /** The GIF with a second 1×1 frame (no local palette) before its trailer. */
    private static byte[] withFrame(byte[] gif) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, gif.length - 1);
        out.writeBytes(new byte[]{0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B});
        return out.toByteArray();
    }

    /** A 1×1 grey TIFF, {@code compression} as stated (the strip is the same byte), with an optional description. */
    private static byte[] tiff(ByteOrder order, int compression, String description) {
        byte[] text = description == null ? null : (description + "\0").getBytes(StandardCharsets.US_ASCII);
        int entries = text == null ? 7 : 8;
        int ifd = 8;
        int after = ifd + 2 + 12 * entries + 4;
        ByteBuffer b = ByteBuffer.allocate(after + (text == null ? 0 : text.length) + 1).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[]{'I', 'I'} : new byte[]{'M', 'M'}).putShort((short) 42)
                .putInt(ifd).putShort((short) entries);
        entry(b, 256, 3, 1, 1);
        entry(b, 257, 3, 1, 1);
        entry(b, 258, 3, 1, 8);
        entry(b, 259, 3, 1, compression);
        entry(b, 262, 3, 1, 1);
        if (text != null) {
            entry(b, 270, 2, text.length, after);
        }
        entry(b, 273, 4, 1, after + (text == null ? 0 : text.length));
        entry(b, 279, 4, 1, 1);
        b.putInt(0);
        if (text != null) {
            b.put(text);
        }
        b.put((byte) 0x80);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
