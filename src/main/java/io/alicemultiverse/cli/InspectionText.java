package io.alicemultiverse.cli;

import io.alicemultiverse.metadata.Generation;
import io.alicemultiverse.metadata.Inspection;
import io.alicemultiverse.metadata.Lora;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an {@link Inspection} as a readable block for the terminal. Stateless. */
final class InspectionText {
    private static final int LONG_VALUE = 400;

    private InspectionText() {
    }

    static void write(Inspection i, boolean raw, PrintWriter out) {
        Generation g = i.generation();
        out.println(TerminalText.printable(i.path()));
        String size = i.width() == null ? "" : " " + i.width() + "×" + i.height();
        line(out, "format", i.format().id() + size);
        if (i.error() != null) {
            line(out, "error", i.error());
            out.println();
            return;
        }
        String ai = i.aiGenerated() == null ? "" : i.aiGenerated() ? " (AI-generated)" : " (not AI-generated)";
        line(out, "source", g.source().id() + ai);
        line(out, "prompt", g.prompt());
        for (String p : g.prompts().stream().skip(1).toList()) {
            line(out, "prompt+", p);
        }
        line(out, "negative", g.negative());
        for (String p : g.negatives().stream().skip(1).toList()) {
            line(out, "negative+", p);
        }
        List<String> params = new ArrayList<>();
        add(params, "steps", g.steps());
        add(params, "sampler", g.sampler());
        add(params, "scheduler", g.scheduler());
        add(params, "cfg", g.cfgScale());
        if (!g.seeds().isEmpty()) {
            params.add((g.seeds().size() == 1 ? "seed " : "seeds ")
                    + g.seeds().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (g.width() != null) {
            params.add("size " + g.width() + "×" + g.height());
        }
        line(out, "params", params.isEmpty() ? null : String.join(" · ", params));
        line(out, "model", g.models().size() > 1 ? String.join(", ", g.models()) : g.model());
        line(out, "model hash", g.modelHash());
        if (!g.loras().isEmpty()) {
            line(out, "loras", g.loras().stream().map(InspectionText::lora).collect(Collectors.joining(", ")));
        }
        for (Map.Entry<String, Object> e : g.extra().entrySet()) {
            line(out, e.getKey(), String.valueOf(e.getValue()));
        }
        if (i.c2pa() != null) {
            line(out, "c2pa", i.c2pa().toMap().toString());
        }
        for (Map.Entry<String, Object> e : i.video().entrySet()) {
            line(out, e.getKey(), String.valueOf(e.getValue()));
        }
        for (String w : i.warnings()) {
            line(out, "warning", w);
        }
        if (raw) {
            for (Map.Entry<String, String> e : i.raw().entrySet()) {
                line(out, "raw " + e.getKey(), e.getValue());
            }
        }
        out.println();
    }

    private static String lora(Lora l) {
        return l.weight() == null ? l.name() : l.name() + ":" + l.weight();
    }

    private static void add(List<String> params, String name, Object value) {
        if (value != null) {
            params.add(name + " " + value);
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = TerminalText.printable(value);
        v = v.length() > LONG_VALUE && !label.startsWith("raw") && !label.startsWith("prompt")
                && !label.startsWith("negative") ? v.substring(0, LONG_VALUE) + "…" : v;
        v = v.replace("\n", "\n" + " ".repeat(14));
        out.printf("  %-11s %s%n", TerminalText.printable(label), v);
    }
}
