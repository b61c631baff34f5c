package io.alicemultiverse.understand;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyParserTest {
    @Test
    void readsAFencedReplyWithProseCommentsAndTrailingCommas() {
        String text = """
                Here you go:
                ```json
                {"images": [
                  {"index": 2, "description": "Second.", "tags": {"Color": "Teal, orange", "subject": ["Cat",]}},
                  // the first one
                  {"index": 1, "description": "First.", "tags": {"mood": ["calm"]}, "negative_prompt": "blurry"},
                ]}
                ```
                """;
        List<Reply.Outcome> out = ReplyParser.parse(text, 2);
        assertThat(out.get(0).result().description()).isEqualTo("First.");
        assertThat(out.get(0).result().negative()).isEqualTo("blurry");
        assertThat(out.get(1).result().tags()).containsEntry("colour", List.of("teal", "orange"))
                .containsEntry("subject", List.of("cat"));
    }

    @Test
    void aSingleObjectServesASingleImage() {
        List<Reply.Outcome> out = ReplyParser.parse("{'description': 'A fox.', 'subject': ['fox']}", 1);
        assertThat(out.get(0).result().tags().get("subject")).containsExactly("fox");
    }

    @Test
    void missingOrEmptyEntriesAreFailuresWithReasons() {
        List<Reply.Outcome> out = ReplyParser.parse("{\"images\": [{\"index\": 1, \"description\": \"\"}]}", 2);
        assertThat(out.get(0).error()).contains("neither a description nor tags");
        assertThat(out.get(1).error()).contains("no entry for image 2");
        assertThat(ReplyParser.parse("", 1).get(0).error()).contains("not JSON");
        assertThat(ReplyParser.parse(null, 1).get(0).error()).contains("not JSON");
        assertThat(ReplyParser.parse("[1, 2]", 1).get(0).error()).contains("not an object");
    }
}
