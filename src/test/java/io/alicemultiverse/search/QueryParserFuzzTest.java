package io.alicemultiverse.search;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alicemultiverse.testsupport.FuzzBounds;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fuzz target for the plain-language query parser: malformed input is an {@link IllegalArgumentException} with a
 * message for the user; any other exception, a second of CPU or 64 MB allocated is a finding.
 */
class QueryParserFuzzTest {
    private static final QueryParser PARSER = new QueryParser(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"),
            ZoneOffset.UTC));

    @FuzzTest
    void query(byte[] data) throws Exception {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        FuzzBounds.check("query", 64L * 1024 * 1024, () -> {
            try {
                PARSER.parse(text).build();
            } catch (IllegalArgumentException userError) {
                if (userError.getMessage() == null || userError.getMessage().isBlank()) {
                    throw new AssertionError("an error without a message for the user", userError);
                }
            }
            try {
                PARSER.timeRange(text);
            } catch (IllegalArgumentException userError) {
                // the same contract
            }
        });
    }
}
