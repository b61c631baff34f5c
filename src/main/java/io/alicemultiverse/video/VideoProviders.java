package io.alicemultiverse.video;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The video providers alice drives, registered in one place: id, the environment variable holding the key, the
 * default base URL, the client constructor and the default concurrency cap. Keys are read from the environment at
 * the moment a client is made and live only in that client's request headers (or, for Vertex AI, its credentials).
 * {@code google} is Veo: on Vertex AI through the official SDK when {@code GOOGLE_CLOUD_PROJECT} is set, else on the
 * Gemini API with {@code GEMINI_API_KEY} (whose Veo ids were shut down in 2026; see {@link Veo}).
 */
public enum VideoProviders {
    FAL("FAL_KEY", FalQueue.DEFAULT_BASE, 4),
    RUNWAY("RUNWAYML_API_SECRET", Runway.DEFAULT_BASE, 2),
    REPLICATE("REPLICATE_API_TOKEN", Replicate.DEFAULT_BASE, 4),
    LUMA("LUMAAI_API_KEY", null, 2),
    MINIMAX("MINIMAX_API_KEY", MiniMax.DEFAULT_BASE, 2),
    GOOGLE("GEMINI_API_KEY", Veo.DEFAULT_BASE, 2);

    private final String keyVariable;
    private final String defaultBase;
    private final int concurrency;

    VideoProviders(String keyVariable, String defaultBase, int concurrency) {
        this.keyVariable = keyVariable;
        this.defaultBase = defaultBase;
        this.concurrency = concurrency;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String keyVariable() {
        return keyVariable;
    }

    /**
     * The default cap on jobs submitting, queued or running at once: fal never rejects over its account limit (jobs
     * wait IN_QUEUE), Runway's first tiers allow 1–2 concurrent tasks (reference sections 1.7, 3); Google documents
     * 10 requests a minute per project for Vertex Veo and no concurrency figure (2.2), and each clip costs dollars.
     */
    public int concurrency() {
        return concurrency;
    }

    public static VideoProviders of(String id) {
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown video provider '" + id + "'; one of " + ids());
        }
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(VideoProviders::id).toList();
    }

    /**
     * A client for {@code model} on this provider. The base URL is, in order: the job's own ({@code --base-url}),
     * {@code ALICE_<PROVIDER>_BASE_URL} from the environment, the provider's public host.
     *
     * @throws IllegalArgumentException when the key is not in the environment
     */
    public VideoProvider client(String model, String baseUrl, Map<String, String> env, Clock clock) {
        if (this == GOOGLE) { // Vertex AI (project and credentials) or the Gemini API (key), whichever is configured
            return Veo.client(model, baseUrl != null ? baseUrl : env.get("ALICE_GOOGLE_BASE_URL"), env, clock);
        }
        String key = env.get(keyVariable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(id() + " needs its API key in the environment variable " + keyVariable);
        }
        String base = baseUrl != null ? baseUrl : env.getOrDefault("ALICE_" + name() + "_BASE_URL", defaultBase);
        return switch (this) {
            case FAL -> new FalQueue(base, key, clock);
            case RUNWAY -> new Runway(base, key, clock);
            case REPLICATE -> new Replicate(base, key, clock);
            case LUMA -> new Luma(model, base, key, clock);
            case MINIMAX -> new MiniMax(base, key, clock);
            case GOOGLE -> throw new AssertionError("made above");
        };
    }

    /** True when the environment holds none of the credentials {@link #client} needs for this provider. */
    public boolean keyMissing(Map<String, String> env) {
        if (this == GOOGLE) {
            return blank(env.get("GOOGLE_CLOUD_PROJECT")) && blank(env.get("GEMINI_API_KEY"));
        }
        return blank(env.get(keyVariable));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Checks a request's inputs against what the provider and model take, without sending anything. */
    public void validate(VideoRequest r) {
        switch (this) {
            case FAL -> FalQueue.body(r);
            case RUNWAY -> Runway.body(r);
            case REPLICATE -> Replicate.input(r);
            case LUMA -> {
                if (Luma.legacy(r.model())) {
                    Luma.legacyBody(r);
                } else {
                    Luma.agentsBody(r);
                }
            }
            case MINIMAX -> {
                if (MiniMax.v2(r.model())) {
                    MiniMax.v2Body(r);
                } else {
                    MiniMax.v1Body(r);
                }
            }
            case GOOGLE -> Veo.body(r);
        }
    }
}
