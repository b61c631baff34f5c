package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;
import io.alicemultiverse.metadata.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Easy Diffusion: one text entry per field, named either in snake_case ({@code prompt}, {@code num_inference_steps},
 * {@code use_stable_diffusion_model}…) or as its UI labels ({@code Prompt}, {@code Steps},
 * {@code Stable Diffusion model}…); the same fields may come as one JSON object (EXIF UserComment, sidecar) or as
 * {@code Label: value} lines in a {@code .txt} sidecar. A prompt alone is not enough: the model field or two numeric
 * fields must be present too, so a stray {@code Prompt} key elsewhere is not taken. Stateless and thread-safe.
 */
final class EasyDiffusionParser implements GeneratorParser {
    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\r?\\n");
    private static final java.util.regex.Pattern OUTER_QUOTE = java.util.regex.Pattern.compile("^['\"]|['\"]$");
    /** Field names: snake_case (the canonical name, used in {@code extra}) and the UI label. */
    private static final String[][] FIELDS = {
            {"prompt", "Prompt"}, {"negative_prompt", "Negative Prompt"}, {"seed", "Seed"},
            {"use_stable_diffusion_model", "Stable Diffusion model"}, {"sampler_name", "Sampler"},
            {"scheduler_name", "Scheduler"}, {"width", "Width"}, {"height", "Height"},
            {"num_inference_steps", "Steps"}, {"guidance_scale", "Guidance Scale"},
            {"use_lora_model", "LoRA model"}, {"lora_alpha", "LoRA Strength"}, {"clip_skip", "Clip Skip"},
            {"use_vae_model", "VAE model"}, {"prompt_strength", "Prompt Strength"},
            {"use_hypernetwork_model", "Hypernetwork model"}, {"hypernetwork_strength", "Hypernetwork Strength"},
            {"use_embedding_models", "Embedding models"}, {"use_controlnet_model", "ControlNet model"},
            {"control_filter_to_apply", "ControlNet Filter"}, {"control_alpha", "ControlNet Strength"},
            {"tiling", "Seamless Tiling"}, {"use_face_correction", "Use Face Correction"},
            {"use_upscale", "Use Upscaling"}, {"upscale_amount", "Upscale By"},
            {"latent_upscaler_steps", "Latent Upscaler Steps"}, {"distilled_guidance_scale", "Distilled Guidance"},
    };
    private static final List<String> NUMERIC = List.of("seed", "width", "height", "num_inference_steps",
            "guidance_scale");
    private static final List<String> MAPPED = List.of("prompt", "negative_prompt", "seed",
            "use_stable_diffusion_model", "sampler_name", "scheduler_name", "width", "height", "num_inference_steps",
            "guidance_scale", "use_lora_model", "lora_alpha");
    private static final List<String> BLOB_KEYS = List.of("Exif.UserComment", "sidecar.txt", "Jpeg.Comment");

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        Map<String, String> fields = fields(raw.text());
        if (confident(fields)) {
            return Optional.of(build(fields, null));
        }
        for (String key : BLOB_KEYS) {
            String text = raw.get(key);
            if (text == null || text.isBlank()) {
                continue;
            }
            JsonNode json = Json.parseObject(text);
            Map<String, String> f = fields(json != null ? flat(json) : lines(text));
            if (confident(f)) {
                return Optional.of(build(f, key));
            }
        }
        return Optional.empty();
    }

    /** The known fields found among {@code entries}, keyed by their snake_case name. */
    private static Map<String, String> fields(Map<String, String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] names : FIELDS) {
            String v = entries.get(names[0]);
            if (v == null) {
                v = entries.get(names[1]);
            }
            if (v != null && !v.isBlank()) {
                out.put(names[0], v.strip());
            }
        }
        return out;
    }

    private static boolean confident(Map<String, String> f) {
        String prompt = f.get("prompt");
        if (prompt == null || Json.parse(prompt) != null) {
            return false; // ComfyUI's "prompt" entry is a JSON graph
        }
        long numbers = NUMERIC.stream().filter(k -> Values.toDouble(f.get(k)) != null).count();
        return f.containsKey("use_stable_diffusion_model") || numbers >= 2;
    }

    private static Map<String, String> flat(JsonNode json) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String t = v.isArray() ? String.join(",", strings(v)) : Values.text(v);
            if (t != null) {
                out.put(e.getKey(), t);
            }
        }
        return out;
    }

    /** {@code Label: value} lines of the text sidecar; the first line must be the prompt. */
    private static Map<String, String> lines(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = LINE_BREAK.split(text.strip());
        if (!lines[0].startsWith("Prompt: ") && !lines[0].startsWith("prompt: ")) {
            return out;
        }
        for (String line : lines) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 2));
            }
        }
        return out;
    }

    private static Generation build(Map<String, String> f, String foundIn) {
        Generation.Builder b = Generation.builder(Source.EASYDIFFUSION)
                .prompt(f.get("prompt"))
                .negative(f.get("negative_prompt"))
                .seed(f.get("seed"))
                .model(f.get("use_stable_diffusion_model"))
                .sampler(f.get("sampler_name"))
                .scheduler(f.get("scheduler_name"))
                .size(JsonFields.positive(f.get("width")), JsonFields.positive(f.get("height")))
                .steps(JsonFields.positive(f.get("num_inference_steps")))
                .cfgScale(Values.toDouble(f.get("guidance_scale")));
        List<String> loras = list(f.get("use_lora_model"));
        List<String> alphas = list(f.get("lora_alpha"));
        for (int i = 0; i < loras.size(); i++) {
            b.lora(loras.get(i), i < alphas.size() ? Values.toDouble(alphas.get(i)) : null);
        }
        f.forEach((k, v) -> {
            if (!MAPPED.contains(k)) {
                b.extra(k, v);
            }
        });
        b.extra("found_in", foundIn);
        return b.build();
    }

    /** "a", "a,b" or Python's "['a', 'b']" as a list; "None" and blanks dropped. */
    private static List<String> list(String v) {
        if (v == null) {
            return List.of();
        }
        String s = v.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return Arrays.stream(s.split(","))
                .map(x -> OUTER_QUOTE.matcher(x.strip()).replaceAll("").strip())
                .filter(x -> !x.isEmpty() && !x.equalsIgnoreCase("None"))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            String t = Values.text(n);
            if (t != null) {
                out.add(t);
            }
        });
        return out;
    }
}
