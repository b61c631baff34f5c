package io.alicemultiverse.metadata.generators;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alicemultiverse.media.MediaFormat;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.testsupport.FuzzBounds;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz targets for the generator parsers, called directly (the registry would hide a parser's exception by trying
 * the next one): A1111 infotext, ComfyUI API and editor graphs, and every parser on text under the keys they read.
 * Parsers never throw on bad input; more than a second of CPU or 64 MB allocated from one input is a finding too.
 */
class GeneratorFuzzTest {
    private static final byte[] NUL = {0};
    private static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final List<String> KEYS = List.of("parameters", "prompt", "workflow", "Comment", "Description",
            "Dream", "sd-metadata", "invokeai_metadata", "invokeai_graph", "Software", "Exif.UserComment",
            "Exif.ImageDescription", "Exif.Software", "Exif.MakerNote", "Xmp.dc:description", "XML:com.adobe.xmp",
            "stealth_pnginfo", "sidecar.txt", "extras", "postprocessing");
    private static final List<GeneratorParser> PARSERS = List.of(new InvokeAiParser(), new NovelAiParser(),
            new SwarmUiParser(), new ComfyUiParser(), new FooocusParser(), new DrawThingsParser(),
            new EasyDiffusionParser(), new MidjourneyParser(), new A1111Parser(), new ServiceParser(),
            new FileNameHintParser());

    @FuzzTest
    void a1111(byte[] data) throws Exception {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzBounds.check("a1111", MAX_BYTES, () -> {
            A1111Text.parse(text);
            new A1111Parser().parse(raw("parameters", text)).ifPresent(g -> g.toString());
        });
    }

    /** The {@code prompt} and {@code workflow} entries, separated by a NUL byte. */
    @FuzzTest
    void comfyUi(byte[] data) throws Exception {
        List<byte[]> parts = FuzzBounds.split(data, NUL, 2);
        String prompt = new String(parts.get(0), StandardCharsets.UTF_8);
        String workflow = parts.size() > 1 ? new String(parts.get(1), StandardCharsets.UTF_8) : null;
        FuzzBounds.check("comfyUi", MAX_BYTES, () -> {
            RawMetadata raw = RawMetadata.builder("ComfyUI_00001_.png", MediaFormat.PNG)
                    .text("prompt", prompt).text("workflow", workflow).build();
            new ComfyUiParser().parse(raw).ifPresent(g -> g.toString());
        });
    }

    /**
     * Every parser on a file name and up to six entries, separated by NUL bytes; an entry's first character picks
     * the key (one of those the parsers read), the rest is its value.
     */
    @FuzzTest
    void everyParser(byte[] data) throws Exception {
        List<byte[]> parts = FuzzBounds.split(data, NUL, 7);
        RawMetadata.Builder b = RawMetadata.builder(new String(parts.get(0), StandardCharsets.UTF_8), MediaFormat.PNG);
        for (byte[] part : parts.subList(1, parts.size())) {
            if (part.length > 0) {
                b.text(KEYS.get((part[0] & 0xFF) % KEYS.size()),
                        new String(part, 1, part.length - 1, StandardCharsets.UTF_8));
            }
        }
        RawMetadata raw = b.build();
        FuzzBounds.check("everyParser", MAX_BYTES, () -> {
            for (GeneratorParser p : PARSERS) {
                p.parse(raw).ifPresent(g -> g.toString());
            }
        });
    }

    private static RawMetadata raw(String key, String value) {
        return RawMetadata.builder("fuzz.png", MediaFormat.PNG).text(key, value).build();
    }
}
