package io.alicemultiverse.understand;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.util.List;
import java.util.Map;

/**
 * The providers, registered in one place: id, default model, default base URL, the environment variable holding
 * its key, and how to build it. API keys are read from the environment only, passed to the client and never kept
 * anywhere else. Stateless.
 */
public final class Providers {
    /** One known provider. {@code keyVariable} is null when none is needed. */
    public record Known(String name, String defaultModel, String defaultBaseUrl, String keyVariable, int maxImages) {
    }

    public static final List<Known> KNOWN = List.of(
            new Known("local", LocalAnalyzer.MODEL, null, null, 1),
            new Known("openai", "gpt-4o-mini", "https://api.openai.com/v1", "OPENAI_API_KEY", 10),
            new Known("anthropic", "claude-haiku-4-5", "https://api.anthropic.com/v1/", "ANTHROPIC_API_KEY", 10),
            new Known("gemini", "gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta",
                    "GEMINI_API_KEY", 10),
            // local vision models follow one image per request far better than several
            new Known("ollama", "qwen2.5vl", "http://localhost:11434/v1", null, 1),
            new Known("openai-compatible", null, null, "OPENAI_API_KEY", 10));

    private Providers() {
    }

    public static Known known(String name) {
        return KNOWN.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown provider '" + name + "'; known: "
                        + String.join(", ", KNOWN.stream().map(Known::name).toList())));
    }

    /** The model a run will use with these settings. */
    public static String model(ProviderSettings s) {
        String m = s.model() != null ? s.model() : known(s.name()).defaultModel();
        if (m == null) {
            throw new IllegalArgumentException("provider " + s.name() + " needs --model");
        }
        return m;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalArgumentException for an unknown provider, a missing key (naming the variable, never a value),
     *                                  or an OpenAI-compatible server without a base URL
     */
    public static VisionProvider create(ProviderSettings s, Map<String, String> env) {
        Known k = known(s.name());
        if (k.name().equals("local")) {
            return new LocalAnalyzer();
        }
        String model = model(s);
        String baseUrl = s.baseUrl() != null ? s.baseUrl() : k.defaultBaseUrl();
        if (baseUrl == null) {
            throw new IllegalArgumentException("provider " + s.name() + " needs --base-url");
        }
        String key = k.keyVariable() == null ? null : env.get(k.keyVariable());
        if (k.keyVariable() != null && (key == null || key.isBlank())) {
            if (k.name().equals("openai-compatible")) {
                key = "none"; // many local servers take any key
            } else {
                throw new IllegalArgumentException(k.keyVariable() + " is not set in the environment");
            }
        }
        int batch = Math.min(k.maxImages(), s.batchSize());
        ResponseFormat schema = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(Instructions.schema()).build();
        ProviderHttp.Builder http = new ProviderHttp.Builder();
        switch (k.name()) {
            case "openai":
            case "openai-compatible":
            case "ollama": {
                OpenAiChatModel m = OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                        .apiKey(key == null ? "ollama" : key).modelName(model).timeout(s.timeout()).maxRetries(0)
                        .temperature(0.2).build();
                // structured output where the server is OpenAI itself; others get the JSON in the instructions
                return new ChatVisionProvider(k.name(), model, m, batch,
                        k.name().equals("openai") ? schema : null, s.maxSide());
            }
            case "anthropic": {
                // Anthropic has no JSON mode in the Messages API used here: instructions plus tolerant parsing
                AnthropicChatModel m = AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                        .apiKey(key).modelName(model).timeout(s.timeout()).maxRetries(0).maxTokens(4096)
                        .temperature(0.2).build();
                return new ChatVisionProvider(k.name(), model, m, batch, null, s.maxSide());
            }
            case "gemini": {
                GoogleAiGeminiChatModel m = GoogleAiGeminiChatModel.builder().httpClientBuilder(http)
                        .baseUrl(baseUrl).apiKey(key).modelName(model).timeout(s.timeout()).maxRetries(0)
                        .temperature(0.2).build();
                return new ChatVisionProvider(k.name(), model, m, batch, schema, s.maxSide());
            }
            default:
                throw new IllegalArgumentException("unknown provider " + s.name());
        }
    }

    /**
     * A stand-in with the provider's name, model and batch size that sends nothing: what a dry run plans with, so an
     * estimate needs no API key.
     */
    public static VisionProvider planningOnly(ProviderSettings s) {
        Known k = known(s.name());
        String model = model(s);
        int batch = Math.min(k.maxImages(), s.batchSize());
        return new VisionProvider() {
            @Override
            public String name() {
                return k.name();
            }

            @Override
            public String model() {
                return model;
            }

            @Override
            public int maxImagesPerRequest() {
                return batch;
            }

            @Override
            public boolean paid() {
                return !k.name().equals("local");
            }

            @Override
            public Reply analyse(java.util.List<ImageInput> images) {
                throw new IllegalStateException("a planning-only provider sends nothing");
            }
        };
    }
}
