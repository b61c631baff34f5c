package io.alicemultiverse.search;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain-language grammar against a fixed clock: Wednesday 2026-11-25, 10:00 UTC. */
class QueryParserTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final QueryParser parser = new QueryParser(CLOCK);

    private SearchQuery q(String s) {
        return parser.parse(s).build();
    }

    private static LocalDateTime d(String date) {
        return LocalDateTime.parse(date + "T00:00");
    }

    @Test
    void todayAndYesterdayAreWholeDays() {
        assertThat(q("today")).satisfies(x -> {
            assertThat(x.since()).isEqualTo(d("2026-11-25"));
            assertThat(x.until()).isEqualTo(d("2026-11-26"));
            assertThat(x.text()).isEmpty();
        });
        assertThat(q("yesterday").since()).isEqualTo(d("2026-11-24"));
        assertThat(q("yesterday").until()).isEqualTo(d("2026-11-25"));
    }

    @Test
    void lastWeekIsTheSevenDaysUpToToday() {
        SearchQuery x = q("cyberpunk portrait from last week");
        assertThat(x.text()).isEqualTo("cyberpunk portrait");
        assertThat(x.since()).isEqualTo(d("2026-11-18"));
        assertThat(x.until()).isEqualTo(d("2026-11-26"));
    }

    @Test
    void lastMonthAndThisWeekMonthYear() {
        assertThat(q("last month").since()).isEqualTo(d("2026-10-25"));
        assertThat(q("this week").since()).isEqualTo(d("2026-11-23"));
        assertThat(q("this month").since()).isEqualTo(d("2026-11-01"));
        assertThat(q("this year").since()).isEqualTo(d("2026-01-01"));
        assertThat(q("this year").until()).isEqualTo(d("2026-11-26"));
        assertThat(q("past 3 days").since()).isEqualTo(d("2026-11-22"));
    }

    @Test
    void monthNameIsTheMostRecentOneNotInTheFuture() {
        SearchQuery march = q("in march");
        assertThat(march.since()).isEqualTo(d("2026-03-01"));
        assertThat(march.until()).isEqualTo(d("2026-04-01"));
        assertThat(q("december").since()).isEqualTo(d("2025-12-01"));
        assertThat(q("november").since()).isEqualTo(d("2026-11-01"));
        assertThat(q("march 2024").since()).isEqualTo(d("2024-03-01"));
    }

    @Test
    void isoYearMonthAndDay() {
        assertThat(q("2024-05").since()).isEqualTo(d("2024-05-01"));
        assertThat(q("2024-05").until()).isEqualTo(d("2024-06-01"));
        assertThat(q("2024").since()).isEqualTo(d("2024-01-01"));
        assertThat(q("2024").until()).isEqualTo(d("2025-01-01"));
        assertThat(q("2024-05-01").until()).isEqualTo(d("2024-05-02"));
    }

    @Test
    void sinceOpensTheRange() {
        SearchQuery x = q("since monday");
        assertThat(x.since()).isEqualTo(d("2026-11-23"));
        assertThat(x.until()).isNull();
        assertThat(q("since 2024-05-01").since()).isEqualTo(d("2024-05-01"));
        assertThat(q("before 2024").until()).isEqualTo(d("2024-01-01"));
        assertThat(q("until 2024").until()).isEqualTo(d("2025-01-01"));
    }

    @Test
    void daysAgoIsThatDay() {
        assertThat(q("3 days ago").since()).isEqualTo(d("2026-11-22"));
        assertThat(q("3 days ago").until()).isEqualTo(d("2026-11-23"));
        assertThat(q("2 months ago").since()).isEqualTo(d("2026-09-01"));
    }

    @Test
    void generatorsAndModels() {
        SearchQuery x = q("midjourney castle");
        assertThat(x.sources()).containsExactly("midjourney");
        assertThat(x.text()).isEqualTo("castle");
        assertThat(q("comfy").sources()).containsExactly("comfyui");
        assertThat(q("comfyui").sources()).containsExactly("comfyui");
        assertThat(q("a1111").sources()).containsExactly("automatic1111");
        SearchQuery flux = q("flux");
        assertThat(flux.sources()).containsExactly("flux");
        assertThat(flux.models()).containsExactly("flux");
        assertThat(q("sdxl").models()).contains("sdxl", "sd_xl");
        assertThat(q("sdxl").sources()).isEmpty();
    }

    @Test
    void mediaWords() {
        assertThat(q("videos of cats").mediaType()).isEqualTo("video");
        assertThat(q("videos of cats").text()).isEqualTo("of cats");
        assertThat(q("photos").mediaType()).isEqualTo("image");
        assertThat(q("images").mediaType()).isEqualTo("image");
    }

    @Test
    void quotedPhrasesFilterAndRank() {
        SearchQuery x = q("\"Red Hat\" portrait");
        assertThat(x.phrases()).containsExactly("red hat");
        assertThat(x.text()).isEqualTo("Red Hat portrait");
    }

    @Test
    void excludedWordsAndPhrases() {
        SearchQuery x = q("cat -dog -\"blurry face\"");
        assertThat(x.excluded()).containsExactly("dog", "blurry face");
        assertThat(x.text()).isEqualTo("cat");
    }

    @Test
    void fieldPrefixes() {
        SearchQuery x = q("tag:portrait tag:\"Red Hat\" source:comfy project:acme model:juggernaut sunset");
        assertThat(x.tags()).containsExactly("portrait", "red hat");
        assertThat(x.namedSources()).containsExactly("comfyui"); // named outright: narrows beside the model
        assertThat(x.sources()).isEmpty();
        assertThat(x.projects()).containsExactly("acme");
        assertThat(x.namedModels()).containsExactly("juggernaut");
        assertThat(x.models()).isEmpty();
        // a checkpoint's file name finds the model however a generator recorded it
        assertThat(q("model:SD_XL_base_1.0.safetensors -model:pony.ckpt").namedModels()).containsExactly("sd_xl_base_1.0");
        assertThat(q("-model:pony.ckpt").not().models()).containsExactly("pony");
        assertThat(x.text()).isEqualTo("sunset");
    }

    @Test
    void ordinaryWordsStayText() {
        SearchQuery x = q("dog on the beach");
        assertThat(x.text()).isEqualTo("dog on the beach");
        assertThat(x.since()).isNull();
    }

    @Test
    void malformedInputIsAClearError() {
        assertThatThrownBy(() -> q("\"unclosed")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote");
        assertThatThrownBy(() -> q("tag:")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag:");
        assertThatThrownBy(() -> q("2024-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q("source:nothing")).hasMessageContaining("unknown source");
        assertThatThrownBy(() -> parser.timeRange("whenever")).hasMessageContaining("not a date");
        assertThatThrownBy(() -> q("today 2020")).hasMessageContaining("empty");
    }

    @Test
    void injectionTextIsJustText() {
        SearchQuery x = q("'; DROP TABLE assets; -- % _");
        assertThat(x.text()).contains("DROP", "TABLE", "assets;").doesNotContain("%", "_"); // punctuation ranks nothing
    }

    @Test
    void negatedFieldsAreExclusionsNotWords() {
        SearchQuery x = q("castle -tag:Blurry -tag:\"red hat\" -source:comfy -model:Flux -project:Acme");
        assertThat(x.text()).isEqualTo("castle");
        assertThat(x.excluded()).isEmpty();
        assertThat(x.not().tags()).containsExactly("blurry", "red hat");
        assertThat(x.not().sources()).containsExactly("comfyui");
        assertThat(x.not().models()).containsExactly("flux");
        assertThat(x.not().projects()).containsExactly("acme");
        assertThat(q("-fog -\"at night\" -foo:bar").excluded()).containsExactly("fog", "at night", "foo:bar");
        assertThatThrownBy(() -> q("-tag:")).hasMessageContaining("-tag: needs a tag");
        assertThatThrownBy(() -> q("-source:nope")).hasMessageContaining("nope");
    }

    /** {@code model:} and {@code project:} with nothing named are errors, as {@code tag:} is: {@code model:} was left
     * out (every asset listed) and {@code project:} matched no asset. */
    @Test
    void aFieldNamingNothingIsAnError() {
        for (String s : new String[]{"model:", "model:\"\"", "model:\" \"", "castle model:"}) {
            assertThatThrownBy(() -> q(s)).as(s).hasMessageContaining("model: needs a model");
        }
        for (String s : new String[]{"project:", "project:\"\""}) {
            assertThatThrownBy(() -> q(s)).as(s).hasMessageContaining("project: needs a project");
        }
        // the same for every field: an empty one is a mistake to report, not a tag "label:" or a source ''
        String[][] cases = {{"source:", "source: needs a source"}, {"label:", "label: needs a name"},
            {"pick:\"\"", "pick: needs a name"}, {"rating:", "rating: needs a number"},
            {"cat -source:", "-source: needs a source"}, {"-model:", "-model: needs a model"},
            {"cat -label:", "-label: needs a name"}, {"cat -rating:", "-rating: needs a number"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> q(c[0])).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void punctuationAloneIsNoQuery() {
        for (String s : new String[]{"!!!", "--", "-", "\"\"", "\"  \"", "-!!!", "... ?", "%"}) {
            assertThatThrownBy(() -> q(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no words to search for");
        }
        assertThat(q("red car !!!").text()).isEqualTo("red car");
        assertThat(q("tag:x ...").hasText()).isFalse();
        assertThat(q("\"!!!\"").phrases()).containsExactly("!!!"); // quoted, punctuation is a phrase to look for
        assertThat(q("🚗").text()).isEqualTo("🚗"); // a symbol is something to look for
        assertThat(q("東京").text()).isEqualTo("東京");
        assertThat(q("   ").hasText()).isFalse(); // no query at all: every asset
    }
}
