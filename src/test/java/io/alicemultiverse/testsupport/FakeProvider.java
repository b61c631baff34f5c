package io.alicemultiverse.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake OpenAI / Anthropic / Gemini server on 127.0.0.1 (MockWebServer): records every request and answers in the
 * provider's documented response shape, with usage modelled on the documented accounting: input tokens =
 * {@link #INSTRUCTION_TOKENS} for the text of a request + {@link #IMAGE_TOKENS} per image; output tokens =
 * {@link #OUTPUT_TOKENS} per image. Scripted failures come first, then normal answers after {@code delayMs}.
 */
public final class FakeProvider implements AutoCloseable {
    public static final int INSTRUCTION_TOKENS = 350;
    public static final int IMAGE_TOKENS = 765;
    public static final int OUTPUT_TOKENS = 120;
    public static final ObjectMapper JSON = new ObjectMapper();

    public final MockWebServer server = new MockWebServer();
    public final String provider;
    public final ConcurrentLinkedQueue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    public volatile long delayMs;
    /** When each request arrived ({@link System#nanoTime}). */
    public final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    public volatile Function<Integer, String> replyText = FakeProvider::goodReply;

    public FakeProvider(String provider) throws IOException {
        this.provider = provider;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                arrivals.add(System.nanoTime());
                requests.incrementAndGet();
                JsonNode body;
                try {
                    body = JSON.readTree(r.getBody() == null ? "{}" : r.getBody().utf8());
                } catch (IOException e) {
                    body = JSON.createObjectNode();
                }
                bodies.add(body);
                MockResponse scripted = script.poll();
                if (scripted != null) {
                    return scripted;
                }
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                int images = images(body);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(answer(replyText.apply(images), INSTRUCTION_TOKENS + IMAGE_TOKENS * images,
                                OUTPUT_TOKENS * images)).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    public String baseUrl() {
        return switch (provider) {
            case "anthropic" -> server.url("/v1/").toString();
            case "gemini" -> server.url("/v1beta").toString();
            default -> server.url("/v1").toString();
        };
    }

    public RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    public void fail(int code, Map<String, String> headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).body("{\"error\":{\"message\":\"scripted\"}}");
        headers.forEach(b::addHeader);
        script.add(b.build());
    }

    /** Images in a request body, by the provider's shape. */
    public int images(JsonNode body) {
        int n = 0;
        switch (provider) {
            case "anthropic":
                for (JsonNode c : body.path("messages").path(0).path("content")) {
                    n += c.path("type").asText().equals("image") ? 1 : 0;
                }
                break;
            case "gemini":
                for (JsonNode p : body.path("contents").path(0).path("parts")) {
                    n += p.has("inlineData") || p.has("inline_data") ? 1 : 0;
                }
                break;
            default:
                for (JsonNode c : body.path("messages").path(0).path("content")) {
                    n += c.path("type").asText().equals("image_url") ? 1 : 0;
                }
        }
        return n;
    }

    public static String goodReply(int images) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("images");
        for (int i = 1; i <= images; i++) {
            ObjectNode o = list.addObject();
            o.put("index", i);
            o.put("description", "A red fox in blue snow, image " + i + ".");
            ObjectNode tags = o.putObject("tags");
            tags.putArray("subject").add("fox").add("snow");
            tags.putArray("colour").add("blue");
            tags.putArray("mood").add("calm");
            o.put("prompt", "a red fox in blue snow");
            o.put("negative", "blurry");
        }
        return root.toString();
    }

    private String answer(String text, int in, int out) {
        ObjectNode r = JSON.createObjectNode();
        switch (provider) {
            case "anthropic": {
                r.put("id", "msg_01").put("type", "message").put("role", "assistant").put("model", "claude-haiku-4-5");
                r.putArray("content").addObject().put("type", "text").put("text", text);
                r.put("stop_reason", "end_turn");
                r.putObject("usage").put("input_tokens", in).put("output_tokens", out);
                break;
            }
            case "gemini": {
                ObjectNode cand = r.putArray("candidates").addObject();
                ObjectNode content = cand.putObject("content");
                content.putArray("parts").addObject().put("text", text);
                content.put("role", "model");
                cand.put("finishReason", "STOP").put("index", 0);
                r.putObject("usageMetadata").put("promptTokenCount", in).put("candidatesTokenCount", out)
                        .put("totalTokenCount", in + out);
                r.put("modelVersion", "gemini-2.5-flash");
                break;
            }
            default: {
                r.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "gpt-4o-mini");
                ObjectNode choice = r.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", text);
                choice.put("finish_reason", "stop");
                r.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out)
                        .put("total_tokens", in + out);
            }
        }
        return r.toString();
    }

    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.close();
    }
}
