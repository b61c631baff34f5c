package io.alicemultiverse.metadata.generators;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.testsupport.SampleTexts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every generator parser answers for its own samples only: no false positives on the other generators' files. */
class ParsersDeclineOtherSamplesTest {
    private static final Map<String, GeneratorParser> PARSERS = Map.of(
            "invokeai", new InvokeAiParser(), "novelai", new NovelAiParser(), "fooocus", new FooocusParser(),
            "swarmui", new SwarmUiParser(), "easydiffusion", new EasyDiffusionParser(),
            "drawthings", new DrawThingsParser(), "midjourney", new MidjourneyParser(),
            "filename", new FileNameHintParser());

    @Test
    void eachParserDeclinesTheOtherGeneratorsSamples() throws Exception {
        Path root = SampleTexts.samples();
        assumeTrue(root != null, "shared samples not present");
        List<Path> pngs;
        try (Stream<Path> s = Files.walk(root)) {
            pngs = s.filter(p -> p.toString().endsWith(".png") && sizeOf(p) > 0).sorted().toList();
        }
        assertThat(pngs).isNotEmpty();
        for (Path png : pngs) {
            RawMetadata raw = SampleTexts.png(png);
            String folder = png.getParent().getFileName().toString().toLowerCase();
            PARSERS.forEach((id, parser) -> {
                Optional<Generation> g = parser.parse(raw);
                if (!folder.equals(id)) {
                    assertThat(g).as("%s on %s", parser.getClass().getSimpleName(), png).isEmpty();
                } else {
                    assertThat(g).as("%s on %s", parser.getClass().getSimpleName(), png).isPresent();
                }
            });
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return 0;
        }
    }
}
