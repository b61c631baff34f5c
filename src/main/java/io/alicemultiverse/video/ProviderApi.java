package io.alicemultiverse.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alicemultiverse.http.HttpCall;
import io.alicemultiverse.http.HttpFailure;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON over {@link HttpCall} for one provider: its base URL, its auth headers, and the mapping of every outcome to
 * an answer or a {@link ProviderError}. The auth headers go on the wire only; no message built here includes them.
 * Thread-safe and immutable.
 */
final class ProviderApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_MESSAGE = 500;

    private final String base;
    private final Map<String, String> headers;
    private final Clock clock;

    ProviderApi(String baseUrl, Map<String, String> headers, Clock clock) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
    }

    String base() {
        return base;
    }

    /** {@code path} under the base URL, or an absolute URL the provider handed out. */
    String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : base + pathOrUrl;
    }

    JsonNode get(String pathOrUrl) {
        return call("GET", pathOrUrl, null, Map.of());
    }

    JsonNode post(String pathOrUrl, JsonNode body) {
        return call("POST", pathOrUrl, body, Map.of());
    }

    JsonNode call(String method, String pathOrUrl, JsonNode body, Map<String, String> extraHeaders) {
        HttpCall.Response answer = exchange(method, pathOrUrl, body, extraHeaders);
        if (!answer.ok()) {
            throw statusError(answer);
        }
        if (answer.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new ProviderError(ProviderError.Kind.BAD_ANSWER, answer.status(), null,
                    method + " " + pathOf(pathOrUrl) + " answered " + answer.status() + " with a body that is not JSON");
        }
    }

    /** Reads a successful answer's body as it arrives (a large one need not fit in memory). */
    interface BodyReader<T> {
        T read(java.io.InputStream body) throws IOException;
    }

    /**
     * GETs {@code pathOrUrl} and hands a 2xx body to {@code reader} as a stream; other answers throw as
     * {@link #call} does.
     *
     * @throws IOException what {@code reader} threw, or the body breaking off
     */
    <T> T getStreamed(String pathOrUrl, BodyReader<T> reader) throws IOException {
        HttpCall.Request r = HttpCall.Request.of("GET", url(pathOrUrl));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        try (HttpCall.Streamed s = HttpCall.stream(r, CONNECT, TIMEOUT)) {
            if (s.status() < 200 || s.status() >= 300) {
                String retryAfter = s.header("Retry-After");
                throw statusError(new HttpCall.Response(s.status(), retryAfter == null ? Map.of()
                        : Map.of("Retry-After", java.util.List.of(retryAfter)), s.body().readNBytes(64 * 1024)));
            }
            return reader.read(s.body());
        } catch (HttpFailure e) {
            throw new ProviderError(e.mayHaveArrived() ? ProviderError.Kind.AMBIGUOUS : ProviderError.Kind.NOT_SENT,
                    0, null, "GET " + pathOf(pathOrUrl) + ": " + e.getMessage());
        }
    }

    /** The raw exchange: any status comes back; only a missing answer throws. */
    HttpCall.Response exchange(String method, String pathOrUrl, JsonNode body, Map<String, String> extraHeaders) {
        HttpCall.Request r = HttpCall.Request.of(method, url(pathOrUrl));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        if (body != null) {
            r = r.json(body.toString());
        }
        try {
            return HttpCall.send(r, CONNECT, TIMEOUT);
        } catch (HttpFailure e) {
            throw new ProviderError(e.mayHaveArrived() ? ProviderError.Kind.AMBIGUOUS : ProviderError.Kind.NOT_SENT,
                    0, null, method + " " + pathOf(pathOrUrl) + ": " + e.getMessage());
        }
    }

    /** The error a non-2xx answer stands for, with the provider's message when its body has one. */
    ProviderError statusError(HttpCall.Response answer) {
        int s = answer.status();
        ProviderError.Kind kind = s == 429 ? ProviderError.Kind.RATE_LIMITED
                : s >= 500 ? ProviderError.Kind.SERVER : ProviderError.Kind.REJECTED;
        String message = message(answer.body());
        return new ProviderError(kind, s, answer.retryAfter(clock.instant()),
                "HTTP " + s + (message == null ? "" : ": " + message));
    }

    /** The human-readable error in a provider's JSON error body, shortened; null when there is none. */
    static String message(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        String m = message(n);
        return m == null ? null : shorten(m);
    }

    static String message(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) { // fal validation errors: a detail array of {loc, msg, type}
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : n) {
                String m = item.has("msg") ? item.get("msg").asText() : message(item);
                if (m != null) {
                    sb.append(sb.length() == 0 ? "" : "; ").append(m);
                }
            }
            return sb.length() == 0 ? null : sb.toString();
        }
        for (String key : new String[]{"detail", "error", "message", "failure", "failure_reason", "status_msg"}) {
            String m = message(n.get(key));
            if (m != null) {
                return m;
            }
        }
        JsonNode baseResp = n.get("base_resp");
        return baseResp != null ? message(baseResp) : null;
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "…";
    }

    /** The path of a URL, for messages (a signed URL's query may be a credential). */
    private static String pathOf(String pathOrUrl) {
        int q = pathOrUrl.indexOf('?');
        return q < 0 ? pathOrUrl : pathOrUrl.substring(0, q);
    }

    /** Text of a field, or null when absent, null or empty. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /**
     * Adds the {@code --param} pass-through inputs to a request body, each read as a JSON value when it is one
     * ({@code 0.5}, {@code true}, {@code {"a":1}}) and as a string otherwise; a JSON string ({@code "\"5\""}) forces
     * a string. They win over the fields set from the typed options.
     */
    static void passThrough(ObjectNode body, Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            body.set(p.getKey(), value(p.getValue()));
        }
    }

    static JsonNode value(String v) {
        try {
            JsonNode n = JSON.readTree(v);
            if (n != null && !n.isMissingNode()) {
                return n;
            }
        } catch (IOException e) {
            // not JSON: a plain string
        }
        return JSON.getNodeFactory().textNode(v);
    }

    static Iterator<JsonNode> elements(JsonNode n) {
        return n == null ? java.util.Collections.emptyIterator() : n.elements();
    }
}
