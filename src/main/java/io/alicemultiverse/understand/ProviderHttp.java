package io.alicemultiverse.understand;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP client handed to langchain4j's provider modules. Written here for one thing langchain4j's own clients
 * cannot express: its {@link HttpException} keeps only the status and body, and the {@code Retry-After} header a 429
 * or 503 carries is lost; this client throws {@link StatusException} with it, which langchain4j keeps as the cause of
 * what it throws.
 *
 * <p>It speaks HTTP/1.1 through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the JDK 17 client
 * starts a SelectorManager thread that sits in native {@code epoll_wait}, and at JVM exit HotSpot waits up to 300 ms
 * for threads in native code, so every {@code alice understand} process with a remote provider took about 0.32 s
 * longer to exit (measured with {@code -Xlog:safepoint} and strace; there is no {@code HttpClient.close()} before
 * JDK 21). {@link HttpURLConnection} is blocking, needs no selector thread and does not initialise TLS for plain-http
 * URLs; its keep-alive cache thread waits in Java, not in native code.
 *
 * <p>Thread-safe: each request opens its own connection object (the JDK pools the sockets). A request is not
 * interruptible; it ends by its timeouts.
 */
final class ProviderHttp implements HttpClient {
    private static final int BUFFER = 8192;
    private static final String USER_AGENT = "alice/0.1.0 (AliceMultiverse)";

    private final int connectMillis;
    private final Duration timeout;

    private ProviderHttp(Duration connectTimeout, Duration timeout) {
        this.connectMillis = millis(connectTimeout);
        this.timeout = timeout;
    }

    /** A non-2xx answer, with the server's {@code Retry-After} (null when absent or unreadable). */
    static final class StatusException extends HttpException {
        private final transient Duration retryAfter;

        StatusException(int status, Duration retryAfter) {
            super(status, "HTTP " + status);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** A request that got no answer: timed out, refused, reset. */
    static final class TransportException extends RuntimeException {
        private final boolean timeout;

        TransportException(boolean timeout, Throwable cause) {
            super(timeout ? "timed out" : "network failure (" + cause.getClass().getSimpleName() + ")", cause);
            this.timeout = timeout;
        }

        boolean timeout() {
            return timeout;
        }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        URL url = url(request.url());
        // langchain4j hands over one timeout per request. HttpURLConnection's read timeout is per read, which alone
        // would let a server trickling bytes stretch a request without limit; so the deadline is also checked before
        // every read of a response body, bounding a request to about the timeout plus one read timeout. Writing the
        // request body has no timeout at all (a socket timeout covers reads only): a server that accepts the
        // connection but stops reading a body larger than the socket buffers would hold the request.
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.openConnection();
            return exchange(c, request, deadline);
        } catch (SocketTimeoutException e) {
            disconnect(c);
            throw new TransportException(true, e);
        } catch (IOException e) {
            disconnect(c);
            throw new TransportException(false, e);
        }
    }

    private SuccessfulHttpResponse exchange(HttpURLConnection c, HttpRequest request, long deadline)
            throws IOException {
        c.setConnectTimeout(connectMillis);
        c.setReadTimeout(millis(timeout));
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false); // as before: a 3xx is an answer, not followed
        c.setRequestMethod(request.method().name());
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
        // output would turn a GET into a POST; a POST always states its length, even an empty one
        if (request.body() != null || request.method() == HttpMethod.POST) {
            byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        if (status < 200 || status >= 300) {
            Duration retryAfter = retryAfter(c.getHeaderField("Retry-After"));
            drain(c.getErrorStream(), deadline); // read to the end so the connection can be reused
            throw new StatusException(status, retryAfter);
        }
        String body;
        try (InputStream in = c.getInputStream()) {
            body = new String(readAll(in, deadline), StandardCharsets.UTF_8);
        }
        return SuccessfulHttpResponse.builder().statusCode(status).headers(headers(c)).body(body).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming is not used for understanding");
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    private static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not an HTTP URL: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[BUFFER];
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("response not complete within the request timeout");
            }
            int n = in.read(buf);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
        }
    }

    /** Reads an error body to its end and drops it; a failure here only costs the connection's reuse. */
    private static void drain(InputStream in, long deadline) {
        if (in == null) {
            return;
        }
        try (in) {
            byte[] buf = new byte[BUFFER];
            while (System.nanoTime() - deadline <= 0 && in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the status is the answer; the body never was
        }
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

    /** The builder langchain4j's model builders take. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration d) {
            if (d != null) {
                connectTimeout = d;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration d) {
            if (d != null) {
                readTimeout = d;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttp(connectTimeout, readTimeout);
        }
    }
}
