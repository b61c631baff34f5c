package io.alicemultiverse.metadata;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a file says about how it was generated. Immutable; every field but {@code source} and the collections may be
 * null when the file does not say. {@code prompt}/{@code negative} are the main prompts; {@code prompts}/
 * {@code negatives} hold every one found (the main one first).
 */
public record Generation(
        Source source,
        String prompt,
        String negative,
        List<String> prompts,
        List<String> negatives,
        Integer steps,
        String sampler,
        String scheduler,
        Double cfgScale,
        List<BigInteger> seeds,
        Integer width,
        Integer height,
        String model,
        List<String> models,
        String modelHash,
        List<Lora> loras,
        Map<String, Object> extra) {

    public Generation {
        Objects.requireNonNull(source, "source");
        prompts = List.copyOf(prompts);
        negatives = List.copyOf(negatives);
        seeds = List.copyOf(seeds);
        models = List.copyOf(models);
        loras = List.copyOf(loras);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static Builder builder(Source source) {
        return new Builder(source);
    }

    /** Collects fields as a parser finds them. Not thread-safe; one per parse. */
    public static final class Builder {
        private Source source;
        private final LinkedHashSet<String> prompts = new LinkedHashSet<>();
        private final LinkedHashSet<String> negatives = new LinkedHashSet<>();
        private final LinkedHashSet<BigInteger> seeds = new LinkedHashSet<>();
        private final LinkedHashSet<String> models = new LinkedHashSet<>();
        private final List<Lora> loras = new ArrayList<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private String prompt;
        private String negative;
        private Integer steps;
        private String sampler;
        private String scheduler;
        private Double cfgScale;
        private Integer width;
        private Integer height;
        private String model;
        private String modelHash;

        private Builder(Source source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder source(Source s) { this.source = Objects.requireNonNull(s); return this; }

        public Source source() { return source; }

        /** Sets the main prompt (if none yet) and adds it to {@code prompts}. Blank text is ignored. */
        public Builder prompt(String text) {
            String t = clean(text);
            if (t != null) {
                if (prompt == null) {
                    prompt = t;
                }
                prompts.add(t);
            }
            return this;
        }

        /** Sets the main negative prompt (if none yet) and adds it to {@code negatives}. Blank text is ignored. */
        public Builder negative(String text) {
            String t = clean(text);
            if (t != null) {
                if (negative == null) {
                    negative = t;
                }
                negatives.add(t);
            }
            return this;
        }

        public Builder steps(Integer v) { if (v != null && steps == null) steps = v; return this; }

        public Builder sampler(String v) { if (sampler == null) sampler = clean(v); return this; }

        public Builder scheduler(String v) { if (scheduler == null) scheduler = clean(v); return this; }

        public Builder cfgScale(Double v) { if (v != null && cfgScale == null) cfgScale = v; return this; }

        public Builder size(Integer w, Integer h) {
            if (width == null && w != null) width = w;
            if (height == null && h != null) height = h;
            return this;
        }

        /** Adds a seed; accepts numbers or numeric text, ignores anything else. */
        public Builder seed(Object v) {
            BigInteger b = Values.toBigInteger(v);
            if (b != null) {
                seeds.add(b);
            }
            return this;
        }

        /** Sets the main model (if none yet) and adds it to {@code models}. */
        public Builder model(String v) {
            String t = clean(v);
            if (t != null) {
                if (model == null) {
                    model = t;
                }
                models.add(t);
            }
            return this;
        }

        public Builder modelHash(String v) { if (modelHash == null) modelHash = clean(v); return this; }

        public Builder lora(String name, Double weight) {
            String n = clean(name);
            if (n != null && loras.stream().noneMatch(l -> l.name().equals(n) && Objects.equals(l.weight(), weight))) {
                loras.add(new Lora(n, weight));
            }
            return this;
        }

        /** Adds an extra parameter; null or blank values are ignored, the first value for a key wins. */
        public Builder extra(String key, Object value) {
            if (key == null || value == null || (value instanceof String s && s.isBlank())) {
                return this;
            }
            extra.putIfAbsent(key, value);
            return this;
        }

        public boolean hasPrompt() { return prompt != null; }

        /**
         * Adds what another record of the same file says, under the same rules: its fields fill only what is still
         * unset, its prompts, seeds, models and LoRAs join the lists after those already found.
         */
        public Builder merge(Generation g) {
            g.prompts().forEach(this::prompt);
            g.negatives().forEach(this::negative);
            steps(g.steps()).sampler(g.sampler()).scheduler(g.scheduler()).cfgScale(g.cfgScale())
                    .size(g.width(), g.height()).modelHash(g.modelHash());
            g.seeds().forEach(this::seed);
            g.models().forEach(this::model);
            g.loras().forEach(l -> lora(l.name(), l.weight()));
            g.extra().forEach(this::extra);
            return this;
        }

        public Generation build() {
            return new Generation(source, prompt, negative, new ArrayList<>(prompts), new ArrayList<>(negatives),
                    steps, sampler, scheduler, cfgScale, new ArrayList<>(seeds), width, height, model,
                    new ArrayList<>(models), modelHash, loras, extra);
        }

        private static String clean(String s) {
            if (s == null) {
                return null;
            }
            String t = s.strip();
            return t.isEmpty() ? null : t;
        }
    }
}
