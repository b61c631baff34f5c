package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;

import java.util.List;
import java.util.Optional;

/**
 * The one place generator parsers are registered, in the order they are tried. Order matters: formats that are
 * unambiguous (ComfyUI graphs, InvokeAI, NovelAI, JSON-in-parameters dialects) come before the A1111 text format
 * they could be mistaken for; sites that wrap a ComfyUI graph with their own record (TensorArt, Stability Matrix,
 * Civitai) come before the plain graph; a JSON record recognised only by its shape comes after every named format; C2PA service detection follows embedded generation parameters; file-name hints come
 * last and never outrank embedded metadata. Stateless and thread-safe.
 */
public final class GeneratorRegistry {
    private static final List<GeneratorParser> PARSERS = List.of(
            new InvokeAiParser(),
            new NovelAiParser(),
            new SwarmUiParser(),      // SwarmUI files may also carry a ComfyUI graph: its own params win
            new TensorArtParser(),    // these three hold a ComfyUI graph plus a record of their own
            new StabilityMatrixParser(),
            new CivitaiParser(),
            new ComfyUiParser(),
            new FooocusParser(),      // before A1111: Fooocus's a1111 scheme is A1111 text
            new HuggingFaceSpaceParser(), // after Fooocus, whose JSON may also have a resolution
            new DrawThingsParser(),
            new EasyDiffusionParser(),
            new MidjourneyParser(),
            new A1111Parser(),
            new JsonRecordParser(),   // any JSON generation record no parser above claimed
            new ServiceParser(),      // hosted services named by C2PA or software fields
            new FileNameHintParser()  // last resort, never above embedded metadata
    );

    private GeneratorRegistry() {
    }

    /** The first parser's answer, in registry order. */
    public static Optional<Generation> detect(RawMetadata raw) {
        for (GeneratorParser parser : PARSERS) {
            Optional<Generation> g;
            try {
                g = parser.parse(raw);
            } catch (RuntimeException e) {
                // A parser bug must not abort a run; the next parser gets its chance.
                continue;
            }
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }
}
