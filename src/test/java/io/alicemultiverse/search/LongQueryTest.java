package io.alicemultiverse.search;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query of more words than Lucene takes clauses (1,024) ranks by its first words instead of failing with
 * "maxClauseCount is set to 1024".
 */
class LongQueryTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aQueryOfFifteenHundredWordsRanksByItsFirstWords() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/a.png", TempLibrary.png("a red fox in the snow", "m1", 1));
        t.inboxFile("p/b.png", TempLibrary.png("a bowl of ramen", "m1", 2));
        String lib = t.library().toString();
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", lib).exit()).isZero();
        StringBuilder q = new StringBuilder("fox \"red fox\"");
        for (int i = 0; i < 1500; i++) {
            q.append(" w").append(i);
        }
        CliRun r = CliRun.run("search", "--library", lib, "--json", q.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json()).extracting(n -> n.get("prompt").asText()).containsExactly("a red fox in the snow");
    }
}
