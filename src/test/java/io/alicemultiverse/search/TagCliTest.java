package io.alicemultiverse.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alice tag add|remove} and {@code alice tags}: round trips, targets, and survival of a rebuild. */
class TagCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anEmptyQueryIsAUsageErrorNotEveryAsset() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "m1", 2));
        Path lib = t.library();
        assertThat(run(lib, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        for (String q : List.of("", "   ")) {
            CliRun tag = CliRun.run("tag", "add", "--query", q, "oops", "--library", lib.toString());
            assertThat(tag.exit()).as(tag.out() + tag.err()).isEqualTo(2);
            assertThat(tag.err()).contains("empty --query");
            assertThat(CliRun.run("export", "--query", q, "--format", "jsonl", "--output",
                    tmp.resolve("out.jsonl").toString(), "--library", lib.toString()).exit()).isEqualTo(2);
            assertThat(CliRun.run("xmp", "write", "--query", q, "--library", lib.toString()).exit()).isEqualTo(2);
            assertThat(CliRun.run("tag", "remove", "--query", q, "m1", "--library", lib.toString()).exit()).isEqualTo(2);
        }
        assertThat(prompts(lib, "--tag", "oops")).isEmpty();
    }

    @Test
    void userTagsAreSearchableAtOnceSurviveRebuildAndCanBeRemoved() throws IOException {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a lighthouse in a storm", "m1", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "m1", 2));
        t.inboxFile("p/c.png", TempLibrary.png("a bowl of ramen with egg", "m1", 3));
        Path lib = t.library();
        assertThat(run(lib, "organize", "--inbox", t.inbox().toString()).exit()).isZero();
        List<JsonNode> all = json(run(lib, "search", "--json", "lighthouse"));
        String path = all.get(0).get("path").asText();
        String hash = all.get(0).get("content_hash").asText();

        // by library path, relative and absolute
        assertThat(run(lib, "tag", "add", path, "Favourite", "print me").out()).contains("1 asset");
        assertThat(run(lib, "tag", "add", lib.resolve(path).toString(), "favourite").exit()).isZero();
        assertThat(prompts(lib, "--tag", "favourite")).containsExactly("a lighthouse in a storm");
        assertThat(prompts(lib, "tag:\"print me\"")).containsExactly("a lighthouse in a storm");
        assertThat(prompts(lib, "favourite").get(0)).isEqualTo("a lighthouse in a storm"); // lexical index in step
        // by hash prefix and by query
        assertThat(run(lib, "tag", "add", hash.substring(0, 10), "beacon").exit()).isZero();
        assertThat(run(lib, "tag", "add", "--query", "\"bowl of ramen\"", "food").out()).contains("2 assets");
        assertThat(prompts(lib, "--tag", "food")).hasSize(2);
        CliRun tags = run(lib, "tags", "--origin", "user", "--json");
        assertThat(tags.lines()).hasSize(4);
        assertThat(tags.out()).contains("{\"tag\":\"food\",\"count\":2}").contains("\"favourite\"");
        // as for search: --limit 0 is every tag, and the origin's case does not matter
        assertThat(run(lib, "tags", "--origin", "USER", "--limit", "0", "--json").lines()).isEqualTo(tags.lines());
        assertThat(run(lib, "tags", "--origin", "user", "--limit", "1").lines()).hasSize(1);
        assertThat(CliRun.run("tags", "--limit", "-1", "--library", lib.toString()).exit()).isEqualTo(2);

        CliRun rebuilt = run(lib, "index", "rebuild");
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(prompts(lib, "--tag", "favourite")).containsExactly("a lighthouse in a storm");
        assertThat(prompts(lib, "--tag", "food")).hasSize(2);
        assertThat(prompts(lib, "beacon").get(0)).isEqualTo("a lighthouse in a storm");

        assertThat(run(lib, "tag", "remove", hash, "favourite").exit()).isZero();
        assertThat(prompts(lib, "--tag", "favourite")).isEmpty();
        assertThat(prompts(lib, "--tag", "print me")).hasSize(1);
        assertThat(run(lib, "tag", "remove", "--query", "ramen", "food").exit()).isZero();
        assertThat(prompts(lib, "--tag", "food")).isEmpty();
    }

    private static CliRun run(Path lib, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--library");
        all.add(lib.toString());
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    private static List<JsonNode> json(CliRun r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.lines()) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private static List<String> prompts(Path lib, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("search", "--json"));
        all.addAll(List.of(args));
        return json(run(lib, all.toArray(String[]::new))).stream().map(n -> n.get("prompt").asText()).toList();
    }
}
