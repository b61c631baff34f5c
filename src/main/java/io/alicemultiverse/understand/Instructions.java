package io.alicemultiverse.understand;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * The instructions every remote provider gets (shared by all images of a request) and the JSON shape asked back.
 * Changing the text changes {@link #VERSION}, which is part of the cache key, so old results are not mistaken for
 * answers to new instructions.
 */
final class Instructions {
    /** Version of the instructions and output shape; part of the cache key. */
    public static final String VERSION = "1";

    private Instructions() {
    }

    /** The text sent before the images of a request of {@code count} images. */
    public static String text(int count) {
        return """
                You describe AI-generated images for a searchable library. You get %d image(s), numbered from 1 in \
                the order given. Reply with JSON only, no prose: {"images": [{"index": 1, "description": "...", \
                "tags": {"subject": [], "style": [], "mood": [], "colour": [], "setting": [], "composition": [], \
                "technical": []}, "prompt": "...", "negative": "..."}]} with one entry per image. The description \
                is one or two plain sentences. Tags are short lower-case words or phrases, 1 to 6 per category, \
                empty when nothing fits. "prompt" is a text-to-image prompt that would recreate the image and \
                "negative" a negative prompt for it.""".formatted(count);
    }

    /** The output shape as a JSON schema, for providers with structured output. */
    public static JsonSchema schema() {
        JsonObjectSchema.Builder tags = JsonObjectSchema.builder();
        for (String c : Understanding.CATEGORIES) {
            tags.addProperty(c, JsonArraySchema.builder().items(
                    dev.langchain4j.model.chat.request.json.JsonStringSchema.builder().build()).build());
        }
        tags.required(Understanding.CATEGORIES);
        JsonObjectSchema image = JsonObjectSchema.builder()
                .addIntegerProperty("index")
                .addStringProperty("description")
                .addProperty("tags", tags.build())
                .addStringProperty("prompt")
                .addStringProperty("negative")
                .required("index", "description", "tags", "prompt", "negative")
                .build();
        return JsonSchema.builder().name("image_understanding").rootElement(JsonObjectSchema.builder()
                .addProperty("images", JsonArraySchema.builder().items(image).build())
                .required("images").build()).build();
    }
}
