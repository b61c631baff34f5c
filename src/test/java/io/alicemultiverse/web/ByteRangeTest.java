package io.alicemultiverse.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Range header rules: what is served as 206, what is unsatisfiable (416), what is ignored (200, whole file). */
class ByteRangeTest {
    @Test
    void readsTheThreeFormsAndClipsToTheFile() {
        assertThat(ByteRange.of("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.of("bytes=500-", 1000)).isEqualTo(new ByteRange(500, 999));
        assertThat(ByteRange.of("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.of("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.of("bytes=990-5000", 1000)).isEqualTo(new ByteRange(990, 999));
        assertThat(ByteRange.of("Bytes= 3-3 ", 1000)).isEqualTo(new ByteRange(3, 3));
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
        assertThat(new ByteRange(10, 19).contentRange(1000)).isEqualTo("bytes 10-19/1000");
    }

    @Test
    void aRangeStartingPastTheEndIsUnsatisfiable() {
        for (String h : new String[]{"bytes=1000-", "bytes=1000-2000", "bytes=-0"}) {
            ByteRange r = ByteRange.of(h, 1000);
            assertThat(r).as(h).isNotNull();
            assertThat(r.satisfiable()).as(h).isFalse();
            assertThat(r.contentRange(1000)).isEqualTo("bytes */1000");
        }
        assertThat(ByteRange.of("bytes=0-", 0).satisfiable()).isFalse();
        assertThat(ByteRange.of("bytes=-1", 0).satisfiable()).isFalse();
    }

    @Test
    void whatItCannotServeAsOneRangeIsIgnored() {
        for (String h : new String[]{null, "", "items=0-1", "bytes=0-1,4-5", "bytes=5-2", "bytes=abc", "bytes=-",
                "bytes=1", "bytes=99999999999999999999-", "bytes=+1-2", "bytes=0x10-"}) {
            assertThat(ByteRange.of(h, 1000)).as(String.valueOf(h)).isNull();
        }
    }
}
