package io.alicemultiverse.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.Http;
import io.alicemultiverse.testsupport.Pictures;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything alice makes in {@code <library>/.alice/} is private, whatever the umask (here the usual 022): folders
 * 0700, files 0600 — after organize, a search (the lexical index), serving thumbnails, trashing duplicates and
 * undoing them, and while the catalog is open (DuckDB's write-ahead log). The search index folder, the thumbnails
 * folders, the trash and temporary folders were 0755 and the index files and trash manifest 0644.
 */
class PrivateStateModesTest {
    @TempDir
    Path tmp;

    @Test
    void everyFolderAndFileAliceMakesInItsPrivateFolderIsOwnerOnly() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        BufferedImage fox = Pictures.photo(1, 256, 256, 6);
        write(t, "fox/fox.png", fox);
        write(t, "fox/fox-again.png", Pictures.photo(1, 256, 256, 6).getSubimage(0, 0, 255, 255));
        write(t, "owl/owl.png", Pictures.photo(2, 256, 256, 6));
        Path alice = t.library().resolve(".alice");
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT),
                Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            library.search(library.query(io.alicemultiverse.app.SearchRequest.builder().text("fox").build()), false);
            try (WebServer server = WebServer.start(library, "127.0.0.1", 0, null)) {
                Http http = new Http(server.port());
                for (JsonNode item : http.get("/api/assets").json().get("items")) {
                    assertThat(http.get(item.get("thumbnail").asText()).status()).isEqualTo(200);
                }
                JsonNode groups = http.get("/api/duplicates").json();
                assertThat(groups).hasSize(1);
                JsonNode members = groups.get(0).get("members");
                Http.Response r = http.post("/api/duplicates/resolve", "{\"keep\": \""
                        + members.get(0).get("content_hash").asText() + "\", \"trash\": [\""
                        + members.get(1).get("content_hash").asText() + "\"]}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertPrivate(alice, "while serving");
                library.undo(r.json().get("run").asText());
            }
            assertPrivate(alice, "with the catalog open");
        }
        assertPrivate(alice, "after closing");
        assertThat(Files.exists(alice.resolve("search/lexical"))).isTrue();
        assertThat(Files.exists(alice.resolve("thumbs"))).isTrue();
        assertThat(Files.exists(alice.resolve("trash"))).isTrue();
    }

    private static void assertPrivate(Path alice, String when) throws Exception {
        List<String> wide = new ArrayList<>();
        try (Stream<Path> all = Files.walk(alice)) {
            for (Path p : all.toList()) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a log checkpointed away meanwhile
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                // a trashed file is the user's own, moved as it was (its folder is private)
                boolean usersFile = alice.relativize(p).startsWith("trash") && !dir
                        && !p.getFileName().toString().equals("manifest.json");
                if (!usersFile && !mode.equals(dir ? "rwx------" : "rw-------")) {
                    wide.add(alice.relativize(p) + " " + mode);
                }
            }
        }
        assertThat(wide).as(when).isEmpty();
    }

    private static void write(TempLibrary t, String relative, BufferedImage image) throws Exception {
        Path p = t.inbox().resolve(relative);
        Files.createDirectories(p.getParent());
        ImageIO.write(image, "png", p.toFile());
    }
}
