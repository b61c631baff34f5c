package io.alicemultiverse.understand;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.alicemultiverse.http.HttpCall;
import io.alicemultiverse.http.HttpFailure;
import io.alicemultiverse.http.RetryAfter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP client handed to langchain4j's provider modules. Written here for one thing langchain4j's own clients
 * cannot express: its {@link HttpException} keeps only the status and body, and the {@code Retry-After} header a 429
 * or 503 carries is lost; this client throws {@link StatusException} with it, which langchain4j keeps as the cause of
 * what it throws.
 *
 * <p>The exchange itself is {@link HttpCall} (shared with video generation; why it uses {@code HttpURLConnection}
 * is said there); this class only adapts it to langchain4j's request and exception types.
 *
 * <p>Thread-safe: each request opens its own connection object (the JDK pools the sockets). A request is not
 * interruptible; it ends by its timeouts.
 */
final class ProviderHttp implements HttpClient {
    private final Duration connectTimeout;
    private final Duration timeout;

    private ProviderHttp(Duration connectTimeout, Duration timeout) {
        this.connectTimeout = connectTimeout;
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
        HttpCall.Request r = new HttpCall.Request(request.method().name(), request.url(), request.headers(),
                request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8));
        HttpCall.Response answer;
        try {
            answer = HttpCall.send(r, connectTimeout, timeout);
        } catch (HttpFailure e) {
            throw new TransportException(e.timeout(), e.getCause() == null ? e : e.getCause());
        }
        if (!answer.ok()) {
            throw new StatusException(answer.status(), answer.retryAfter(java.time.Instant.now()));
        }
        return SuccessfulHttpResponse.builder().statusCode(answer.status()).headers(answer.headers())
                .body(answer.text()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming is not used for understanding");
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        return RetryAfter.parse(value, java.time.Instant.now());
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
