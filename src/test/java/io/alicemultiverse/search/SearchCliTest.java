package io.alicemultiverse.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alice search}, {@code tag} and {@code tags} end to end over a library built by {@code alice organize}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCliTest {

    @TempDir
    static Path tmp;
    TempLibrary t;

    @BeforeAll
    void organize() throws IOException {
        t = new TempLibrary(tmp);
        t.inboxFile("acme/retriever.png", TempLibrary.png("golden retriever running along the seashore", "realisticVision_v51", 1));
        t.inboxFile("acme/castle.png", TempLibrary.png("a castle on a hill at night, dramatic clouds", "flux1-dev", 2));
        Path old = t.inboxFile("misc/cyberpunk.png", TempLibrary.png("cyberpunk portrait of a woman, neon lights", "sd_xl_base_1.0", 3));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        t.inboxFile("misc/cats.png", TempLibrary.png("two cats sleeping on a sofa", "dreamshaper_8", 4));
        t.inboxFile("weird.png", TempLibrary.png("100% cotton shirt_design, it's \"quoted\"", "misc", 5));
        t.inboxFile("drop.png", TempLibrary.png("'; DROP TABLE assets; --", "misc", 6));
        CliRun run = alice("organize", "--inbox", t.inbox().toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    private CliRun alice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(t.library().toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    private List<JsonNode> search(String... args) {
        List<String> all = new ArrayList<>(List.of("search", "--json"));
        all.addAll(List.of(args));
        CliRun run = alice(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    private List<String> prompts(String... args) {
        return search(args).stream().filter(n -> n.has("prompt")).map(n -> n.get("prompt").asText()).toList();
    }

    @Test
    void dogOnTheBeachFindsTheRetrieverOnTheSeashore() {
        List<String> p = prompts("dog on the beach");
        assertThat(p).isNotEmpty();
        assertThat(p.get(0)).isEqualTo("golden retriever running along the seashore");
    }

    @Test
    void stemmedWordsMatchLexically() {
        assertThat(prompts("cat sleeps").get(0)).isEqualTo("two cats sleeping on a sofa");
    }

    @Test
    void filtersOnlyReturnsEverythingNewestFirstWithTheRecordKeys() {
        List<JsonNode> all = search();
        assertThat(all).hasSize(6);
        assertThat(all.get(0).fieldNames()).toIterable()
                .containsExactly("content_hash", "path", "source", "project", "created_at", "prompt", "tags", "score");
        assertThat(all.get(5).get("prompt").asText()).startsWith("cyberpunk");
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).get("created_at").asText()).isGreaterThanOrEqualTo(all.get(i).get("created_at").asText());
        }
        assertThat(search("--limit", "2")).hasSize(2);
        assertThat(search("--limit", "2", "--offset", "5")).hasSize(1);
        assertThat(prompts("--sort", "oldest").get(0)).startsWith("cyberpunk");
    }

    @Test
    void tagModelProjectSourceAndTimeFilters() {
        assertThat(prompts("--tag", "neon lights")).containsExactly("cyberpunk portrait of a woman, neon lights");
        assertThat(prompts("--tag", "neon lights", "--tag", "two cats sleeping on a sofa")).isEmpty();
        assertThat(prompts("--tag", "neon lights", "--tag", "two cats sleeping on a sofa", "--any-tag")).hasSize(2);
        assertThat(prompts("flux")).containsExactly("a castle on a hill at night, dramatic clouds");
        assertThat(prompts("sdxl")).containsExactly("cyberpunk portrait of a woman, neon lights");
        assertThat(prompts("--model", "DREAMSHAPER")).containsExactly("two cats sleeping on a sofa");
        assertThat(prompts("--project", "acme")).hasSize(2);
        assertThat(prompts("a1111")).hasSize(6);
        assertThat(prompts("midjourney")).isEmpty();
        assertThat(prompts("--source", "comfy")).isEmpty();
        assertThat(prompts("last week")).hasSize(5).doesNotContain("cyberpunk portrait of a woman, neon lights");
        assertThat(prompts("--until", "2020")).isEmpty();
        assertThat(prompts("--since", "2020-01-01")).hasSize(6);
        assertThat(prompts("videos")).isEmpty();
        assertThat(prompts("images")).hasSize(6);
        assertThat(prompts("portrait from last week")).isEmpty();
    }

    @Test
    void quotedPhrasesAndExclusionsFilter() {
        assertThat(prompts("\"on a sofa\"")).containsExactly("two cats sleeping on a sofa");
        assertThat(prompts("\"on a\"")).containsExactlyInAnyOrder("two cats sleeping on a sofa",
                "a castle on a hill at night, dramatic clouds");
        assertThat(prompts("-cats")).hasSize(5).doesNotContain("two cats sleeping on a sofa");
        // a whole word: "cat" does not exclude "cats"
        assertThat(prompts("-cat")).hasSize(6);
        assertThat(prompts("castle -night")).doesNotContain("a castle on a hill at night, dramatic clouds");
    }

    @Test
    void aSourceAndAModelNamedOutrightBothNarrow() {
        String castle = "a castle on a hill at night, dramatic clouds";
        assertThat(prompts("--source", "a1111", "--model", "flux")).containsExactly(castle); // not every A1111 image
        assertThat(prompts("source:a1111 model:flux")).containsExactly(castle);
        assertThat(prompts("flux", "--source", "comfy")).isEmpty(); // Flux made in ComfyUI: none here
        assertThat(prompts("--source", "a1111", "--source", "comfy")).hasSize(6); // several sources: any of them
        assertThat(prompts("flux sdxl")).hasSize(2); // several generator words: any of them
        // a checkpoint's file name (as ComfyUI records it) finds the model A1111 recorded without the extension
        assertThat(prompts("--model", "flux1-dev.safetensors")).containsExactly(castle);
    }

    @Test
    void negatedFieldsExcludeWhatTheyName() {
        String cyberpunk = "cyberpunk portrait of a woman, neon lights";
        String castle = "a castle on a hill at night, dramatic clouds";
        assertThat(prompts("-tag:\"neon lights\"")).hasSize(5).doesNotContain(cyberpunk);
        assertThat(prompts("-tag:nothing-has-this")).hasSize(6);
        assertThat(prompts("-model:FLUX")).hasSize(5).doesNotContain(castle);
        assertThat(prompts("-model:flux -model:sd_xl_base_1.0")).hasSize(4).doesNotContain(castle, cyberpunk);
        assertThat(prompts("-source:a1111")).isEmpty();
        assertThat(prompts("-source:comfy")).hasSize(6);
        assertThat(prompts("-project:ACME")).hasSize(4);
        assertThat(prompts("project:acme -model:flux")).containsExactly("golden retriever running along the seashore");
        assertThat(prompts("castle -model:flux")).doesNotContain(castle);
        CliRun empty = alice("search", "-tag:");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("-tag: needs a tag");
    }

    @Test
    void aQueryOfPunctuationAloneIsAUsageError() {
        for (String q : List.of("!!!", "--", "\"\"", "-!!!", "...", "%")) {
            CliRun run = CliRun.run("search", "--library", t.library().toString(), "--", q);
            assertThat(run.exit()).as(q + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(q).contains("has no words to search for");
            assertThat(run.out()).as(q).isEmpty();
        }
        // beside a word or a filter, punctuation is no text to rank: the filter lists its assets newest first
        List<JsonNode> flux = search("model:flux !!!");
        assertThat(flux).hasSize(1);
        assertThat(flux.get(0).get("score").isNull()).isTrue();
    }

    @Test
    void injectionAttemptsAreJustText() throws IOException {
        assertThat(prompts("\"'; DROP TABLE\"")).containsExactly("'; DROP TABLE assets; --");
        assertThat(prompts("--tag", "'; DROP TABLE assets; --")).isEmpty();
        assertThat(prompts("\"100%\"")).containsExactly("100% cotton shirt_design, it's \"quoted\"");
        assertThat(prompts("\"%\"")).containsExactly("100% cotton shirt_design, it's \"quoted\"");
        assertThat(prompts("\"t_d\"")).containsExactly("100% cotton shirt_design, it's \"quoted\"");
        assertThat(prompts("\"_\"")).hasSize(4); // shirt_design and three model names (tags) with an underscore
        assertThat(prompts("--model", "%")).isEmpty();
        assertThat(prompts("--model", "_")).hasSize(3); // realisticVision_v51, sd_xl_base_1.0, dreamshaper_8
        assertThat(prompts("--project", "x' OR '1'='1")).isEmpty();
        assertThat(prompts("\"it's\"")).containsExactly("100% cotton shirt_design, it's \"quoted\"");
        assertThat(alice("search", "%").exit()).isEqualTo(2); // no words: not a wildcard, not every asset
        assertThat(prompts("' OR 1=1 --")).isNotNull();
        assertThat(search()).hasSize(6); // the table is still there
    }

    @Test
    void facetsAreTheLastLine() {
        List<JsonNode> lines = search("--facets");
        JsonNode f = lines.get(lines.size() - 1).get("facets");
        assertThat(f.get("source").get("automatic1111").asInt()).isEqualTo(6);
        assertThat(f.get("project").get("acme").asInt()).isEqualTo(2);
        assertThat(f.get("model").get("misc").asInt()).isEqualTo(2);
        assertThat(f.get("tag").get("neon lights").asInt()).isEqualTo(1);
        assertThat(f.get("month")).isNotEmpty();
        JsonNode flux = search("flux", "--facets").get(1).get("facets");
        assertThat(flux.get("model").get("flux1-dev").asInt()).isEqualTo(1);
        assertThat(flux.get("model").size()).isEqualTo(1);
    }

    @Test
    void malformedInputExitsTwoWithAMessage() {
        for (String[] args : List.of(new String[]{"search", "\"unclosed"}, new String[]{"search", "--sort", "bogus"},
                new String[]{"search", "--limit", "-1"}, new String[]{"search", "--limit", "100000"},
                new String[]{"search", "--type", "gif"},
                new String[]{"search", "--since", "whenever"}, new String[]{"search", "--source", "nope"},
                new String[]{"search", "--limit", "x"}, new String[]{"tag", "add", "nothing-here.png", "x"},
                new String[]{"tag", "add", "only-one-arg"}, new String[]{"tags", "--origin", "robot"})) {
            CliRun run = alice(args);
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).isNotBlank().doesNotContain("Exception", "\tat ");
        }
    }

    /** An empty range says where it starts and ends, not "since X is not before X" (--until takes its whole month). */
    @Test
    void anEmptyTimeRangeSaysWhereItStartsAndEnds() {
        CliRun run = alice("search", "--since", "2025-05", "--until", "2025-04");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("starts at 2025-05-01T00:00 (--since)", "ends before 2025-05-01T00:00 (--until");
    }

    @Test
    void aPagePastTheLastMatchSaysSoRatherThanNoMatches() {
        for (String[] args : List.of(new String[]{"search", "--offset", "6"}, new String[]{"search", "--offset", "6", "--all"},
                new String[]{"search", "castle", "--offset", "50"})) {
            CliRun run = alice(args);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("no matches past --offset");
        }
        assertThat(alice("search", "zebra-unicorn-xyzzy", "tag:none").out()).startsWith("no matches\n");
    }

    /** A query none of whose words the library or the dictionary knows says so, beside "no matches"; exit 0. */
    @Test
    void aQueryOfWordsNobodyKnowsSaysSo() {
        CliRun run = alice("search", "zxqvbnm", "blorptastic");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("no matches\n");
        assertThat(run.err()).contains("no word of the query is known to this library: zxqvbnm blorptastic");
        CliRun json = alice("search", "zxqvbnm", "--json", "--facets");
        assertThat(json.exit()).as(json.err()).isZero();
        List<JsonNode> lines = json.json();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("unknown_words").get(0).asText()).isEqualTo("zxqvbnm");
        assertThat(lines.get(1).has("facets")).isTrue();
        // the same with --all, and past an --offset (nothing matched at all: not "the query has fewer")
        CliRun all = alice("search", "zxqvbnm", "--all");
        assertThat(all.out()).isEqualTo("no matches\n");
        assertThat(all.err()).contains("no word of the query is known to this library: zxqvbnm");
        CliRun past = alice("search", "zxqvbnm", "--offset", "5");
        assertThat(past.out()).isEqualTo("no matches\n");
        assertThat(past.err()).contains("no word of the query is known to this library: zxqvbnm");
        // one word known (to the library, or only to the dictionary): no such notice
        for (String q : List.of("castle zxqvbnm", "dragon")) {
            assertThat(alice("search", q, "tag:none").err()).as(q).doesNotContain("no word of the query");
            assertThat(alice("search", q).err()).as(q).doesNotContain("no word of the query");
        }
    }

    @Test
    void tableOutputShowsPathSourceDateAndPrompt() {
        CliRun run = alice("search", "castle");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("automatic1111", "a castle on a hill", ".png");
    }
}
