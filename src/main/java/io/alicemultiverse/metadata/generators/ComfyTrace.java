package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Values;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a {@link ComfyGraph} back from its sampler nodes: seeds and sampling settings from the sampler and the
 * noise/sampler/sigmas/guider nodes of custom sampling, prompts through conditioning nodes to text encoders, models
 * through LoRA and patch nodes to loaders. One instance per parse (it fills one builder); every walk is bounded and
 * cycle-safe, and missing nodes end a walk quietly.
 */
final class ComfyTrace {
    private static final int MAX_DEPTH = 64;
    private static final Set<String> SAMPLERS = Set.of("KSampler", "KSamplerAdvanced", "SamplerCustom",
            "SamplerCustomAdvanced");
    /** Text inputs of text encoders; the one a generator treats as main comes first. */
    private static final List<String> TEXT_KEYS = List.of("text", "prompt", "t5xxl", "text_g", "clip_g", "clip_l",
            "text_l", "bert", "mt5xl");
    /** Inputs that never lead to conditioning; not followed when walking prompts. */
    private static final Set<String> NOT_CONDITIONING = Set.of("clip", "model", "vae", "image", "images", "pixels",
            "samples", "latent", "latent_image", "mask", "control_net", "clip_vision", "clip_vision_output",
            "style_model", "upscale_model", "noise", "sigmas", "sampler");
    private static final List<String> MODEL_KEYS = List.of("ckpt_name", "unet_name", "model_path", "model_name",
            "gguf_name", "model");
    private static final Map<String, String> SCHEDULER_NODES = Map.of("KarrasScheduler", "karras",
            "ExponentialScheduler", "exponential", "PolyexponentialScheduler", "polyexponential",
            "AlignYourStepsScheduler", "align_your_steps", "BetaSamplingScheduler", "beta",
            "SDTurboScheduler", "sd_turbo", "LaplaceScheduler", "laplace", "VPScheduler", "vp");

    private static final int MAX_SIZE_DEPTH = 8;
    /** Text inputs of latent-size nodes that state a size as "W x H …". */
    private static final List<String> SIZE_TEXT_KEYS = List.of("dimensions", "resolution", "size", "aspect_ratio",
            "preset");
    private static final Pattern DIMENSIONS = Pattern.compile("(\\d{2,5})\\s*[x×*]\\s*(\\d{2,5})");
    /** Inputs a latent comes through, upstream first: encoders, scalers and pass-through nodes. */
    private static final List<String> LATENT_PATH = List.of("samples", "latent", "latent_image", "pixels", "image",
            "images");

    /** Which prompt a walk collects; {@code EMBEDS} splits at the first node with positive and negative inputs. */
    private enum Polarity { POSITIVE, NEGATIVE, EMBEDS }

    private final ComfyGraph graph;
    private final ComfyValues values;
    private final Generation.Builder b;

    ComfyTrace(ComfyGraph graph, Generation.Builder builder) {
        this.graph = graph;
        this.values = new ComfyValues(graph);
        this.b = builder;
    }

    /** Whether this node samples: the core samplers, or a custom one with a seed. */
    static boolean isSampler(ComfyGraph.Node n) {
        if (n.bypassed()) {
            return false;
        }
        if (SAMPLERS.contains(n.type())) {
            return true;
        }
        boolean seeded = n.has("seed") || n.has("noise_seed");
        return seeded && (n.type().toLowerCase(Locale.ROOT).contains("sampler")
                || (n.has("sampler_name") && n.has("steps")));
    }

