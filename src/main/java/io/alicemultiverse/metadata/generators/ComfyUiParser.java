package io.alicemultiverse.metadata.generators;

import com.fasterxml.jackson.databind.JsonNode;
import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.RawMetadata;
import io.alicemultiverse.metadata.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ComfyUI graphs: the API graph in the {@code prompt} text entry (what was executed) and the UI graph in
 * {@code workflow} (what the editor showed). The API graph is read when it has a sampler, else the workflow.
 * Seeds come from every sampler in node-id order; steps, sampler, scheduler and CFG from the first; prompts and
 * models from walking each sampler's inputs back to text encoders and loaders (see {@link ComfyTrace}).
 * Container readers put WebP EXIF and video tags under the same two keys; a graph anywhere else is found by its
 * shape. Stateless and thread-safe.
 */
final class ComfyUiParser implements GeneratorParser {
    private static final int MAX_UNWRAP = 3;

    @Override
    public Optional<Generation> parse(RawMetadata raw) {
        Found found = find(raw);
        if (found == null) {
            return Optional.empty();
        }
        Generation.Builder b = Generation.builder(Source.COMFYUI);
        read(found.graph(), b);
        b.extra("found_in", found.where());
        return Optional.of(b.build());
    }

    /** A graph and the entry it was read from (null for the usual {@code prompt} entry). */
    record Found(ComfyGraph graph, String where) {
    }

    /**
     * The graph to read in this file: the API graph in {@code prompt} when it has a sampler, else the UI graph in
     * {@code workflow}; failing both, an API graph recognised by its shape in any other text entry (Civitai's
     * UserComment, a custom save node's field). Null when the file holds none.
     */
    static Found find(RawMetadata raw) {
        JsonNode prompt = Json.parse(raw.getIgnoreCase("prompt"));
        JsonNode workflow = null;
        // Either entry may hold either graph, sometimes wrapped: accept what is there, preferring the usual place.
        ComfyGraph api = graph(prompt, ComfyGraph::fromApi, "prompt", 0);
        if (api == null) {
            workflow = Json.parse(raw.getIgnoreCase("workflow"));
            api = graph(workflow, ComfyGraph::fromApi, "prompt", 0);
        }
        ComfyGraph ui = null;
        if (api == null || samplers(api).isEmpty()) { // the editor's graph (usually the larger) only when needed
            if (workflow == null) {
                workflow = Json.parse(raw.getIgnoreCase("workflow"));
            }
            ui = graph(workflow, ComfyWorkflow::toGraph, "workflow", 0);
            if (ui == null) {
                ui = graph(prompt, ComfyWorkflow::toGraph, "workflow", 0);
            }
        }
        if (api != null && (!samplers(api).isEmpty() || ui == null || samplers(ui).isEmpty())) {
            return new Found(api, null);
        } else if (ui != null) {
            return new Found(ui, "workflow");
        }
        return byShape(raw);
    }

    /** Traces every sampler of {@code graph} into {@code b}; what no sampler reaches comes from a scan of nodes. */
    static void read(ComfyGraph graph, Generation.Builder b) {
        ComfyTrace trace = new ComfyTrace(graph, b);
        List<ComfyGraph.Node> samplers = samplers(graph);
        for (int i = 0; i < samplers.size(); i++) {
            trace.sampler(samplers.get(i), i == 0);
        }
        Generation sofar = b.build();
        if (sofar.prompts().isEmpty() || sofar.models().isEmpty()) {
            trace.fallback(sofar.prompts().isEmpty() && sofar.negatives().isEmpty(), sofar.models().isEmpty());
        }
    }

    /** An API graph in any other text entry, recognised by nodes with a {@code class_type}. */
    private static Found byShape(RawMetadata raw) {
        for (Map.Entry<String, String> e : raw.text().entrySet()) {
            String v = e.getValue();
            if (v.length() > 20 && v.contains("\"class_type\"") && v.stripLeading().startsWith("{")) {
                ComfyGraph g = graph(Json.parse(v), ComfyGraph::fromApi, "prompt", 0);
                if (g != null) {
                    return new Found(g, e.getKey());
                }
            }
        }
        return null;
    }

    /** The graph {@code reader} finds in this JSON, also when it is wrapped in an object or a JSON string. */
    private static ComfyGraph graph(JsonNode json, Function<JsonNode, ComfyGraph> reader, String wrapper,
                                    int depth) {
        if (json == null || depth > MAX_UNWRAP) {
            return null;
        }
        if (json.isTextual()) {
            return graph(Json.parse(json.asText()), reader, wrapper, depth + 1);
        }
        ComfyGraph g = reader.apply(json);
        if (g == null && json.isObject() && json.has(wrapper)) {
            return graph(json.get(wrapper), reader, wrapper, depth + 1);
        }
        return g;
    }

    private static List<ComfyGraph.Node> samplers(ComfyGraph graph) {
        List<ComfyGraph.Node> out = new ArrayList<>();
        for (ComfyGraph.Node n : graph.nodes()) {
            if (ComfyTrace.isSampler(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
