package io.alicemultiverse.search;

import io.alicemultiverse.metadata.Source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generator and model words a query may name: every {@link Source} id, a few aliases ("comfy", "a1111", "mj"),
 * and model families ("flux", "sdxl") matched as substrings of the model column. Stateless.
 */
final class Generators {
    /** A word's meaning: any of these sources, or a model containing any of these substrings. */
    record Match(List<String> sources, List<String> models) {
    }

    private static final Map<String, String> SOURCE_ALIASES = Map.ofEntries(
            Map.entry("comfy", "comfyui"), Map.entry("a1111", "automatic1111"), Map.entry("auto1111", "automatic1111"),
            Map.entry("automatic", "automatic1111"), Map.entry("webui", "automatic1111"), Map.entry("mj", "midjourney"),
            Map.entry("sd.next", "sdnext"), Map.entry("sd-next", "sdnext"), Map.entry("vladmandic", "sdnext"),
            Map.entry("dalle", "openai"), Map.entry("dall-e", "openai"), Map.entry("chatgpt", "openai"),
            Map.entry("invoke", "invokeai"), Map.entry("nai", "novelai"), Map.entry("swarm", "swarmui"),
            Map.entry("adobe", "firefly"), Map.entry("imagen", "google"), Map.entry("gemini", "google"));

    private static final Map<String, List<String>> MODEL_WORDS = Map.of(
            "flux", List.of("flux"), "sdxl", List.of("sdxl", "sd_xl"), "sd15", List.of("v1-5", "sd15", "sd_1.5"),
            "sd3", List.of("sd3"), "pony", List.of("pony"), "dreamshaper", List.of("dreamshaper"),
            "juggernaut", List.of("juggernaut"));

    private Generators() {
    }

    /** What {@code word} names, if it names a generator or a model family. */
    static Optional<Match> of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("unknown")) {
            return Optional.empty();
        }
        String id = SOURCE_ALIASES.getOrDefault(w, w);
        List<String> sources = Source.fromId(id).map(s -> List.of(s.id())).orElse(List.of());
        List<String> models = MODEL_WORDS.getOrDefault(w, List.of());
        return sources.isEmpty() && models.isEmpty() ? Optional.empty() : Optional.of(new Match(sources, models));
    }

    /** The source id for a {@code --source} value (an id or alias), or an error naming the choices. */
    static String sourceId(String value) {
        String w = value.trim().toLowerCase(Locale.ROOT);
        String id = SOURCE_ALIASES.getOrDefault(w, w);
        return Source.fromId(id).map(Source::id).orElseThrow(() -> new IllegalArgumentException(
                "unknown source '" + value + "' (one of " + String.join(", ",
                        java.util.Arrays.stream(Source.values()).map(Source::id).toList()) + ")"));
    }
}