    /** Reads one sampler; {@code main} says whether its settings are the generation's main ones. */
    void sampler(ComfyGraph.Node s, boolean main) {
        ComfyGraph.Node guider = graph.source(s.input("guider"));
        ComfyGraph.Node sigmas = graph.source(s.input("sigmas"));
        ComfyGraph.Node select = graph.source(s.input("sampler"));
        seed(s);
        if (main) {
            Integer steps = values.integer(s, "steps");
            b.steps(steps != null ? steps : values.integer(sigmas, "steps"));
            String name = values.text(s, "sampler_name");
            b.sampler(name != null ? name : values.text(select, "sampler_name"));
            String scheduler = values.text(s, "scheduler");
            if (scheduler == null) {
                scheduler = values.text(sigmas, "scheduler");
            }
            if (scheduler == null && sigmas != null) {
                scheduler = SCHEDULER_NODES.get(sigmas.type());
            }
            b.scheduler(scheduler);
            Double cfg = values.number(s, "cfg");
            if (cfg == null) {
                cfg = values.number(guider, "cfg");
            }
            b.cfgScale(cfg != null ? cfg : values.number(guider, "cfg_conds"));
            Double denoise = values.number(s, "denoise");
            b.extra("denoise", denoise != null ? denoise : values.number(sigmas, "denoise"));
            latentSize(s.input("latent_image"));
        }
        conditioning(s.input("positive"), Polarity.POSITIVE);
        conditioning(s.input("negative"), Polarity.NEGATIVE);
        conditioning(s.input("text_embeds"), Polarity.EMBEDS);
        if (guider != null && !guider.bypassed()) {
            for (String k : List.of("positive", "conditioning", "cond1", "cond2")) {
                conditioning(guider.input(k), Polarity.POSITIVE);
            }
            conditioning(guider.input("negative"), Polarity.NEGATIVE);
            model(guider.input("model"));
        }
        model(s.input("model"));
    }

    private void seed(ComfyGraph.Node s) {
        JsonNode addNoise = values.scalar(s, "add_noise");
        if (addNoise != null && (addNoise.isBoolean() ? !addNoise.asBoolean()
                : addNoise.asText().toLowerCase(Locale.ROOT).startsWith("disable"))) {
            return;
        }
        JsonNode seed = values.scalar(s, "seed");
        if (seed == null) {
            seed = values.scalar(s, "noise_seed");
        }
        ComfyGraph.Node noise = graph.source(s.input("noise"));
        if (seed == null && noise != null) {
            seed = values.scalar(noise, "noise_seed");
            if (seed == null) {
                seed = values.scalar(noise, "seed");
            }
        }
        b.seed(seed);
    }

    private void latentSize(JsonNode input) {
        latentSize(input, 0, new HashSet<>());
    }

    /**
     * The generation size: the first node up the latent's path that states one, as {@code width}/{@code height}
     * (EmptyLatentImage and kin, an ImageScale before a VAEEncode) or as text such as rgthree's
     * {@code dimensions: "1216 x 832 (landscape)"} or a preset's {@code resolution: "1024x1024 (1.0)"}.
     */
    private void latentSize(JsonNode input, int depth, Set<String> seen) {
        ComfyGraph.Node n = graph.source(input);
        if (n == null || depth > MAX_SIZE_DEPTH || !seen.add(n.id())) {
            return;
        }
        if (!n.bypassed()) {
            Integer w = values.integer(n, "width");
            Integer h = values.integer(n, "height");
            if (w != null && h != null && w > 0 && h > 0) {
                b.size(w, h);
                return;
            }
            for (String k : SIZE_TEXT_KEYS) {
                String t = values.text(n, k);
                Matcher m = t == null ? null : DIMENSIONS.matcher(t);
                if (m != null && m.find()) {
                    b.size(Values.toInteger(m.group(1)), Values.toInteger(m.group(2)));
                    return;
                }
            }
        }
        for (String k : LATENT_PATH) {
            if (graph.link(n.input(k)) != null) {
                latentSize(n.input(k), depth + 1, seen);
                return;
            }
        }
    }

    private void conditioning(JsonNode input, Polarity p) {
        conditioning(input, p, 0, new HashSet<>());
    }

    private void conditioning(JsonNode input, Polarity p, int depth, Set<String> seen) {
        ComfyGraph.Link link = graph.link(input);
        ComfyGraph.Node n = link == null ? null : graph.node(link.nodeId());
        if (n == null || depth > MAX_DEPTH || !seen.add(n.id())) {
            return;
        }
        if (!n.bypassed()) {
            if (n.type().equals("ConditioningZeroOut")) {
                return;
            }
            b.extra("guidance", values.number(n, "guidance"));
            if (encoder(n, p)) {
                return;
            }
            if (graph.source(n.input("positive")) != null && graph.source(n.input("negative")) != null) {
                if (p == Polarity.EMBEDS) {
                    // A text-embeds bridge (WanVideo): one output carrying both prompts.
                    conditioning(n.input("positive"), Polarity.POSITIVE, depth + 1, seen);
                    conditioning(n.input("negative"), Polarity.NEGATIVE, depth + 1, seen);
                    return;
                }
                // ControlNetApplyAdvanced, InpaintModelConditioning…: output 0 is positive, 1 negative.
                if (link.slot() <= 1) {
                    conditioning(n.input(link.slot() == 0 ? "positive" : "negative"), p, depth + 1, seen);
                }
                return;
            }
        }
        for (Map.Entry<String, JsonNode> e : n.inputs().entrySet()) {
            if (!NOT_CONDITIONING.contains(e.getKey())) {
                conditioning(e.getValue(), p, depth + 1, seen);
            }
        }
    }

