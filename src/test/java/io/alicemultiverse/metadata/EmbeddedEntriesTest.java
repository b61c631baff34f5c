package io.alicemultiverse.metadata;

import io.alicemultiverse.media.MediaFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Records packed into one EXIF field come back as the entries a PNG would hold. */
class EmbeddedEntriesTest {
    private static RawMetadata expand(String value) {
        RawMetadata.Builder b = RawMetadata.builder("x.jpg", MediaFormat.JPEG);
        EmbeddedEntries.expand(value, b);
        return b.build();
    }

    @Test
    void labelledGraphsInAnyCaseAndSpacing() {
        assertThat(expand("Prompt: {\"3\":{}}").get("prompt")).isEqualTo("{\"3\":{}}");
        assertThat(expand("workflow:{\"nodes\":[]}").get("workflow")).isEqualTo("{\"nodes\":[]}");
        assertThat(expand("Prompt: a fox").text()).isEmpty();
    }

    @Test
    void promptAndWorkflowObjectsOfASaveNode() {
        RawMetadata r = expand("{\"prompt\": {\"3\": {\"class_type\": \"KSampler\"}}, \"workflow\": {\"nodes\": []}}");
        assertThat(r.get("prompt")).contains("KSampler");
        assertThat(r.get("workflow")).contains("nodes");
    }

    @Test
    void textEntriesOfAWrappedPngWithNulsTrimmed() {
        RawMetadata r = expand("{\"Comment\":\"{\\\"seed\\\": 1}\",\"Description\":\"\\u0000\\u0000a fox\","
                + "\"Software\":\"NovelAI\"}");
        assertThat(r.get("Software")).isEqualTo("NovelAI");
        assertThat(r.get("Description")).isEqualTo("a fox");
        assertThat(r.get("Comment")).isEqualTo("{\"seed\": 1}");
    }

    @Test
    void leavesGraphsAndOtherJsonWhereTheyAre() {
        assertThat(expand("{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{}},\"extraMetadata\":\"{}\"}").text())
                .isEmpty();
        assertThat(expand("{\"prompt\":\"a fox\",\"seed\":1}").text()).isEmpty();
        assertThat(expand("{\"Software\":\"x\",\"steps\":3}").text()).isEmpty();
        assertThat(expand("not json {").text()).isEmpty();
    }
}
