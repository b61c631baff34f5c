package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** EXIF text wherever writers put it, and what EXIF says about a camera photo. */
class ExifFieldsTest {
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int BYTE = 1;

    /** A big-endian TIFF with one IFD holding {@code entries} (tag → type and bytes). */
    private static byte[] tiff(Map<Integer, Object[]> entries) {
        int dataStart = 8 + 2 + entries.size() * 12 + 4;
        ByteBuffer ifd = ByteBuffer.allocate(dataStart - 8);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ifd.putShort((short) entries.size());
        for (Map.Entry<Integer, Object[]> e : new TreeMap<>(entries).entrySet()) {
            int type = (Integer) e.getValue()[0];
            byte[] v = (byte[]) e.getValue()[1];
            int count = type == SHORT ? v.length / 2 : v.length;
            ifd.putShort(e.getKey().shortValue()).putShort((short) type).putInt(count);
            if (v.length <= 4) {
                ifd.put(ByteBuffer.allocate(4).put(v).array());
            } else {
                ifd.putInt(dataStart + data.size());
                data.writeBytes(v);
            }
        }
        ifd.putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8});
        out.writeBytes(ifd.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static Object[] ascii(String s) {
        return new Object[]{ASCII, (s + "\0").getBytes(StandardCharsets.UTF_8)};
    }

    private static RawMetadata read(Map<Integer, Object[]> entries) {
        RawMetadata.Builder b = RawMetadata.builder("x.jpg", MediaFormat.JPEG);
        ExifText.fromTiff(tiff(entries), 0, b);
        return b.build();
    }

    @Test
    void userCommentInIfd0WithoutCharsetHeaderUnwrapsASaveNodesGraphs() {
        String json = "{\"prompt\": {\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 5}}},"
                + " \"workflow\": {\"nodes\": []}}";
        RawMetadata r = read(Map.of(0x9286, ascii(json)));
        assertThat(r.get("Exif.UserComment")).isEqualTo(json);
        assertThat(r.get("prompt")).contains("KSampler");
        assertThat(r.get("workflow")).contains("nodes");
        Inspection i = Inspector.fromRaw("x.jpg", r);
        assertThat(i.generation().source()).isEqualTo(Source.COMFYUI);
        assertThat(i.aiGenerated()).isTrue();
    }

    @Test
    void makeAndDescriptionWithTitleCaseLabels() {
        RawMetadata r = read(Map.of(0x010F, ascii("Prompt: {\"3\": {\"class_type\": \"KSampler\"}}"),
                0x010E, ascii("Workflow: {\"nodes\": []}")));
        assertThat(r.get("prompt")).startsWith("{\"3\"");
        assertThat(r.get("workflow")).isEqualTo("{\"nodes\": []}");
    }

    @Test
    void xpCommentIsUtf16LittleEndian() {
        byte[] text = "a fox\nSteps: 9, Seed: 3, Sampler: Euler\0".getBytes(StandardCharsets.UTF_16LE);
        RawMetadata r = read(Map.of(0x9C9C, new Object[]{BYTE, text}));
        assertThat(r.get("Exif.XPComment")).isEqualTo("a fox\nSteps: 9, Seed: 3, Sampler: Euler");
        assertThat(Inspector.fromRaw("x.jpg", r).generation().steps()).isEqualTo(9);
    }

    @Test
    void aCameraPhotoIsNotAiGenerated() {
        RawMetadata r = read(Map.of(0x010F, ascii("Canon"), 0x0110, ascii("Canon EOS-1D Mark III"),
                0x8827, new Object[]{SHORT, new byte[]{0, 100}}));
        assertThat(r.get("Exif.ISOSpeedRatings")).isEqualTo("100");
        assertThat(Inspector.fromRaw("x.jpg", r).aiGenerated()).isFalse();
    }

    @Test
    void aPixelPhotoIsACameraPhotoNotGoogleImageModels() {
        RawMetadata r = read(Map.of(0x010F, ascii("Google"), 0x0110, ascii("Pixel 8 Pro"),
                0x0131, ascii("HDR+ 1.0.584361478zd"), 0x8827, new Object[]{SHORT, new byte[]{0, 50}}));
        Inspection i = Inspector.fromRaw("x.jpg", r);
        assertThat(i.generation().source()).isEqualTo(Source.UNKNOWN);
        assertThat(i.aiGenerated()).isFalse();
    }

    @Test
    void makeAndModelWithoutExposureSayNothing() {
        RawMetadata r = read(Map.of(0x010F, ascii("Canon"), 0x0110, ascii("EOS R5")));
        assertThat(Inspector.fromRaw("x.jpg", r).aiGenerated()).isNull();
    }

    @Test
    void aRecordInMakeIsNoCamera() {
        RawMetadata r = read(Map.of(0x010F, ascii("Prompt: not a graph {"), 0x0110, ascii("x"),
                0x8827, new Object[]{SHORT, new byte[]{0, 50}}));
        assertThat(Inspector.fromRaw("x.jpg", r).aiGenerated()).isNull();
    }

    @Test
    void noMetadataAtAllStaysUnknown() {
        RawMetadata r = RawMetadata.builder("x.jpg", MediaFormat.JPEG).size(10, 10).build();
        assertThat(Inspector.fromRaw("x.jpg", r).aiGenerated()).isNull();
    }
}
