package io.alicemultiverse.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.testsupport.AliceProcess;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inbox folder alice may not list (no read permission): the files in it used to be passed over without a word —
 * "0 scanned, 0 errors", exit 0 — as if the folder were empty. Now it is an error naming the folder, and the rest of
 * the inbox is filed. Root reads any folder, so as root the command runs without the capabilities that let it
 * ({@code setpriv}), in a JVM of its own.
 */
class UnreadableFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path locked;

    @AfterEach
    void unlock() throws Exception {
        if (locked != null) {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static List<String> asUser(String... args) {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        cmd.add(AliceProcess.java());
        cmd.addAll(AliceProcess.javaArgs(args));
        return cmd;
    }

    @Test
    void aFolderThatCannotBeListedIsAnErrorNamingIt() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("ok.png", TempLibrary.png(1));
        Path secret = t.inboxFile("secret/s.png", TempLibrary.png(2)).getParent();
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        locked = secret;

        Process p = new ProcessBuilder(asUser("organize", "--json", "--inbox", t.inbox().toString(), "--library",
                t.library().toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.lines().toList()) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("path").asText()).isEqualTo(secret.toString());
            assertThat(l.path("error").asText()).contains("permission denied");
        });
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("organized").asInt()).isEqualTo(1);
        assertThat(summary.get("errors").asInt()).isEqualTo(1);
    }

    @Test
    void anInboxThatCannotBeListedIsAnErrorOfTheCommand() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("ok.png", TempLibrary.png(1));
        Files.setPosixFilePermissions(t.inbox(), PosixFilePermissions.fromString("---------"));
        locked = t.inbox();

        Process p = new ProcessBuilder(asUser("organize", "--inbox", t.inbox().toString(), "--library",
                t.library().toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isNotZero();
        assertThat(err).contains(t.inbox().toString(), "cannot be read", "permission denied");
    }
}
