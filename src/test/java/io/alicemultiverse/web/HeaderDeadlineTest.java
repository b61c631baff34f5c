package io.alicemultiverse.web;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real server against a raw socket: headers that trickle in are cut off; a quiet keep-alive connection is not. */
class HeaderDeadlineTest {
    @TempDir
    Path tmp;
    LibraryService library;
    WebServer server;

    @BeforeEach
    void setUp() throws IOException {
        library = LibraryService.open(tmp.resolve("library"), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone());
        server = WebServer.start(library, "127.0.0.1", 0, null);
    }

    @AfterEach
    void tearDown() {
        server.close();
        library.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClientSendingAHeaderLineEveryFewSecondsIsCutOffAtTheDeadline() throws Exception {
        CompletableFuture<Long> slow = CompletableFuture.supplyAsync(this::slowloris);
        CompletableFuture<String> quiet = CompletableFuture.supplyAsync(this::twoRequestsWithAPauseBetween);
        long seconds = slow.get();
        assertThat(seconds).isBetween(WebServer.HEADER_DEADLINE.toSeconds() - 1,
                WebServer.HEADER_DEADLINE.toSeconds() + 4); // was: open for as long as the lines kept coming
        assertThat(quiet.get()).contains("\"status\":\"ok\"");
    }

    /** Sends a header line every 2 s, never the blank line; returns after how many seconds the server hung up. */
    private long slowloris() {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 25; i++) {
                out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try {
                    if (in.read() < 0) {
                        break; // closed
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // still open: the next line
                }
            }
        } catch (IOException e) {
            // reset by the server: closed too
        }
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    /** A request, 12 s of quiet on the kept-alive connection (past the header deadline), then another request. */
    private String twoRequestsWithAPauseBetween() {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readUntil(s.getInputStream(), "\"ok\"}");
            assertThat(first).startsWith("HTTP/1.1 200");
            Thread.sleep(WebServer.HEADER_DEADLINE.toMillis() + 2000);
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUntil(s.getInputStream(), "\"ok\"}");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the quiet connection was closed: " + e);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while (!b.toString().endsWith(end) && (c = in.read()) >= 0) {
            b.append((char) c);
        }
        return b.toString();
    }
}
