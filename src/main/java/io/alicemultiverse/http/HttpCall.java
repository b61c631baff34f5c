package io.alicemultiverse.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange through {@link HttpURLConnection}, shared by every remote-API client of alice.
 *
 * <p>Why {@link HttpURLConnection} and not {@code java.net.http.HttpClient}: the JDK 17 client starts a
 * SelectorManager thread that sits in native {@code epoll_wait}, and at JVM exit HotSpot waits up to 300 ms for
 * threads in native code, so every short command with a remote call took about 0.32 s longer to exit (measured
 * with {@code -Xlog:safepoint} and strace; there is no {@code HttpClient.close()} before JDK 21). It needs no
 * selector thread and does not initialise TLS for plain-http URLs.
 *
 * <p>A request body is always sent in fixed-length streaming mode: besides stating the length, that stops
 * {@link HttpURLConnection} from silently re-sending a POST whose kept-alive connection turned out dead — a
 * second submit the caller never asked for (and, for paid generation, a second bill).
 *
 * <p>The read timeout of {@link HttpURLConnection} is per read, which alone would let a server trickling bytes
 * stretch a request without limit; so the deadline is also checked before every read of a body. Thread-safe and
 * stateless: each call opens its own connection object (the JDK pools the sockets).
 */
public final class HttpCall {
    private static final int BUFFER = 8192;
    /** Error bodies are kept up to this size: enough for any API's error message, bounded for a hostile one. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final String USER_AGENT = "alice/0.1.0 (AliceMultiverse)";

    private HttpCall() {
    }

    /** A request: method, absolute URL, headers (several values per name allowed) and body (null for none). */
    public record Request(String method, String url, Map<String, List<String>> headers, byte[] body) {
        public Request {
            headers = headers == null ? Map.of() : headers;
        }

        public static Request of(String method, String url) {
            return new Request(method, url, Map.of(), null);
        }

        /** This request with one more header. */
        public Request header(String name, String value) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            List<String> vs = new ArrayList<>(h.getOrDefault(name, List.of()));
            vs.add(value);
            h.put(name, List.copyOf(vs));
            return new Request(method, url, Collections.unmodifiableMap(h), body);
        }

        /** This request with a UTF-8 JSON body. */
        public Request json(String text) {
            return new Request(method, url, headers, text.getBytes(StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
        }
    }

    /** An answer, whatever its status; the body of a non-2xx answer is kept up to 64 KB. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            List<String> vs = headers.get(name);
            return vs == null || vs.isEmpty() ? null : vs.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code Retry-After} delay (null when absent), a date measured from {@code now}. */
        public Duration retryAfter(Instant now) {
            return RetryAfter.parse(header("Retry-After"), now);
        }
    }

    /** An answer whose body is still to be read: for downloads. Close it. */
    public static final class Streamed implements AutoCloseable {
        private final HttpURLConnection connection;
        private final int status;
        private final InputStream body;

        private Streamed(HttpURLConnection connection, int status, InputStream body) {
            this.connection = connection;
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            return connection.getHeaderField(name);
        }

        /** The body (the error body for a non-2xx status; may be empty). */
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // nothing left to read; the connection is dropped below
            }
            connection.disconnect();
        }
    }

    /**
     * Sends {@code request} and reads the whole answer within {@code timeout}.
     *
     * @throws HttpFailure when no answer arrived; {@link HttpFailure#mayHaveArrived()} says whether the request left
     */
    public static Response send(Request request, Duration connectTimeout, Duration timeout) throws HttpFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        boolean connected = false;
        try {
            c = open(request, connectTimeout, timeout);
            byte[] body = prepareBody(c, request);
            c.connect();
            connected = true;
            writeBody(c, body);
            int status = c.getResponseCode();
            boolean ok = status >= 200 && status < 300;
            byte[] answer;
            try (InputStream in = ok ? c.getInputStream() : c.getErrorStream()) {
                answer = in == null ? new byte[0] : readAll(in, deadline, ok ? Long.MAX_VALUE : MAX_ERROR_BODY);
            }
            return new Response(status, headers(c), answer);
        } catch (SocketTimeoutException e) {
            disconnect(c);
            throw new HttpFailure(true, connected, e);
        } catch (IOException e) {
            disconnect(c);
            throw new HttpFailure(false, connected, e);
        }
    }

    /** Sends {@code request} and returns as soon as the status line and headers are in. */
    public static Streamed stream(Request request, Duration connectTimeout, Duration readTimeout) throws HttpFailure {
        HttpURLConnection c = null;
        boolean connected = false;
        try {
            c = open(request, connectTimeout, readTimeout);
            byte[] body = prepareBody(c, request);
            c.connect();
            connected = true;
            writeBody(c, body);
            int status = c.getResponseCode();
            InputStream in = status >= 200 && status < 300 ? c.getInputStream() : c.getErrorStream();
            return new Streamed(c, status, in == null ? InputStream.nullInputStream() : in);
        } catch (SocketTimeoutException e) {
            disconnect(c);
            throw new HttpFailure(true, connected, e);
        } catch (IOException e) {
            disconnect(c);
            throw new HttpFailure(false, connected, e);
        }
    }

    private static HttpURLConnection open(Request request, Duration connectTimeout, Duration timeout)
            throws IOException {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(request.url()).toURL().openConnection();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an HTTP URL: " + e.getMessage(), e);
        }
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(timeout));
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false); // a 3xx is an answer, not followed (a download follows it itself)
        c.setRequestMethod(request.method());
        request.headers().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("host")) {
                vs.forEach(v -> c.addRequestProperty(k, v));
            }
        });
        // HttpURLConnection's own defaults (an HTML-first Accept, "Java/17" as the agent) say nothing useful to an API
        if (c.getRequestProperty("Accept") == null) {
            c.setRequestProperty("Accept", "application/json");
        }
        if (c.getRequestProperty("User-Agent") == null) {
            c.setRequestProperty("User-Agent", USER_AGENT);
        }
        return c;
    }

    /** The body to send, or null; set up before connecting (streaming mode cannot be set on a live connection). */
    private static byte[] prepareBody(HttpURLConnection c, Request request) {
        // output would turn a GET into a POST; a POST or PUT always states its length, even an empty one
        String m = request.method();
        if (request.body() == null && !m.equals("POST") && !m.equals("PUT")) {
            return null;
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        return body;
    }

    private static void writeBody(HttpURLConnection c, byte[] body) throws IOException {
        if (body != null) {
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
    }

    private static byte[] readAll(InputStream in, long deadline, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[BUFFER];
        while (out.size() < max) {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("response not complete within the request timeout");
            }
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            out.write(buf, 0, (int) Math.min(n, max - out.size()));
        }
        return out.toByteArray();
    }

    /**
     * The response headers by name, case-insensitive, in the order received. Read one by one because
     * {@link HttpURLConnection#getHeaderFields()} reverses repeated values and files the status line under null.
     */
    private static Map<String, List<String>> headers(HttpURLConnection c) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; c.getHeaderField(i) != null; i++) {
            String name = c.getHeaderFieldKey(i);
            if (name != null) {
                map.computeIfAbsent(name, x -> new ArrayList<>()).add(c.getHeaderField(i));
            }
        }
        map.replaceAll((k, vs) -> List.copyOf(vs));
        return Collections.unmodifiableMap(map);
    }

    private static void disconnect(HttpURLConnection c) {
        if (c != null) {
            c.disconnect(); // a half-read connection must not go back to the keep-alive cache
        }
    }

    /** A timeout as HttpURLConnection takes it: whole milliseconds, at least 1 (0 would mean "wait forever"). */
    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
