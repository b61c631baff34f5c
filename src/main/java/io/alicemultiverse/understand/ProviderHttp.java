package io.alicemultiverse.understand;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The HTTP client handed to langchain4j's provider modules. Written here (on {@code java.net.http}) for one thing
 * langchain4j's own clients cannot express: its {@link HttpException} keeps only the status and body, and the
 * {@code Retry-After} header a 429 or 503 carries is lost; this client throws {@link StatusException} with it, which
 * langchain4j keeps as the cause of what it throws. Thread-safe.
 */
final class ProviderHttp implements HttpClient {
    private final java.net.http.HttpClient client;
    private final Duration timeout;

    private ProviderHttp(Duration connectTimeout, Duration timeout) {
        this.client = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
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
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(timeout);
        request.headers().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("host")) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        b.method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new TransportException(true, e);
        } catch (IOException e) {
            throw new TransportException(false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(false, e);
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            throw new StatusException(r.statusCode(), retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
        }
        return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map())
                .body(r.body()).build();
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