    /** Records the texts of a text-encoding node; false when {@code n} is not one. */
    private boolean encoder(ComfyGraph.Node n, Polarity p) {
        String pos = values.string(n.input("positive_prompt"));
        String neg = values.string(n.input("negative_prompt"));
        if (pos != null || neg != null) {
            b.prompt(pos);
            b.negative(neg);
            return true;
        }
        JsonNode own = n.input(p == Polarity.POSITIVE ? "positive" : "negative");
        if (own != null && own.isTextual()) {
            add(own.asText(), p);
            return true;
        }
        boolean found = false;
        for (String k : TEXT_KEYS) {
            JsonNode v = n.input(k);
            String text = values.string(v);
            if (text != null) {
                add(text, p);
                found = true;
            }
        }
        return found;
    }

    private void add(String text, Polarity p) {
        if (p != Polarity.NEGATIVE) {
            b.prompt(text);
        } else {
            b.negative(text);
        }
    }

    private void model(JsonNode input) {
        model(input, 0, new HashSet<>());
    }

    private void model(JsonNode input, int depth, Set<String> seen) {
        ComfyGraph.Node n = graph.source(input);
        if (n == null || depth > MAX_DEPTH || !seen.add(n.id())) {
            return;
        }
        if (!n.bypassed()) {
            lora(n);
            for (String k : MODEL_KEYS) {
                JsonNode v = n.input(k);
                String name = v == null || graph.link(v) != null && k.equals("model") ? null : values.string(v);
                if (name != null && !name.isBlank()) {
                    b.model(name);
                    return;
                }
            }
        }
        if (graph.link(n.input("model")) != null) {
            model(n.input("model"), depth + 1, seen);
            return;
        }
        long linked = n.inputs().values().stream().filter(v -> graph.link(v) != null).count();
        for (Map.Entry<String, JsonNode> e : n.inputs().entrySet()) {
            // Model merges (model1, model2…) and single-input pass-through nodes such as reroutes.
            if (graph.link(e.getValue()) != null && (e.getKey().startsWith("model") || linked == 1)) {
                model(e.getValue(), depth + 1, seen);
            }
        }
    }

    private void lora(ComfyGraph.Node n) {
        String name = values.text(n, "lora_name");
        if (name != null) {
            Double w = values.number(n, "strength_model");
            b.lora(name, w != null ? w : values.number(n, "strength"));
        }
        // rgthree "Power Lora Loader": lora_1 = {on, lora, strength}.
        for (JsonNode v : n.inputs().values()) {
            if (v.isObject() && v.path("lora").isTextual() && v.path("on").asBoolean(true)
                    && !v.path("lora").asText().equalsIgnoreCase("none")) {
                b.lora(v.get("lora").asText(), Values.toDouble(v.get("strength")));
            }
        }
    }

    /** Records what a graph without a readable sampler still says: every prompt text and every loaded model. */
    void fallback(boolean prompts, boolean models) {
        for (ComfyGraph.Node n : graph.nodes()) {
            if (n.bypassed()) {
                continue;
            }
            String type = n.type().toLowerCase(Locale.ROOT);
            if (prompts && (type.contains("textencode") || type.contains("prompt"))) {
                String title = n.title() == null ? "" : n.title().toLowerCase(Locale.ROOT);
                encoder(n, title.contains("negative") ? Polarity.NEGATIVE : Polarity.POSITIVE);
            }
            if (models && type.contains("load")) {
                for (String k : List.of("ckpt_name", "unet_name", "model_path")) {
                    b.model(values.string(n.input(k)));
                }
            }
        }
    }
}
