package io.alicemultiverse.testsupport;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.library.PromptTags;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Writes made-up assets straight into a catalog (no files), for search benchmarks and the ranking evaluation:
 * prompts from a vocabulary, sources, models, projects, dates and prompt tags as organizing would store them.
 */
public final class SyntheticCatalog {
    /** One asset to write. */
    public record Spec(String id, String prompt, String source, String model, String project, LocalDateTime createdAt) {
    }

    private static final String[] SUBJECTS = {"portrait of a woman", "old man with a beard", "red fox", "white cat",
            "black dog", "medieval castle", "lighthouse", "space station", "sailing ship", "samurai warrior",
            "robot", "dragon", "forest cabin", "city street", "mountain lake", "desert oasis", "bowl of ramen",
            "vintage car", "owl", "jellyfish", "astronaut", "knight in armor", "wizard", "butterfly", "waterfall"};
    private static final String[] STYLES = {"cyberpunk", "watercolor", "oil painting", "photorealistic", "anime",
            "pixel art", "art nouveau", "low poly", "studio ghibli style", "film noir", "vaporwave", "ukiyo-e",
            "charcoal sketch", "3d render", "baroque"};
    private static final String[] DETAILS = {"neon lights", "golden hour", "dramatic clouds", "rain", "snow",
            "soft lighting", "bokeh", "volumetric fog", "highly detailed", "8k", "sharp focus", "at night",
            "sunset", "underwater", "in a storm", "cinematic", "pastel colors", "moody", "smiling", "close-up"};
    private static final String[] SOURCES = {"automatic1111", "comfyui", "midjourney", "flux", "fooocus", "invokeai"};
    private static final String[] MODELS = {"sd_xl_base_1.0", "flux1-dev", "juggernautXL_v9", "dreamshaper_8",
            "realisticVision_v51", "ponyDiffusionV6XL", "midjourney v6"};
    private static final String[] PROJECTS = {"client-acme", "personal", "uncategorized", "book-cover", "game-assets"};

    private SyntheticCatalog() {
    }

    /** {@code n} assets drawn from the vocabulary with {@code distinctPrompts} different prompts, dated over two years. */
    public static List<Spec> generate(int n, int distinctPrompts, long seed) {
        Random r = new Random(seed);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < distinctPrompts; i++) {
            prompts.add(SUBJECTS[r.nextInt(SUBJECTS.length)] + ", " + STYLES[r.nextInt(STYLES.length)] + ", "
                    + DETAILS[r.nextInt(DETAILS.length)] + ", " + DETAILS[r.nextInt(DETAILS.length)]);
        }
        LocalDateTime start = LocalDateTime.of(2025, 1, 1, 0, 0);
        List<Spec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Spec("synthetic-" + seed + "-" + i, prompts.get(r.nextInt(prompts.size())),
                    SOURCES[r.nextInt(SOURCES.length)], MODELS[r.nextInt(MODELS.length)],
                    PROJECTS[r.nextInt(PROJECTS.length)], start.plusMinutes(r.nextInt(2 * 365 * 24 * 60))));
        }
        return out;
    }

    private static final String[] EXTRA = {"crimson", "amber", "teal", "ivory", "obsidian", "silver", "emerald",
            "misty", "ancient", "futuristic", "tiny", "giant", "lonely", "festive", "quiet", "stormy", "frozen",
            "glowing", "ruined", "floating", "hidden", "wild", "sleepy", "curious", "majestic", "broken", "gilded",
            "overgrown", "distant", "shimmering"};
    private static final String[] PLACES = {"on a rooftop", "in a meadow", "by the sea", "in a library", "on mars",
            "in a cave", "at a market", "on a bridge", "in the desert", "in a temple", "on a train", "in the jungle",
            "under a bridge", "in a greenhouse", "at the harbor", "in a snowy forest", "on a cliff", "in a cafe"};

    /**
     * {@code n} assets numbered from {@code from}, each with a prompt of its own as in a real inbox: the vocabulary's
     * subject, style and details plus two descriptive words, a place and the asset's number, over three years.
     * Deterministic per number, so parts can be generated one after another.
     */
    public static List<Spec> generateDistinct(int from, int n, long seed) {
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        List<Spec> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            Random r = new Random(seed * 1_000_003L + i);
            String prompt = EXTRA[r.nextInt(EXTRA.length)] + " " + SUBJECTS[r.nextInt(SUBJECTS.length)] + " "
                    + PLACES[r.nextInt(PLACES.length)] + ", " + STYLES[r.nextInt(STYLES.length)] + ", "
                    + EXTRA[r.nextInt(EXTRA.length)] + " " + DETAILS[r.nextInt(DETAILS.length)] + ", "
                    + DETAILS[r.nextInt(DETAILS.length)] + ", variation " + i;
            out.add(new Spec("synthetic-" + seed + "-" + i, prompt, SOURCES[r.nextInt(SOURCES.length)],
                    MODELS[r.nextInt(MODELS.length)], PROJECTS[r.nextInt(PROJECTS.length)],
                    start.plusMinutes(r.nextInt(3 * 365 * 24 * 60))));
        }
        return out;
    }

    /** Writes {@code specs} in batches of 5,000; returns the content hashes in order. */
    public static List<String> write(Catalog catalog, List<Spec> specs) {
        List<String> hashes = new ArrayList<>(specs.size());
        CatalogBatch batch = new CatalogBatch();
        int inBatch = 0;
        for (Spec s : specs) {
            String hash = sha256(s.id());
            hashes.add(hash);
            List<AssetRecord.Tag> tags = new ArrayList<>();
            for (String p : PromptTags.phrases(s.prompt())) {
                tags.add(new AssetRecord.Tag(p, "prompt", "prompt", null));
            }
            if (s.model() != null) {
                tags.add(new AssetRecord.Tag(s.model().toLowerCase(java.util.Locale.ROOT), "model", "prompt", null));
            }
            String path = s.createdAt().toLocalDate() + "/" + s.project() + "/" + s.source() + "/" + hash.substring(0, 12) + ".png";
            batch.add(new AssetRecord(hash, path, null, "image", "png", 512, 512, null, 1000, 0, s.source(), true,
                    s.project(), s.createdAt(), s.createdAt(), s.prompt(), null, s.model(), List.of(), "{}", "{}",
                    "synthetic", tags, null, null));
            if (++inBatch == 5_000) {
                catalog.commit(batch);
                batch = new CatalogBatch();
                inBatch = 0;
            }
        }
        catalog.commit(batch);
        return hashes;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
