package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/search} takes the filters {@code alice search} takes — {@code type}, {@code sort}, {@code any_tag} —
 * and refuses a parameter it does not know. {@code type=video} and {@code sort=oldest} were ignored (every image,
 * best first), and a misspelt filter ({@code tags=}) widened the answer without a word.
 */
class WebSearchParamsTest {
    @TempDir
    Path tmp;
    LibraryService library;
    WebServer server;
    Http http;

    @BeforeEach
    void setUp() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        Path old = t.inboxFile("acme/old.png", TempLibrary.png("an old red fox", "m1", 1));
        Path young = t.inboxFile("acme/young.png", TempLibrary.png("a young red fox", "m1", 2));
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2024-01-01T10:00:00Z")));
        Files.setLastModifiedTime(young, FileTime.from(Instant.parse("2025-01-01T10:00:00Z")));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        for (String hash : library.catalog().assetPaths().keySet()) {
            String path = library.catalog().assetPaths().get(hash);
            library.tag(true, List.of(hash), null, List.of(path.contains("00001") ? "first" : "second"));
        }
        server = WebServer.start(library, "127.0.0.1", 0, null);
        http = new Http(server.port());
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    private List<String> prompts(String query) throws Exception {
        Http.Response r = http.get("/api/search?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode item : r.json().get("items")) {
            out.add(item.get("prompt").asText());
        }
        return out;
    }

    @Test
    void sortTypeAndAnyTagWorkAsTheCliFlags() throws Exception {
        assertThat(prompts("q=fox&sort=oldest")).containsExactly("an old red fox", "a young red fox");
        assertThat(prompts("q=fox&sort=newest")).containsExactly("a young red fox", "an old red fox");
        assertThat(prompts("q=fox&type=video")).isEmpty();
        assertThat(prompts("q=fox&type=image")).hasSize(2);
        assertThat(prompts("tag=first&tag=second")).isEmpty();
        assertThat(prompts("tag=first&tag=second&any_tag=true")).hasSize(2);
    }

    @Test
    void anUnknownParameterOrValueIsA400NamingIt() throws Exception {
        Http.Response misspelt = http.get("/api/search?q=fox&tags=first");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("error").asText()).contains("unknown parameter 'tags'").contains("tag,");
        assertThat(http.get("/api/search?q=fox&type=gif").status()).isEqualTo(400);
        assertThat(http.get("/api/search?q=fox&sort=random").json().get("error").asText()).contains("unknown sort");
        assertThat(http.get("/api/search?any_tag=maybe").status()).isEqualTo(400);
        Http.Response assets = http.get("/api/assets?model=m1");
        assertThat(assets.status()).isEqualTo(400);
        assertThat(assets.json().get("error").asText()).contains("unknown parameter 'model'");
        assertThat(http.get("/api/assets?source=automatic1111&limit=5").status()).isEqualTo(200);
    }
}
