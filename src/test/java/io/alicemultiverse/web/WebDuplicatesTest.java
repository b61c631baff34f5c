package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The duplicates review: {@code GET /api/duplicates}, then keep one and trash the others, reversible by undo. */
class WebDuplicatesTest {
    @TempDir
    Path tmp;
    TempLibrary t;
    LibraryService library;
    WebServer server;
    Http http;

    @BeforeEach
    void setUp() throws Exception {
        t = new TempLibrary(tmp);
        BufferedImage fox = Pictures.photo(1, 256, 256, 6);
        write("fox/fox.png", fox);
        write("fox/fox-half.png", scale(fox, 128));
        write("fox/fox-quarter.png", scale(fox, 64));
        write("owl/owl.png", Pictures.photo(2, 256, 256, 6));
        library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        library.organize(t.inbox(), false, false, OrganizeListener.NONE);
        server = WebServer.start(library, "127.0.0.1", 0, null);
        http = new Http(server.port());
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    @Test
    void keepsTheChosenOneTrashesTheOthersAndUndoBringsThemBack() throws Exception {
        JsonNode groups = http.get("/api/duplicates").json();
        assertThat(groups).hasSize(1);
        JsonNode members = groups.get(0).get("members");
        assertThat(members).hasSize(3);
        assertThat(groups.get(0).get("reason").asText()).isEqualTo("most pixels");
        // keep the smallest copy, against the suggestion
        JsonNode keep = members.get(2);
        List<String> trash = new ArrayList<>();
        List<Path> trashedFiles = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            trash.add('"' + members.get(i).get("content_hash").asText() + '"');
            trashedFiles.add(t.library().resolve(members.get(i).get("path").asText()));
        }
        Path keeper = t.library().resolve(keep.get("path").asText());
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        String keeperSha = TempLibrary.sha256(keeper);

        Http.Response r = http.post("/api/duplicates/resolve", "{\"keep\": \"" + keep.get("content_hash").asText()
                + "\", \"trash\": " + trash + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String run = r.json().get("run").asText();
        assertThat(r.json().get("trashed").asInt()).isEqualTo(2);
        assertThat(r.json().get("undo").asText()).isEqualTo("alice undo " + run);

        assertThat(TempLibrary.sha256(keeper)).isEqualTo(keeperSha);
        Path trashDir = t.library().resolve(".alice/trash/" + run);
        for (int i = 0; i < 2; i++) {
            assertThat(trashedFiles.get(i)).doesNotExist();
            assertThat(trashDir.resolve(members.get(i).get("path").asText())).exists();
        }
        assertThat(http.get("/api/duplicates").json()).isEmpty();
        assertThat(http.get("/api/stats").json().get("assets").asInt()).isEqualTo(2);
        assertThat(http.get("/api/assets/" + members.get(0).get("content_hash").asText()).status()).isEqualTo(404);

        library.undo(run);
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(http.get("/api/stats").json().get("assets").asInt()).isEqualTo(4);
        assertThat(http.get("/api/duplicates").json().get(0).get("members")).hasSize(3);
    }

    @Test
    void refusesChoicesOutsideTheKeepersGroupAndChangesNothing() throws Exception {
        JsonNode members = http.get("/api/duplicates").json().get(0).get("members");
        String keep = members.get(0).get("content_hash").asText();
        String owl = http.get("/api/search?project=owl").json().get("items").get(0).get("content_hash").asText();
        Map<String, String> before = TempLibrary.fingerprint(t.library());
        for (String body : List.of(
                "{\"keep\": \"" + keep + "\", \"trash\": [\"" + owl + "\"]}",
                "{\"keep\": \"" + owl + "\", \"trash\": [\"" + keep + "\"]}",
                "{\"keep\": \"" + keep + "\", \"trash\": [\"" + keep + "\"]}",
                "{\"keep\": \"" + keep + "\", \"trash\": []}",
                "{\"keep\": \"../../etc/passwd\", \"trash\": [\"" + keep + "\"]}")) {
            Http.Response r = http.post("/api/duplicates/resolve", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(before);
        assertThat(t.library().resolve(".alice/trash")).doesNotExist();
    }

    private void write(String relative, BufferedImage image) throws Exception {
        Path p = t.inbox().resolve(relative);
        Files.createDirectories(p.getParent());
        ImageIO.write(image, "png", p.toFile());
    }

    private static BufferedImage scale(BufferedImage src, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
