package io.alicemultiverse.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to a request Jetty refuses before any route sees it — a malformed request line or header (400), a URI
 * too long (414), headers too large (431), an illegal path character — in the API's one error shape,
 * {@code {"error": "…"}}, with the same protective headers as every other answer, instead of Jetty's HTML page
 * (which echoed the request's URI and the parser's words). Only the status's standard reason is sent: the parser's
 * message may quote what the client sent. Stateless.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final Map<String, String> HEADERS = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Resource-Policy", "same-origin");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable fields = response.getHeaders();
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        HEADERS.forEach(fields::put);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status));
    }

    /** {@code {"error": "<status> <standard reason>"}}, e.g. {@code 431 Request Header Fields Too Large}. */
    static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        String text = reason == null ? Integer.toString(status) : status + " " + reason;
        return ("{\"error\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
