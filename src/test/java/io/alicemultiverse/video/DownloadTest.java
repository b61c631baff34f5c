package io.alicemultiverse.video;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Download} against a server on 127.0.0.1 that announces whatever length the test wants. */
class DownloadTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    /** The Content-Length the server announces; it then sends 1,000 bytes and closes. */
    private final AtomicLong announced = new AtomicLong();
    private final AtomicLong bodiesSent = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/clip.mp4", ex -> {
            ex.getResponseHeaders().add("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, announced.get());
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[1000]);
                bodiesSent.incrementAndGet();
            } catch (IOException e) {
                // the client hung up, as it should
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4";
    }

    @Test
    void aClipLargerThanTheFreeSpaceIsNotStartedAndSaysWhy() {
        announced.set(50_000_000L);
        Path part = tmp.resolve("video/partial/job.part");
        assertThatThrownBy(() -> Download.fetch(url(), part, Map.of(), dir -> 10_000_000L))
                .isInstanceOfSatisfying(Delivery.Failure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Delivery.Failure.Kind.TRANSIENT); // free some space, retry
                    assertThat(f.getMessage()).contains("needs 50000000 bytes").contains("10000000 free");
                });
        assertThat(part).doesNotExist(); // nothing written towards a full disk
    }

    @Test
    void aClipAnnouncedPastTheCeilingIsRefusedBeforeAnyByteIsWritten() throws Exception {
        announced.set(Download.MAX_BYTES + 1);
        Path part = tmp.resolve("job.part");
        Files.write(part, new byte[10]); // even what an earlier attempt left goes
        assertThatThrownBy(() -> Download.fetch(url(), part, Map.of(), dir -> Long.MAX_VALUE))
                .isInstanceOfSatisfying(Delivery.Failure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Delivery.Failure.Kind.TOO_LARGE);
                    assertThat(f.getMessage()).contains(String.valueOf(Download.MAX_BYTES + 1));
                });
        assertThat(part).doesNotExist();
    }

    @Test
    void aClipThatFitsIsWrittenWhole() throws Exception {
        announced.set(1000);
        Path part = tmp.resolve("job.part");
        Download.fetch(url(), part, Map.of(), dir -> 1000);
        assertThat(Files.size(part)).isEqualTo(1000);
    }
}
