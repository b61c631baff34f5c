package io.alicemultiverse.catalog;

import java.util.regex.Pattern;

/**
 * A checkpoint's name as counts group it: the model an A1111 file names {@code sd_xl_base_1.0} is the one ComfyUI
 * records as {@code sd_xl_base_1.0.safetensors} or {@code SDXL/sd_xl_base_1.0.safetensors}. The catalog keeps the
 * value each file gave; only counts ({@link Facet#MODEL}, {@code alice stats}) and model filters use the bare name,
 * whatever its case ({@link #key}).
 * Stateless.
 */
public final class ModelName {
    /** A checkpoint file's extension, any case. */
    private static final Pattern EXTENSION =
            Pattern.compile("\\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$", Pattern.CASE_INSENSITIVE);

    private ModelName() {
    }

    /**
     * {@code model} less the folders before its name ({@code /} or {@code \}) and a checkpoint file's extension;
     * {@code model} itself when nothing would be left.
     */
    public static String bare(String model) {
        String m = model.strip();
        int slash = Math.max(m.lastIndexOf('/'), m.lastIndexOf('\\'));
        String name = EXTENSION.matcher(m.substring(slash + 1)).replaceFirst("");
        return name.isBlank() ? model : name;
    }

    /** What spellings of one model share: its bare name in lower case ({@code Juggernaut_XL} is {@code juggernaut_xl}). */
    public static String key(String bare) {
        return bare.toLowerCase(java.util.Locale.ROOT);
    }
}
