package io.alicemultiverse.understand;

import io.alicemultiverse.library.PromptTags;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline provider: no key, no network, no cost. Tags come from the generation prompt (as the catalog has it)
 * and from pixels measured on a small subsampled decode ({@link Pixels}): dominant colours named in words,
 * brightness, contrast, saturation, orientation, sharpness (variance of the Laplacian of the grey picture) and a
 * no-reference quality score of 1–5 stars built from sharpness, exposure and contrast. Stateless and thread-safe.
 */
final class LocalAnalyzer implements VisionProvider {
    /** The model id in the cache key; raise it when the measurements or thresholds change. */
    public static final String MODEL = "local-1";
    /** Short side of the decoded sample, in pixels. */
    static final int SIDE = 256;
    private static final int MAX_PROMPT_TAGS = 12;
    private static final String[] STARS = {"1 star", "2 stars", "3 stars", "4 stars", "5 stars"};

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String model() {
        return MODEL;
    }

    /**
     * Nothing is requested: a batch is the images one worker measures before their results are committed together.
     * One catalog transaction per image cost more than measuring it.
     */
    @Override
    public int maxImagesPerRequest() {
        return 16;
    }

    @Override
    public boolean paid() {
        return false;
    }

    @Override
    public Reply analyse(List<ImageInput> images) {
        List<Reply.Outcome> out = new ArrayList<>(images.size());
        for (ImageInput in : images) {
            try {
                out.add(Reply.Outcome.ok(analyse(Pixels.read(in.file(), SIDE), in.prompt())));
            } catch (IOException e) {
                out.add(Reply.Outcome.failed(e.getMessage()));
            }
        }
        return new Reply(out, Usage.NONE);
    }

    /** Measures one decoded picture. */
    static Understanding analyse(Pixels p, String prompt) {
        Measures m = Measures.of(p);
        Map<String, List<String>> tags = new LinkedHashMap<>();
        List<String> subject = PromptTags.phrases(prompt);
        if (!subject.isEmpty()) {
            tags.put("subject", subject.subList(0, Math.min(MAX_PROMPT_TAGS, subject.size())));
        }
        List<String> colour = new ArrayList<>(m.colours());
        colour.add(m.saturation() < 0.06 ? "monochrome" : m.saturation() < 0.2 ? "muted"
                : m.saturation() > 0.55 ? "vivid" : "colourful");
        tags.put("colour", colour);
        String orientation = p.fullWidth() * 10 > p.fullHeight() * 11 ? "landscape"
                : p.fullHeight() * 10 > p.fullWidth() * 11 ? "portrait" : "square";
        tags.put("composition", List.of(orientation));
        List<String> technical = new ArrayList<>();
        String light = m.brightness() < 0.3 ? "dark" : m.brightness() > 0.7 ? "bright" : "balanced exposure";
        technical.add(light);
        technical.add(m.contrast() < 0.1 ? "low contrast" : m.contrast() > 0.28 ? "high contrast" : "medium contrast");
        String focus = m.sharpness() < 1.2 ? "blurry" : m.sharpness() < 2.0 ? "soft" : "sharp";
        technical.add(focus);
        tags.put("technical", technical);
        int stars = m.stars();
        tags.put("quality", List.of(STARS[stars - 1]));
        String description = String.format(Locale.ROOT, "%s %s %s image, mostly %s; %s, %s of 5 stars.",
                capital(light.equals("balanced exposure") ? "evenly lit" : light), String.join(" and ",
                        m.colours().subList(0, Math.min(2, m.colours().size()))), orientation,
                String.join(", ", m.colours()), focus, stars);
        Map<String, Double> measures = new LinkedHashMap<>();
        measures.put("brightness", round(m.brightness()));
        measures.put("contrast", round(m.contrast()));
        measures.put("saturation", round(m.saturation()));
        measures.put("sharpness", round(m.sharpness()));
        measures.put("stars", (double) stars);
        return new Understanding(description, tags, null, null, measures);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
