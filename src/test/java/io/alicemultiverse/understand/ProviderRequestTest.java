package io.alicemultiverse.understand;

import io.alicemultiverse.testsupport.FakeProvider;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each provider's request as its API documents it, and its documented answer read back with usage. */
class ProviderRequestTest {
    @TempDir
    Path dir;

    private List<ImageInput> images(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new ImageInput("h" + i,
                TestImages.write(io.alicemultiverse.testsupport.Pictures.photo(i, 2048, 1536, 4),
                        dir.resolve("i" + i + ".jpg")), null, null)).toList();
    }

    private VisionProvider provider(FakeProvider fake, String name) {
        return Providers.create(ProviderSettings.of(name).withBaseUrl(fake.baseUrl()).withTimeout(Duration.ofSeconds(5)),
                Map.of("OPENAI_API_KEY", "sk-test-openai", "ANTHROPIC_API_KEY", "sk-ant-test",
                        "GEMINI_API_KEY", "gm-test"));
    }

    private static void assertSmallJpeg(String base64) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(1024);
        assertThat(base64).startsWith("/9j/"); // JPEG magic in base64
    }

    private static void assertGoodReply(Reply r, int n) {
        assertThat(r.outcomes()).hasSize(n).allSatisfy(o -> {
            assertThat(o.error()).isNull();
            assertThat(o.result().tags().get("subject")).contains("fox");
            assertThat(o.result().prompt()).isEqualTo("a red fox in blue snow");
        });
        assertThat(r.usage()).isEqualTo(new Usage(FakeProvider.INSTRUCTION_TOKENS + FakeProvider.IMAGE_TOKENS * n,
                FakeProvider.OUTPUT_TOKENS * n));
    }

    @Test
    void openAiSendsChatCompletionsWithImageDataUrlsAndAJsonSchema() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            Reply r = provider(fake, "openai").analyse(images(2));
            RecordedRequest req = fake.take();
            assertThat(req.getMethod()).isEqualTo("POST");
            assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-openai");
            JsonNode body = fake.bodies().get(0);
            assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
            JsonNode content = body.path("messages").path(0).path("content");
            assertThat(content.path(0).path("type").asText()).isEqualTo("text");
            List<String> urls = new java.util.ArrayList<>();
            content.forEach(c -> {
                if (c.path("type").asText().equals("image_url")) {
                    urls.add(c.path("image_url").path("url").asText());
                }
            });
            assertThat(urls).hasSize(2).allSatisfy(u -> assertThat(u).startsWith("data:image/jpeg;base64,"));
            assertSmallJpeg(urls.get(0).substring("data:image/jpeg;base64,".length()));
            assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
            assertThat(body.path("response_format").path("json_schema").path("schema").path("properties").has("images"))
                    .isTrue();
            assertGoodReply(r, 2);
        }
    }

    @Test
    void anthropicSendsMessagesWithBase64ImageBlocks() throws Exception {
        try (FakeProvider fake = new FakeProvider("anthropic")) {
            Reply r = provider(fake, "anthropic").analyse(images(2));
            RecordedRequest req = fake.take();
            assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/messages");
            assertThat(req.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test");
            assertThat(req.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(req.getHeaders().get("Authorization")).isNull();
            JsonNode body = fake.bodies().get(0);
            assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
            assertThat(body.path("max_tokens").asInt()).isPositive();
            List<JsonNode> blocks = new java.util.ArrayList<>();
            body.path("messages").path(0).path("content").forEach(c -> {
                if (c.path("type").asText().equals("image")) {
                    blocks.add(c.path("source"));
                }
            });
            assertThat(blocks).hasSize(2).allSatisfy(s -> {
                assertThat(s.path("type").asText()).isEqualTo("base64");
                assertThat(s.path("media_type").asText()).isEqualTo("image/jpeg");
            });
            assertSmallJpeg(blocks.get(0).path("data").asText());
            assertGoodReply(r, 2);
        }
    }

    @Test
    void geminiSendsGenerateContentWithInlineDataAndAResponseSchema() throws Exception {
        try (FakeProvider fake = new FakeProvider("gemini")) {
            Reply r = provider(fake, "gemini").analyse(images(2));
            RecordedRequest req = fake.take();
            assertThat(req.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(req.getHeaders().get("x-goog-api-key")).isEqualTo("gm-test");
            assertThat(req.getUrl().queryParameter("key")).isNull();
            JsonNode body = fake.bodies().get(0);
            List<JsonNode> inline = new java.util.ArrayList<>();
            body.path("contents").path(0).path("parts").forEach(p -> {
                if (p.has("inlineData")) {
                    inline.add(p.path("inlineData"));
                }
            });
            assertThat(inline).hasSize(2).allSatisfy(d -> assertThat(d.path("mimeType").asText()).isEqualTo("image/jpeg"));
            assertSmallJpeg(inline.get(0).path("data").asText());
            JsonNode config = body.path("generationConfig");
            assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
            assertThat(config.has("responseSchema") || config.has("responseJsonSchema")).isTrue();
            assertGoodReply(r, 2);
        }
    }

    @Test
    void ollamaGoesThroughItsOpenAiCompatibleEndpointWithoutAKey() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            VisionProvider p = Providers.create(ProviderSettings.of("ollama").withBaseUrl(fake.baseUrl()), Map.of());
            assertThat(p.maxImagesPerRequest()).isEqualTo(1);
            Reply r = p.analyse(images(1));
            RecordedRequest req = fake.take();
            assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(fake.bodies().get(0).path("model").asText()).isEqualTo("qwen2.5vl");
            assertGoodReply(r, 1);
        }
    }

    @Test
    void aReplyThatCannotBeParsedFailsEachImageWithAReason() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            fake.replyText = n -> "I'm sorry, I can't describe {these images";
            Reply r = provider(fake, "openai").analyse(images(2));
            assertThat(r.outcomes()).allSatisfy(o -> {
                assertThat(o.result()).isNull();
                assertThat(o.error()).contains("not JSON");
            });
            assertThat(r.usage().tokensIn()).isPositive(); // the tokens were still spent
        }
    }

    @Test
    void aMissingKeyNamesTheVariableOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Providers.create(ProviderSettings.of("openai"), Map.of()))
                .hasMessage("OPENAI_API_KEY is not set in the environment");
    }

    @Test
    void httpFailuresKeepStatusAndRetryAfterButNeverTheKey() throws Exception {
        try (FakeProvider fake = new FakeProvider("anthropic")) {
            fake.fail(429, Map.of("Retry-After", "7"));
            ProviderException e = org.assertj.core.api.Assertions.catchThrowableOfType(ProviderException.class,
                    () -> provider(fake, "anthropic").analyse(images(1)));
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).doesNotContain("sk-ant-test");
        }
    }
}
