package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of {@code ../shared/peers} (other projects' own test files) reads as {@code expected.json} asserts,
 * field by field. Its conventions differ from the samples' expected.json: {@code *_contains} are substrings of the
 * field or of its plural list (compared without surrounding whitespace, which the reader trims), {@code seeds} is a
 * set of integer strings, {@code error: false} means the file must be read without error, and keys starting with
 * {@code _} ({@code _from}, {@code _peers}, {@code _about}) are provenance, not assertions.
 */
class PeersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> peers() throws IOException {
        List<Arguments> out = new ArrayList<>();
        expected().fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) {
                out.add(Arguments.of(e.getKey(), e.getValue()));
            }
        });
        assertThat(out).hasSizeGreaterThanOrEqualTo(70);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void readsAsThePeerAsserts(String name, JsonNode want) {
        List<String> misses = misses(name, want);
        assertThat(misses).as(name + " (asserted by " + want.path("_from").asText() + ")").isEmpty();
    }

    /** The total over every file, printed so a run shows how far the reader is from the peers. */
    @Test
    void countsEveryAssertedField() throws IOException {
        int asserted = 0;
        List<String> misses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            asserted += (int) stream(e.getValue()).filter(k -> !k.startsWith("_")).count();
            misses.addAll(misses(e.getKey(), e.getValue()));
        }
        System.out.printf("peers: %d of %d asserted fields right%n", asserted - misses.size(), asserted);
        assertThat(asserted).isEqualTo(562);
        assertThat(misses).isEmpty();
    }

    /** The rule beyond what the peers assert: camera photos are not AI-made, a Pixel is not Google's models. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"exiftool/Apple.jpg", "exiftool/Canon1DmkIII.jpg",
            "exiftool/Google.jpg", "exiftool/Nikon.jpg", "exiftool/Sony.jpg"})
    void cameraPhotosAreNotAiGenerated(String name) {
        Inspection got = Inspector.inspect(Peers.file(name), name);
        assertThat(got.generation().source()).isEqualTo(Source.UNKNOWN);
        assertThat(got.aiGenerated()).as("ai_generated").isFalse();
    }

    /** Files with no evidence either way, or broken on purpose, stay undecided; the empty one is an error. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sd-metadata/gimp.jpg", "sd-metadata/gimp.webp",
            "sd-metadata/empty.jpg", "sd-parsers/empty_image.png", "dataset-tools/jpeg_nometadata_dog_notAi.jpg",
            "exiftool/PNG.png", "sd-parsers/empty_file.png"})
    void filesWithoutEvidenceStayUndecided(String name) {
        Inspection got = Inspector.inspect(Peers.file(name), name);
        assertThat(got.aiGenerated()).as("ai_generated").isNull();
        assertThat(got.error() != null).as("error").isEqualTo(name.endsWith("empty_file.png"));
    }

    private static JsonNode expected() throws IOException {
        return JSON.readTree(Peers.file("expected.json").toFile());
    }

    private static Stream<String> stream(JsonNode obj) {
        List<String> keys = new ArrayList<>();
        obj.fieldNames().forEachRemaining(keys::add);
        return keys.stream();
    }

    /** One line per asserted field that differs, naming the field, what was wanted and what was read. */
    static List<String> misses(String name, JsonNode want) {
        Inspection got = Inspector.inspect(Peers.file(name), name);
        JsonNode actual = JSON.valueToTree(InspectionJson.of(got, false));
        List<String> misses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            if (key.startsWith("_")) {
                continue;
            }
            JsonNode w = f.getValue();
            JsonNode a = actual.get(key);
            boolean ok = switch (key) {
                case "error" -> w.asBoolean() ? got.error() != null && !got.error().isBlank() : got.error() == null;
                case "prompt_contains" -> containsAll(actual, "prompt", w);
                case "negative_contains" -> containsAll(actual, "negative", w);
                case "seeds" -> seeds(actual.get("seeds")).equals(seeds(w));
                default -> same(a, w);
            };
            if (!ok) {
                String shown = key.endsWith("_contains") ? actual.get(key.replace("_contains", "s")).toString()
                        : key.equals("error") ? String.valueOf(got.error()) : String.valueOf(a);
                misses.add(name + ": " + key + " wanted " + w + " but read " + shown);
            }
        }
        return misses;
    }

    private static boolean containsAll(JsonNode actual, String field, JsonNode wanted) {
        StringBuilder all = new StringBuilder(actual.path(field).asText(""));
        actual.path(field + "s").forEach(p -> all.append('\n').append(p.asText()));
        for (JsonNode w : wanted) {
            if (!all.toString().contains(w.asText().strip())) {
                return false;
            }
        }
        return true;
    }

    private static TreeSet<BigDecimal> seeds(JsonNode list) {
        TreeSet<BigDecimal> out = new TreeSet<>();
        if (list != null) {
            list.forEach(x -> out.add(new BigDecimal(x.asText())));
        }
        return out;
    }

    /** Numbers compare by value (20 equals 20.0), everything else by its JSON text. */
    private static boolean same(JsonNode a, JsonNode w) {
        if (a == null || a.isNull()) {
            return w.isNull();
        }
        if (w.isNumber() && a.isNumber()) {
            return a.decimalValue().compareTo(w.decimalValue()) == 0;
        }
        if (w.isBoolean()) {
            return a.isBoolean() && a.asBoolean() == w.asBoolean();
        }
        return a.asText().equals(w.asText());
    }
}
