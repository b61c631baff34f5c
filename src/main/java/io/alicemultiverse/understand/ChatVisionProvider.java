package io.alicemultiverse.understand;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A remote vision model reached through one of langchain4j's chat model modules (OpenAI and OpenAI-compatible
 * servers, Anthropic, Gemini): one user message with the shared {@link Instructions} then each image as a
 * downscaled base64 JPEG ({@link ImagePrep}). The module does the provider's wire format; this class maps its
 * failures to {@link ProviderException} and its text to outcomes through {@link ReplyParser}. Thread-safe.
 */
final class ChatVisionProvider implements VisionProvider {
    private final String name;
    private final String model;
    private final ChatModel chat;
    private final int maxImages;
    private final ResponseFormat format;
    private final int maxSide;

    ChatVisionProvider(String name, String model, ChatModel chat, int maxImages, ResponseFormat format, int maxSide) {
        this.name = name;
        this.model = model;
        this.chat = chat;
        this.maxImages = maxImages;
        this.format = format;
        this.maxSide = maxSide;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int maxImagesPerRequest() {
        return maxImages;
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public Reply analyse(List<ImageInput> images) {
        Reply.Outcome[] outcomes = new Reply.Outcome[images.size()];
        List<Integer> sent = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            try {
                encoded.add(Base64.getEncoder().encodeToString(ImagePrep.jpeg(images.get(i).file(), maxSide)));
                sent.add(i);
            } catch (IOException e) {
                outcomes[i] = Reply.Outcome.failed(e.getMessage());
            }
        }
        Usage usage = Usage.NONE;
        if (!sent.isEmpty()) {
            List<Content> contents = new ArrayList<>();
            contents.add(TextContent.from(Instructions.text(sent.size())));
            for (int k = 0; k < encoded.size(); k++) {
                contents.add(TextContent.from("Image " + (k + 1) + ":"));
                contents.add(ImageContent.from(encoded.get(k), "image/jpeg"));
            }
            ChatRequest.Builder request = ChatRequest.builder().messages(UserMessage.from(contents));
            if (format != null) {
                request.responseFormat(format);
            }
            ChatResponse response;
            try {
                response = chat.chat(request.build());
            } catch (RuntimeException e) {
                throw Failures.map(name, e);
            }
            TokenUsage u = response.tokenUsage();
            usage = u == null ? Usage.NONE : new Usage(n(u.inputTokenCount()), n(u.outputTokenCount()));
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            List<Reply.Outcome> parsed = ReplyParser.parse(text, sent.size());
            for (int k = 0; k < sent.size(); k++) {
                outcomes[sent.get(k)] = parsed.get(k);
            }
        }
        return new Reply(List.of(outcomes), usage);
    }

    private static long n(Integer v) {
        return v == null ? 0 : v;
    }
}
