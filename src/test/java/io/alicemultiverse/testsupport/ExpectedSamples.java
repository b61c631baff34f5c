package io.alicemultiverse.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.metadata.Generation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a parsed {@link Generation} with the golden answer for a sample in {@code samples/expected.json}:
 * every field the answer lists must match exactly (text after trimming, numbers by value).
 */
public final class ExpectedSamples {
    private ExpectedSamples() {
    }

    /** The answer for {@code relative} (e.g. {@code NovelAI/novelai1_cropped.png}); fails when it is missing. */
    public static JsonNode answer(String relative) throws Exception {
        Path root = SampleTexts.samples();
        JsonNode all = new ObjectMapper().readTree(root.resolve("expected.json").toFile());
        JsonNode a = all.get(relative);
        assertThat(a).as("expected.json entry for %s", relative).isNotNull();
        return a;
    }

    /** Asserts that {@code g} says everything the answer for {@code relative} says. */
    public static void assertMatches(Generation g, String relative) throws Exception {
        JsonNode a = answer(relative);
        String what = relative + " ";
        if (a.has("source")) {
            assertThat(g.source().id()).as(what + "source").isEqualTo(a.get("source").asText());
        }
        text(a, "prompt", g.prompt(), what);
        text(a, "negative", g.negative(), what);
        text(a, "sampler", g.sampler(), what);
        text(a, "scheduler", g.scheduler(), what);
        text(a, "model", g.model(), what);
        text(a, "model_hash", g.modelHash(), what);
        number(a, "steps", g.steps(), what);
        number(a, "cfg_scale", g.cfgScale(), what);
        number(a, "width", g.width(), what);
        number(a, "height", g.height(), what);
        if (a.has("seeds")) {
            List<BigInteger> seeds = new ArrayList<>();
            a.get("seeds").forEach(s -> seeds.add(new BigInteger(s.asText())));
            assertThat(g.seeds()).as(what + "seeds").isEqualTo(seeds);
        }
        contains(a, "prompt_contains", g.prompts(), what);
        contains(a, "negative_contains", g.negatives(), what);
        if (a.has("extra")) {
            Iterator<Map.Entry<String, JsonNode>> it = a.get("extra").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(g.extra()).as(what + "extra").containsKey(e.getKey());
                assertThat(String.valueOf(g.extra().get(e.getKey()))).as(what + "extra " + e.getKey())
                        .isEqualTo(e.getValue().asText());
            }
        }
    }

    private static void text(JsonNode a, String key, String actual, String what) {
        if (a.has(key)) {
            assertThat(actual == null ? null : actual.strip()).as(what + key).isEqualTo(a.get(key).asText().strip());
        }
    }

    private static void number(JsonNode a, String key, Number actual, String what) {
        if (a.has(key)) {
            assertThat(actual).as(what + key).isNotNull();
            assertThat(new BigDecimal(actual.toString()).compareTo(new BigDecimal(a.get(key).asText())))
                    .as(what + key + " = " + actual).isZero();
        }
    }

    private static void contains(JsonNode a, String key, List<String> actual, String what) {
        if (a.has(key)) {
            for (JsonNode s : a.get(key)) {
                assertThat(actual).as(what + key).anyMatch(p -> p.contains(s.asText()));
            }
        }
    }
}
