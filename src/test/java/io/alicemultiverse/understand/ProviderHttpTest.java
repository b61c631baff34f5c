package io.alicemultiverse.understand;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The provider HTTP client against a MockWebServer on 127.0.0.1: what it sends, and how answers and failures map. */
class ProviderHttpTest {
    private static final String KEY = "Bearer sk-secret-4711";

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static HttpClient client(Duration timeout) {
        return new ProviderHttp.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(timeout).build();
    }

    private HttpRequest post(String body) {
        return HttpRequest.builder().method(HttpMethod.POST).url(server.url("/v1/chat").toString())
                .addHeader("Authorization", KEY).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void a429WithRetryAfterSurfacesItsDelayButNeverTheAuthorizationHeader() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .body("{\"error\":\"rate limited for " + KEY + "\"}").build());
        ProviderHttp.StatusException e = catchThrowableOfType(ProviderHttp.StatusException.class,
                () -> client(Duration.ofSeconds(5)).execute(post("{}")));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(e.getMessage()).isEqualTo("HTTP 429").doesNotContain("sk-secret-4711");
        assertThat(e.toString()).doesNotContain("sk-secret-4711");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void a401IsAStatusEvenThoughTheBodyWasStreamed() {
        // HttpURLConnection will not retry authentication in streaming mode; the status must still come through
        server.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer")
                .body("{\"error\":\"invalid key\"}").build());
        ProviderHttp.StatusException e = catchThrowableOfType(ProviderHttp.StatusException.class,
                () -> client(Duration.ofSeconds(5)).execute(post("{}")));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void asksForJsonAndNamesItselfUnlessTheRequestSaysOtherwise() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        HttpClient c = client(Duration.ofSeconds(5));
        c.execute(post("{}"));
        c.execute(HttpRequest.builder().method(HttpMethod.POST).url(server.url("/v1/chat").toString())
                .addHeader("User-Agent", "langchain4j-openai").addHeader("Accept", "text/event-stream").body("{}")
                .build());
        RecordedRequest plain = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(plain.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(plain.getHeaders().get("User-Agent")).startsWith("alice/");
        RecordedRequest own = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(own.getHeaders().values("User-Agent")).containsExactly("langchain4j-openai");
        assertThat(own.getHeaders().values("Accept")).containsExactly("text/event-stream");
    }

    @Test
    void repeatedResponseHeadersKeepTheirOrder() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Note", "1").addHeader("X-Note", "2")
                .addHeader("x-note", "3").body("{}").build());
        assertThat(client(Duration.ofSeconds(5)).execute(post("{}")).headers().get("X-Note"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void anErrorAnswerIsReadToTheEndSoTheConnectionIsReused() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"try again\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        HttpClient http = client(Duration.ofSeconds(5));
        catchThrowableOfType(ProviderHttp.StatusException.class, () -> http.execute(post("{}")));
        assertThat(http.execute(post("{}")).statusCode()).isEqualTo(200);
        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
    }

    @Test
    void sendsTheHeadersAndAUtf8BodyOfItsExactLengthAndReadsTheAnswerAsUtf8() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("X-Request-Id", "r1").body("{\"text\":\"renard roux → ça\"}").build());
        String body = "{\"text\":\"renard → ü\"}";
        HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url(server.url("/v1/chat").toString())
                .addHeader("Authorization", KEY).addHeader("Content-Type", "application/json")
                .addHeader("Content-Length", "999").addHeader("Host", "elsewhere.invalid").body(body).build();
        SuccessfulHttpResponse r = client(Duration.ofSeconds(5)).execute(request);

        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo(KEY);
        assertThat(sent.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeaders().get("Content-Length"))
                .isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(sent.getHeaders().get("Host")).isNotEqualTo("elsewhere.invalid");
        assertThat(sent.getBody().utf8()).isEqualTo(body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"text\":\"renard roux → ça\"}");
        assertThat(r.headers()).doesNotContainKey(null);
        assertThat(r.headers().get("x-request-id")).containsExactly("r1");
        assertThat(r.contentType()).isEqualTo("application/json");
    }

    @Test
    void getAndDeleteStayWhatTheyAreAndSendNoBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
        server.enqueue(new MockResponse.Builder().code(204).build());
        HttpClient http = client(Duration.ofSeconds(5));
        http.execute(HttpRequest.builder().method(HttpMethod.GET).url(server.url("/v1/models").toString()).build());
        http.execute(HttpRequest.builder().method(HttpMethod.DELETE).url(server.url("/v1/files/f1").toString())
                .build());
        RecordedRequest get = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest delete = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getBodySize()).isZero();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getBodySize()).isZero();
    }

    @Test
    void anAnswerTricklingInPastTheTimeoutTimesOutThoughEachReadIsQuick() {
        // 40 bytes at 1 byte per 50 ms: every read returns well within 300 ms, the whole answer takes 2 s
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(40))
                .throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
        long start = System.nanoTime();
        ProviderHttp.TransportException e = catchThrowableOfType(ProviderHttp.TransportException.class,
                () -> client(Duration.ofMillis(300)).execute(post("{}")));
        assertThat(e.timeout()).isTrue();
        assertThat(e.getMessage()).isEqualTo("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aSilentServerTimesOut() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        ProviderHttp.TransportException e = catchThrowableOfType(ProviderHttp.TransportException.class,
                () -> client(Duration.ofMillis(300)).execute(post("{}")));
        assertThat(e.timeout()).isTrue();
    }

    @Test
    void aRefusedConnectionIsANetworkFailureNotATimeout() {
        String url = server.url("/v1/chat").toString();
        server.close();
        ProviderHttp.TransportException e = catchThrowableOfType(ProviderHttp.TransportException.class,
                () -> client(Duration.ofSeconds(5)).execute(HttpRequest.builder().method(HttpMethod.POST).url(url)
                        .addHeader("Authorization", KEY).body("{}").build()));
        assertThat(e.timeout()).isFalse();
        assertThat(e.getMessage()).startsWith("network failure").doesNotContain("sk-secret-4711");
    }
}
