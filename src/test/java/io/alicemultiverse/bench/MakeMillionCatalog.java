package io.alicemultiverse.bench;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.library.PromptTags;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Fills a catalog with {@code N} made-up assets fast, for issue 19's 1,000,000-asset search targets
 * ({@code bench/pg-million.sh}): writes them once as two gzipped CSV files (assets, tags), then loads those with
 * PostgreSQL's {@code COPY … FROM STDIN} or DuckDB's {@code read_csv}, so both backends hold the same rows. The schema
 * (with its indexes) is made first by {@link Catalog#open}, which also records the catalog in the library.
 *
 * <p>The rows aim at a real collection's shape rather than a uniform one: a prompt of its own on nearly every asset
 * (subject, place, style, details, sometimes a camera), 20 sources with a few dominant ones, each source's own models,
 * 40 projects with a long tail, dates over three years with more recent months fuller, prompt tags as organize
 * stores them ({@link PromptTags}: one per comma phrase, plus the model), understanding tags on a fifth of the assets,
 * a few percent videos. Deterministic for a given N.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeMillionCatalog \
 *     LIBRARY 1000000 postgresql://alice@127.0.0.1:5432/bench CSV_DIR
 * java -cp … io.alicemultiverse.bench.MakeMillionCatalog LIBRARY 1000000 duckdb CSV_DIR
 * </pre>
 */
public final class MakeMillionCatalog {
    /** Sources and their weights (the first few make most of a real collection). */
    private static final String[] SOURCES = {"comfyui", "midjourney", "automatic1111", "flux", "forge", "fooocus",
            "invokeai", "openai", "leonardo", "ideogram", "firefly", "google", "novelai", "swarmui", "civitai",
            "tensorart", "drawthings", "kling", "runway", "luma"};
    private static final int[] SOURCE_WEIGHTS = {22, 18, 12, 8, 6, 5, 4, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1};
    private static final Map<String, String[]> MODELS = Map.ofEntries(
            Map.entry("comfyui", new String[]{"flux1-dev", "sd_xl_base_1.0", "juggernautXL_v9", "ponyDiffusionV6XL",
                    "sd3.5_large", "realvisxlV40"}),
            Map.entry("midjourney", new String[]{"midjourney v6", "midjourney v6.1", "niji 6"}),
            Map.entry("automatic1111", new String[]{"dreamshaper_8", "realisticVision_v51", "v1-5-pruned-emaonly",
                    "sd_xl_base_1.0", "deliberate_v3"}),
            Map.entry("flux", new String[]{"flux1-dev", "flux1-schnell", "flux1.1-pro"}),
            Map.entry("forge", new String[]{"flux1-dev", "juggernautXL_v9", "animagineXL_v31"}),
            Map.entry("fooocus", new String[]{"juggernautXL_v8", "sd_xl_base_1.0"}),
            Map.entry("invokeai", new String[]{"sd_xl_base_1.0", "dreamshaper_8"}),
            Map.entry("openai", new String[]{"dall-e-3", "gpt-image-1"}),
            Map.entry("leonardo", new String[]{"leonardo phoenix", "leonardo kino xl"}),
            Map.entry("ideogram", new String[]{"ideogram v2"}),
            Map.entry("firefly", new String[]{"firefly image 3"}),
            Map.entry("google", new String[]{"imagen 3", "imagen 4"}),
            Map.entry("novelai", new String[]{"nai diffusion anime v3"}),
            Map.entry("swarmui", new String[]{"sd3.5_large", "flux1-dev"}),
            Map.entry("civitai", new String[]{"ponyDiffusionV6XL", "juggernautXL_v9"}),
            Map.entry("tensorart", new String[]{"sd_xl_base_1.0"}),
            Map.entry("drawthings", new String[]{"sd_xl_base_1.0", "flux1-schnell"}),
            Map.entry("kling", new String[]{"kling v1.6"}),
            Map.entry("runway", new String[]{"gen-3 alpha turbo"}),
            Map.entry("luma", new String[]{"ray2"}));
    private static final List<String> VIDEO_SOURCES = List.of("kling", "runway", "luma");

    private static final String[] SUBJECTS = {"portrait of a woman", "old man with a beard", "red fox", "white cat",
            "black dog", "medieval castle", "lighthouse", "space station", "sailing ship", "samurai warrior", "robot",
            "dragon", "forest cabin", "city street", "mountain lake", "desert oasis", "bowl of ramen", "vintage car",
            "owl", "jellyfish", "astronaut", "knight in armor", "wizard", "butterfly", "waterfall", "steampunk airship",
            "koi pond", "ballerina", "tiger", "cathedral", "greenhouse", "mecha", "hummingbird", "bonsai tree",
            "cottage", "whale", "street food stall", "ice cream cone", "skyscraper", "ancient ruins"};
    private static final String[] PLACES = {"on a rooftop", "in a meadow", "by the sea", "in a library", "on mars",
            "in a cave", "at a market", "on a bridge", "in the desert", "in a temple", "on a train", "in the jungle",
            "under a bridge", "in a greenhouse", "at the harbor", "in a snowy forest", "on a cliff", "in a cafe",
            "in tokyo", "in paris", "on the moon", "in a swamp", "at a festival", "in a subway"};
    private static final String[] STYLES = {"cyberpunk", "watercolor", "oil painting", "photorealistic", "anime",
            "pixel art", "art nouveau", "low poly", "studio ghibli style", "film noir", "vaporwave", "ukiyo-e",
            "charcoal sketch", "3d render", "baroque", "impressionism", "concept art", "isometric", "synthwave",
            "claymation"};
    private static final String[] WORDS = {"crimson", "amber", "teal", "ivory", "obsidian", "silver", "emerald",
            "misty", "ancient", "futuristic", "tiny", "giant", "lonely", "festive", "quiet", "stormy", "frozen",
            "glowing", "ruined", "floating", "hidden", "wild", "sleepy", "curious", "majestic", "broken", "gilded",
            "overgrown", "distant", "shimmering"};
    private static final String[] DETAILS = {"neon lights", "golden hour", "dramatic clouds", "rain", "snow",
            "soft lighting", "bokeh", "volumetric fog", "highly detailed", "8k", "sharp focus", "at night", "sunset",
            "underwater", "in a storm", "cinematic", "pastel colors", "moody", "smiling", "close-up", "wide angle",
            "rim light", "backlit", "long exposure", "depth of field"};
    private static final String[] CAMERAS = {"35mm film", "shot on kodak portra 400", "85mm lens", "f/1.8",
            "polaroid", "drone shot", "macro photography", "tilt-shift", "fisheye lens", "medium format"};
    private static final String[] OBJECTS = {"person", "sky", "tree", "building", "water", "animal", "vehicle",
            "mountain", "flower", "food", "text", "night", "indoor", "outdoor", "face", "hand", "cloud", "road"};
    private static final int PROJECTS = 40;
    private static final LocalDateTime START = LocalDateTime.of(2023, 12, 1, 0, 0);
    private static final long MINUTES = 3L * 365 * 24 * 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The assets' columns as written, in order. */
    static final String ASSET_COLUMNS = "content_hash, path, media_type, format, width, height, duration, bytes, "
            + "mtime, source, ai_generated, project, created_at, organized_at, prompt, model, params, raw, run";
    static final String TAG_COLUMNS = "content_hash, tag, category, origin, confidence";

    private MakeMillionCatalog() {
    }

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        CatalogUrl url = args[2].equals("duckdb") ? CatalogUrl.duckdb() : CatalogUrl.parse(args[2], System.getenv());
        Path csv = Path.of(args[3]);
        Path assets = csv.resolve("assets-" + n + ".csv.gz");
        Path tags = csv.resolve("tags-" + n + ".csv.gz");
        long started = System.nanoTime();
        if (!Files.exists(tags)) {
            Files.createDirectories(csv);
            write(n, assets, tags);
            System.out.printf("%,d assets written as CSV in %.0f s%n", n, seconds(started));
        }
        try (Catalog c = Catalog.open(library, url)) { // the schema, and the library pointed at it
            if (c.assetCount() > 0) {
                throw new IllegalStateException("the catalog of " + library + " is not empty");
            }
        }
        long load = System.nanoTime();
        if (url.isPostgres()) {
            loadPostgres(args[2], assets, tags);
        } else {
            loadDuckDb(library.resolve(".alice").resolve("catalog.duckdb"), assets, tags);
        }
        System.out.printf("loaded into %s in %.0f s%n", url.isPostgres() ? "PostgreSQL" : "DuckDB", seconds(load));
        try (Catalog c = Catalog.open(library, url)) {
            System.out.println(c.assetCount() + " assets in " + c.location());
        }
    }

    /** Writes the assets' and their tags' rows as CSV (NULL as an empty unquoted field). */
    static void write(int n, Path assets, Path tags) throws IOException {
        MessageDigest sha = sha256();
        try (Writer a = gzip(assets); Writer t = gzip(tags)) {
            StringBuilder row = new StringBuilder(512);
            for (int i = 0; i < n; i++) {
                Random r = new Random(19_000_003L * i + 7);
                String hash = HexFormat.of().formatHex(sha.digest(("million-" + i).getBytes(StandardCharsets.UTF_8)));
                String source = pick(r, SOURCES, SOURCE_WEIGHTS);
                String[] models = MODELS.get(source);
                String model = models[Math.min(models.length - 1, (int) (models.length * r.nextDouble() * r.nextDouble()))];
                boolean video = VIDEO_SOURCES.contains(source);
                String project = "project-" + (int) (PROJECTS * Math.pow(r.nextDouble(), 2.5));
                // more recent months are fuller: a collection grows
                LocalDateTime created = START.plusMinutes((long) (MINUTES * Math.sqrt(r.nextDouble())));
                String prompt = prompt(r);
                String path = created.toLocalDate() + "/" + project + "/" + source + "/" + project + "-"
                        + String.format(Locale.ROOT, "%07d", i) + (video ? ".mp4" : ".png");
                row.setLength(0);
                row.append(hash).append(',').append(path).append(',').append(video ? "video" : "image").append(',')
                        .append(video ? "mp4" : "png").append(',').append(video ? 1280 : 1024).append(',')
                        .append(video ? 720 : 1024).append(',').append(video ? "5.0" : "").append(',')
                        .append(video ? 4_000_000 + r.nextInt(8_000_000) : 800_000 + r.nextInt(2_000_000)).append(',')
                        .append(created.toEpochSecond(java.time.ZoneOffset.UTC) * 1000).append(',')
                        .append(source).append(",true,").append(project).append(',').append(TIME.format(created))
                        .append(',').append(TIME.format(created.plusMinutes(5 + r.nextInt(60 * 24)))).append(',');
                quoted(row, prompt).append(',');
                quoted(row, model).append(",\"{}\",\"{}\",synthetic\n");
                a.append(row);
                for (String phrase : PromptTags.phrases(prompt)) {
                    tag(t, row, hash, phrase, "prompt", "prompt");
                }
                tag(t, row, hash, model.toLowerCase(Locale.ROOT), "model", "prompt");
                if (r.nextInt(5) == 0) { // understood by a vision model
                    for (int k = 0; k < 3; k++) {
                        tag(t, row, hash, OBJECTS[r.nextInt(OBJECTS.length)], "object", "understanding");
                    }
                }
            }
        }
    }

    /** A prompt of its own: subject in a place, a style, two details (one with a word before it), maybe a camera. */
    private static String prompt(Random r) {
        StringBuilder p = new StringBuilder(160);
        p.append(WORDS[r.nextInt(WORDS.length)]).append(' ').append(SUBJECTS[r.nextInt(SUBJECTS.length)]).append(' ')
                .append(PLACES[r.nextInt(PLACES.length)]).append(", ").append(STYLES[r.nextInt(STYLES.length)])
                .append(", ").append(WORDS[r.nextInt(WORDS.length)]).append(' ')
                .append(DETAILS[r.nextInt(DETAILS.length)]).append(", ").append(DETAILS[r.nextInt(DETAILS.length)]);
        if (r.nextBoolean()) {
            p.append(", ").append(CAMERAS[r.nextInt(CAMERAS.length)]);
        }
        if (r.nextInt(4) == 0) {
            p.append(", ").append(DETAILS[r.nextInt(DETAILS.length)]);
        }
        return p.toString();
    }

    private static void tag(Writer t, StringBuilder row, String hash, String tag, String category, String origin)
            throws IOException {
        row.setLength(0);
        row.append(hash).append(',');
        quoted(row, tag).append(',').append(category).append(',').append(origin).append(",\n");
        t.append(row);
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        return b.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static String pick(Random r, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static void loadPostgres(String url, Path assets, Path tags) throws SQLException, IOException {
        try (Connection c = jdbc(url)) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (InputStream in = gunzip(assets)) {
                copy.copyIn("COPY assets (" + ASSET_COLUMNS + ") FROM STDIN WITH (FORMAT csv)", in);
            }
            try (InputStream in = gunzip(tags)) {
                copy.copyIn("COPY tags (" + TAG_COLUMNS + ") FROM STDIN WITH (FORMAT csv)", in);
            }
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE changes SET counter = counter + 1");
                s.execute("VACUUM ANALYZE");
            }
        }
    }

    /** A connection to a {@code postgresql://user@host:port/database} catalog URL (no password: a bench cluster). */
    static Connection jdbc(String url) throws SQLException {
        java.net.URI u = java.net.URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
        String user = u.getUserInfo() == null ? "postgres" : u.getUserInfo();
        return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort())
                + u.getPath(), user, null);
    }

    private static void loadDuckDb(Path file, Path assets, Path tags) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO assets (" + ASSET_COLUMNS + ") SELECT * FROM read_csv('" + assets + "', header = false, "
                    + "nullstr = '', quote = '\"', columns = {'h': 'VARCHAR', 'path': 'VARCHAR', 'mt': 'VARCHAR', "
                    + "'f': 'VARCHAR', 'w': 'INTEGER', 'ht': 'INTEGER', 'd': 'DOUBLE', 'b': 'BIGINT', 'm': 'BIGINT', "
                    + "'s': 'VARCHAR', 'ai': 'BOOLEAN', 'p': 'VARCHAR', 'c': 'TIMESTAMP', 'o': 'TIMESTAMP', "
                    + "'pr': 'VARCHAR', 'mo': 'VARCHAR', 'pa': 'VARCHAR', 'raw': 'VARCHAR', 'run': 'VARCHAR'})");
            s.execute("INSERT INTO tags (" + TAG_COLUMNS + ") SELECT * FROM read_csv('" + tags + "', header = false, "
                    + "nullstr = '', quote = '\"', columns = {'h': 'VARCHAR', 't': 'VARCHAR', 'c': 'VARCHAR', "
                    + "'o': 'VARCHAR', 'x': 'DOUBLE'})");
            s.execute("UPDATE changes SET counter = counter + 1");
            s.execute("CHECKPOINT");
        }
    }

    private static Writer gzip(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static InputStream gunzip(Path p) throws IOException {
        return new GZIPInputStream(Files.newInputStream(p), 1 << 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
