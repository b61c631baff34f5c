package io.alicemultiverse.metadata;

import java.util.Locale;
import java.util.Optional;

/** The generator or service that made a file. {@link #UNKNOWN} when nothing says. */
public enum Source {
    AUTOMATIC1111, FORGE, SDNEXT, COMFYUI, FOOOCUS, INVOKEAI, NOVELAI, SWARMUI, EASYDIFFUSION, DRAWTHINGS,
    MIDJOURNEY, OPENAI, FIREFLY, GOOGLE, FLUX, LEONARDO, IDEOGRAM, RUNWAY, KLING, PIKA, LUMA,
    /** Sites and front ends that run another tool but write their own record: named for what wrote the file. */
    CIVITAI, TENSORART, STABILITYMATRIX, HUGGINGFACE,
    // makers of video models that alice generates with (video package): a clip is filed under its maker
    MINIMAX, WAN, HUNYUAN, LTX, UNKNOWN;

    /** The lower-case id used in output, layouts and the catalog, e.g. {@code comfyui}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source with this id, ignoring case. */
    public static Optional<Source> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Source s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
