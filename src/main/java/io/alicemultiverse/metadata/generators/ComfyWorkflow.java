package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a ComfyUI UI workflow ({@code nodes} with positional {@code widgets_values}, {@code links} table) into the
 * API-shaped {@link ComfyGraph}. Widget values get their input names from a table of well-known node types, else
 * from the node's widget inputs, else {@code widget_0}, {@code widget_1}…. Muted nodes are left out; bypassed nodes
 * are kept as pass-through. Stateless.
 */
final class ComfyWorkflow {
    private static final int MODE_MUTED = 2;
    private static final int MODE_BYPASSED = 4;
    /** Values of the "control after generate" widget that the UI adds after seed-like widgets. */
    private static final Set<String> CONTROL_VALUES = Set.of("fixed", "increment", "decrement", "randomize");
    private static final Set<String> SEED_WIDGETS = Set.of("seed", "noise_seed", "value");

    private static final Map<String, List<String>> WIDGETS = new HashMap<>();

    static {
        widgets("seed steps cfg sampler_name scheduler denoise", "KSampler");
        widgets("add_noise noise_seed steps cfg sampler_name scheduler start_at_step end_at_step "
                + "return_with_leftover_noise", "KSamplerAdvanced");
        widgets("add_noise noise_seed cfg", "SamplerCustom");
        widgets("noise_seed", "RandomNoise");
        widgets("sampler_name", "KSamplerSelect");
        widgets("scheduler steps denoise", "BasicScheduler");
        widgets("steps sigma_max sigma_min rho", "KarrasScheduler", "PolyexponentialScheduler");
        widgets("steps sigma_max sigma_min", "ExponentialScheduler");
        widgets("model_type steps denoise", "AlignYourStepsScheduler");
        widgets("steps alpha beta", "BetaSamplingScheduler");
        widgets("steps denoise", "SDTurboScheduler");
        widgets("cfg", "CFGGuider");
        widgets("cfg_conds cfg_cond2_negative", "DualCFGGuider");
        widgets("guidance", "FluxGuidance");
        widgets("text", "CLIPTextEncode");
        widgets("width height crop_w crop_h target_width target_height text_g text_l", "CLIPTextEncodeSDXL");
        widgets("ascore width height text", "CLIPTextEncodeSDXLRefiner");
        widgets("clip_l t5xxl guidance", "CLIPTextEncodeFlux");
        widgets("clip_l clip_g t5xxl empty_padding", "CLIPTextEncodeSD3");
        widgets("bert mt5xl", "CLIPTextEncodeHunyuanDiT");
        widgets("ckpt_name", "CheckpointLoaderSimple", "unCLIPCheckpointLoader", "ImageOnlyCheckpointLoader");
        widgets("config_name ckpt_name", "CheckpointLoader");
        widgets("unet_name weight_dtype", "UNETLoader");
        widgets("unet_name", "UnetLoaderGGUF");
        widgets("model_path", "DiffusersLoader");
        widgets("lora_name strength_model strength_clip", "LoraLoader");
        widgets("lora_name strength_model", "LoraLoaderModelOnly");
        widgets("width height batch_size", "EmptyLatentImage", "EmptySD3LatentImage", "EmptyHunyuanLatentVideo");
        widgets("value", "PrimitiveNode", "PrimitiveString", "PrimitiveStringMultiline", "PrimitiveInt",
                "PrimitiveFloat", "PrimitiveBoolean");
    }

    private ComfyWorkflow() {
    }

    private static void widgets(String names, String... types) {
        List<String> list = List.of(names.split(" "));
        for (String t : types) {
            WIDGETS.put(t, list);
        }
    }

    /** The graph of a UI workflow object, or null when {@code root} does not look like one. */
    static ComfyGraph toGraph(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("nodes").isArray()) {
            return null;
        }
        Map<Long, ComfyGraph.Link> links = links(root.get("links"));
        List<ComfyGraph.Node> nodes = new ArrayList<>();
        for (JsonNode n : root.get("nodes")) {
            if (!n.isObject() || !n.path("type").isTextual() || !n.has("id")) {
                continue;
            }
            int mode = n.path("mode").asInt(0);
            if (mode == MODE_MUTED) {
                continue;
            }
            String type = n.get("type").asText();
            Map<String, JsonNode> inputs = new LinkedHashMap<>(widgetInputs(type, n));
            for (JsonNode in : n.path("inputs")) {
                String name = in.path("name").asText("");
                ComfyGraph.Link l = in.path("link").isIntegralNumber() ? links.get(in.get("link").asLong()) : null;
                if (l != null) {
                    inputs.put(name, JsonNodeFactory.instance.arrayNode().add(l.nodeId()).add(l.slot()));
                }
            }
            String title = n.path("title").isTextual() ? n.get("title").asText() : null;
            nodes.add(new ComfyGraph.Node(n.get("id").asText(), type, title, inputs, mode == MODE_BYPASSED));
        }
        return nodes.isEmpty() ? null : new ComfyGraph(nodes);
    }

    /** Link id → source node and slot; both the array form and the newer object form. */
    private static Map<Long, ComfyGraph.Link> links(JsonNode links) {
        Map<Long, ComfyGraph.Link> map = new HashMap<>();
        if (links == null || !links.isArray()) {
            return map;
        }
        for (JsonNode l : links) {
            if (l.isArray() && l.size() >= 3 && l.get(0).isIntegralNumber()) {
                map.put(l.get(0).asLong(), new ComfyGraph.Link(l.get(1).asText(), l.get(2).asInt()));
            } else if (l.isObject() && l.path("id").isIntegralNumber()) {
                map.put(l.get("id").asLong(),
                        new ComfyGraph.Link(l.path("origin_id").asText(), l.path("origin_slot").asInt()));
            }
        }
        return map;
    }

    private static Map<String, JsonNode> widgetInputs(String type, JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode values = node.get("widgets_values");
        if (values == null) {
            return out;
        }
        if (values.isObject()) {
            values.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
        if (!values.isArray()) {
            return out;
        }
        List<String> names = WIDGETS.get(type);
        if (names == null) {
            names = new ArrayList<>();
            for (JsonNode in : node.path("inputs")) {
                if (in.path("widget").path("name").isTextual()) {
                    names.add(in.path("widget").path("name").asText());
                }
            }
        }
        int name = 0;
        String firstString = null;
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            String key = name < names.size() ? names.get(name) : "widget_" + i;
            name++;
            out.putIfAbsent(key, v);
            if (firstString == null && v.isTextual()) {
                firstString = v.asText();
            }
            if (SEED_WIDGETS.contains(key) && i + 1 < values.size() && isControl(values.get(i + 1))) {
                i++;
            }
        }
        // An unknown custom text node: its first string widget is most likely the text.
        if (!WIDGETS.containsKey(type) && firstString != null && !out.containsKey("text") && textLike(type)) {
            out.put("text", JsonNodeFactory.instance.textNode(firstString));
        }
        return out;
    }

    private static boolean isControl(JsonNode v) {
        return v.isBoolean() || (v.isTextual() && CONTROL_VALUES.contains(v.asText()));
    }

    private static boolean textLike(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("textencode") || t.contains("prompt") || t.contains("text") || t.contains("string");
    }
}
