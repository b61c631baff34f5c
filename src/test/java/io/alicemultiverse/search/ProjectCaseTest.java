package io.alicemultiverse.search;

import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project filter matches whatever the case of the project or of the filter ({@code project:Foo} finds the folder
 * "foo", {@code --project client-acme} the folder "Client-Acme"), as sources, models and tags do; it used to be
 * case-sensitive and answered "no matches".
 */
class ProjectCaseTest {
    @TempDir
    Path tmp;

    @Test
    void projectFiltersIgnoreCase() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("foo/a.png", TempLibrary.png("a red fox in the snow", "m1", 1));
        t.inboxFile("Client-Acme/b.png", TempLibrary.png("a lighthouse at dusk", "m1", 2));
        CliRun organize = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(organize.exit()).as(organize.err()).isZero();
        String lib = t.library().toString();
        for (String[] query : new String[][]{{"project:Foo"}, {"project:FOO"}, {"--project", "Foo"}}) {
            CliRun r = CliRun.run(concat(query, "search", "--json", "--library", lib));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.lines()).as(String.join(" ", query)).hasSize(1).first().asString().contains("a red fox");
        }
        CliRun acme = CliRun.run("search", "--json", "--library", lib, "project:client-acme");
        assertThat(acme.lines()).hasSize(1).first().asString().contains("\"project\":\"Client-Acme\"");
        CliRun both = CliRun.run("search", "--json", "--library", lib, "--project", "FOO", "--project", "CLIENT-acme");
        assertThat(both.lines()).hasSize(2);
    }

    private static String[] concat(String[] query, String... head) {
        String[] out = java.util.Arrays.copyOf(head, head.length + query.length);
        System.arraycopy(query, 0, out, head.length, query.length);
        return out;
    }
}
