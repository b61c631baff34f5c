package io.alicemultiverse.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.testsupport.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extended ranking evaluation (issue 18): a generated library of several thousand assets whose subject, setting
 * and style are known, and queries that name a category or say it in other words ("sea creatures", "large wild
 * felines", "big cat in winter"): the relevant set is known by construction. nDCG@10 and recall@10 per query kind,
 * for each embedding model and fusion variant, in the same run, next to the committed 72 queries
 * ({@code search-eval.json}). Prints the table; asserts that the shipped configuration keeps its figures. Run alone:
 * {@code mvn -q -o test -Dtest=CategoryEvaluationTest} (add {@code -Deval.variants=all} for every variant).
 */
class CategoryEvaluationTest {
    @TempDir
    Path tmp;

    /** A category: the phrases that belong to it, as they appear in prompts. */
    private static final Map<String, List<String>> SUBJECTS = new LinkedHashMap<>();
    private static final Map<String, List<String>> SETTINGS = new LinkedHashMap<>();

    static {
        SUBJECTS.put("sea", List.of("jellyfish", "octopus", "sea turtle", "humpback whale", "dolphin", "seahorse",
                "manta ray", "clownfish"));
        SUBJECTS.put("bigcat", List.of("tiger", "lion", "snow leopard", "jaguar", "cheetah", "black panther"));
        SUBJECTS.put("vehicle", List.of("vintage motorcycle", "steam locomotive", "red sports car", "pickup truck",
                "double-decker bus", "tram", "racing bicycle", "tractor"));
        SUBJECTS.put("food", List.of("bowl of ramen", "stack of pancakes", "sushi platter", "pepperoni pizza",
                "croissant", "cheeseburger", "fruit tart"));
        SUBJECTS.put("bird", List.of("barn owl", "hummingbird", "flamingo", "bald eagle", "parrot", "peacock"));
        // near misses for the categories above: a tortoise is no sea creature, a house cat no big cat
        SUBJECTS.put("other", List.of("giant tortoise", "tabby cat", "golden retriever", "lighthouse",
                "gothic cathedral", "old fisherman", "ballet dancer", "astronaut", "windmill", "treehouse"));
        SETTINGS.put("night", List.of("at night", "under a starry sky", "by moonlight", "at midnight"));
        SETTINGS.put("winter", List.of("in a snowy forest", "on a frozen lake", "in a blizzard",
                "on a snow-covered mountain"));
        SETTINGS.put("beach", List.of("on a sandy beach", "by the seashore", "on a tropical beach"));
        SETTINGS.put("day", List.of("in a sunflower field at noon", "in a desert at midday", "in a city park on a sunny afternoon",
                "in a misty jungle", "in a victorian library", "in a busy market"));
    }

    private static final String[] STYLES = {"photorealistic", "watercolor", "oil painting", "pixel art", "3d render",
            "ukiyo-e print", "charcoal sketch", "anime", "cinematic still", "low poly"};
    private static final String[] DETAILS = {"golden hour", "volumetric fog", "soft light", "dramatic clouds", "bokeh",
            "35mm", "high contrast", "pastel colors", "muted tones", "sharp focus", "intricate details", "8k",
            "award winning", "wide angle", "macro", "symmetrical composition", "film grain", "vivid colors"};

    /** One generated asset: its prompt and its categories. */
    private record Item(String prompt, String subject, String setting) {
    }

    /** A query, its kind and which items are relevant. */
    private record Query(String text, String kind, Predicate<Item> relevant) {
    }

    private static List<Query> queries() {
        List<Query> q = new ArrayList<>();
        Consumer<Query> add = q::add;
        add.accept(new Query("sea creatures", "category", i -> i.subject.equals("sea")));
        add.accept(new Query("big cat", "category", i -> i.subject.equals("bigcat")));
        add.accept(new Query("vehicles", "category", i -> i.subject.equals("vehicle")));
        add.accept(new Query("food", "category", i -> i.subject.equals("food")));
        add.accept(new Query("birds", "category", i -> i.subject.equals("bird")));
        add.accept(new Query("at night", "category", i -> i.setting.equals("night")));
        add.accept(new Query("winter", "category", i -> i.setting.equals("winter")));
        add.accept(new Query("marine animals", "paraphrase", i -> i.subject.equals("sea")));
        add.accept(new Query("large wild felines", "paraphrase", i -> i.subject.equals("bigcat")));
        add.accept(new Query("means of transport", "paraphrase", i -> i.subject.equals("vehicle")));
        add.accept(new Query("something to eat", "paraphrase", i -> i.subject.equals("food")));
        add.accept(new Query("animals with feathers", "paraphrase", i -> i.subject.equals("bird")));
        add.accept(new Query("nighttime scene", "paraphrase", i -> i.setting.equals("night")));
        add.accept(new Query("snowy landscape", "paraphrase", i -> i.setting.equals("winter")));
        add.accept(new Query("big cat in winter", "compound",
                i -> i.subject.equals("bigcat") && i.setting.equals("winter")));
        add.accept(new Query("sea creatures at night", "compound",
                i -> i.subject.equals("sea") && i.setting.equals("night")));
        add.accept(new Query("bird on the beach", "compound",
                i -> i.subject.equals("bird") && i.setting.equals("beach")));
        add.accept(new Query("food at night", "compound", i -> i.subject.equals("food") && i.setting.equals("night")));
        add.accept(new Query("car in the snow", "compound",
                i -> i.subject.equals("vehicle") && i.setting.equals("winter")));
        return q;
    }

    /** {@code n} items, nearly every prompt different (subject, setting, style and 2–4 details drawn at random). */
    private static List<Item> library(int n, long seed) {
        Random r = new Random(seed);
        List<String> subjectKeys = new ArrayList<>(SUBJECTS.keySet());
        List<String> settingKeys = new ArrayList<>(SETTINGS.keySet());
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String sk = subjectKeys.get(r.nextInt(subjectKeys.size()));
            String tk = settingKeys.get(r.nextInt(settingKeys.size()));
            List<String> subjects = SUBJECTS.get(sk);
            List<String> settings = SETTINGS.get(tk);
            StringBuilder p = new StringBuilder(subjects.get(r.nextInt(subjects.size()))).append(", ")
                    .append(settings.get(r.nextInt(settings.size()))).append(", ")
                    .append(STYLES[r.nextInt(STYLES.length)]);
            for (int d = 2 + r.nextInt(3); d > 0; d--) {
                p.append(", ").append(DETAILS[r.nextInt(DETAILS.length)]);
            }
            out.add(new Item(p.toString(), sk, tk));
        }
        return out;
    }

    /** A ranking configuration: which model, how lexical and semantic scores meet. */
    private record Variant(String name, Supplier<TextEmbedder> embedder, double weight, boolean rrf, double gap,
                           boolean categories, double generic) {
        Variant(String name, Supplier<TextEmbedder> embedder, double weight, boolean rrf, double gap) {
            this(name, embedder, weight, rrf, gap, true, SearchEngine.GENERIC_SHARE);
        }

        Variant(String name, Supplier<TextEmbedder> embedder, double weight, boolean rrf, double gap,
                boolean categories) {
            this(name, embedder, weight, rrf, gap, categories, SearchEngine.GENERIC_SHARE);
        }
    }

    @Test
    void categoryAndParaphraseQueriesOverAGeneratedLibrary() throws IOException {
        List<Item> items = library(4_000, 18);
        List<Query> queries = queries();
        JsonNode eval;
        try (InputStream in = getClass().getResourceAsStream("/search-eval.json")) {
            eval = new ObjectMapper().readTree(in);
        }
        boolean all = "all".equals(System.getProperty("eval.variants"));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("minilm blend 0.1 (shipped)", MiniLmEmbedder::new, 0.1, false, SearchEngine.RELEVANCE_GAP));
        if (all || Boolean.getBoolean("eval.before")) {
            variants.add(new Variant("minilm, no category words", MiniLmEmbedder::new, 0.1, false,
                    SearchEngine.RELEVANCE_GAP, false));
        }
        String generic = System.getProperty("eval.generic");
        for (String g : generic == null ? new String[0] : generic.split(",")) {
            variants.add(new Variant("minilm, generic share " + g, MiniLmEmbedder::new, 0.1, false,
                    SearchEngine.RELEVANCE_GAP, true, Double.parseDouble(g)));
        }
        if (all) {
            variants.add(new Variant("minilm blend 0.1, no floor", MiniLmEmbedder::new, 0.1, false, Double.MAX_VALUE,
                    true, 0));
            variants.add(new Variant("minilm blend 0.3", MiniLmEmbedder::new, 0.3, false, SearchEngine.RELEVANCE_GAP));
            variants.add(new Variant("minilm rrf", MiniLmEmbedder::new, 0.1, true, Double.MAX_VALUE));
            variants.add(new Variant("minilm, query 'a picture of …'", () -> new PrefixedQueries(new MiniLmEmbedder(),
                    "a picture of "), 0.1, false, SearchEngine.RELEVANCE_GAP));
            variants.add(new Variant("bge-small blend 0.1", BgeSmallEmbedder::new, 0.1, false, SearchEngine.RELEVANCE_GAP));
            variants.add(new Variant("bge-small blend 0.3", BgeSmallEmbedder::new, 0.3, false, SearchEngine.RELEVANCE_GAP));
            variants.add(new Variant("bge-small rrf", BgeSmallEmbedder::new, 0.1, true, Double.MAX_VALUE));
        }
        Path generated = tmp.resolve("generated");
        Path committed = tmp.resolve("committed");
        Map<String, double[]> shipped = new LinkedHashMap<>();
        try (Catalog gen = Catalog.open(generated); Catalog com = Catalog.open(committed)) {
            List<SyntheticCatalog.Spec> specs = new ArrayList<>();
            LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
            for (int i = 0; i < items.size(); i++) {
                specs.add(new SyntheticCatalog.Spec("cat-" + i, items.get(i).prompt(), "comfyui", "model", "eval",
                        t.plusMinutes(i)));
            }
            List<String> hashes = SyntheticCatalog.write(gen, specs);
            SearchEvaluationTest.Committed c72 = SearchEvaluationTest.Committed.write(com, eval);
            System.out.printf("category evaluation: %d assets (%d distinct prompts), %d queries; committed: %d queries%n",
                    items.size(), items.stream().map(Item::prompt).distinct().count(), queries.size(), c72.queries());
            System.out.printf("%-34s %-22s %-22s %-22s %-16s %s%n", "variant", "category nDCG/R@10",
                    "paraphrase nDCG/R@10", "compound nDCG/R@10", "72: nDCG/R@10", "query embed ms");
            for (Variant v : variants) {
                Map<String, double[]> sums = new LinkedHashMap<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                double[] c;
                double embedMs;
                try (SearchEngine e = engine(gen, generated, v)) {
                    for (Query q : queries) {
                        Set<String> relevant = new HashSet<>();
                        for (int i = 0; i < items.size(); i++) {
                            if (q.relevant().test(items.get(i))) {
                                relevant.add(hashes.get(i));
                            }
                        }
                        double[] m = SearchEvaluationTest.ndcgAndRecall(e, q.text(), relevant, SearchEngine.Mode.HYBRID);
                        if (Boolean.getBoolean("eval.verbose")) {
                            System.out.printf("  %-28s %-26s nDCG %.3f R %.3f  %s%n", v.name(), q.text(), m[0], m[1],
                                    v.categories() ? CategoryWords.shared().expand(q.text()) : "");
                        }
                        double[] s = sums.computeIfAbsent(q.kind(), k -> new double[2]);
                        s[0] += m[0];
                        s[1] += m[1];
                        counts.merge(q.kind(), 1, Integer::sum);
                    }
                    embedMs = embedMillis(v.embedder().get(), queries);
                }
                try (SearchEngine e = engine(com, committed, v)) {
                    c = c72.measure(e, SearchEngine.Mode.HYBRID);
                }
                StringBuilder line = new StringBuilder(String.format("%-34s", v.name()));
                for (String kind : List.of("category", "paraphrase", "compound")) {
                    double[] s = sums.get(kind);
                    line.append(String.format(" %.3f / %.3f          ", s[0] / counts.get(kind), s[1] / counts.get(kind)));
                    if (v == variants.get(0)) {
                        shipped.put(kind, new double[]{s[0] / counts.get(kind), s[1] / counts.get(kind)});
                    }
                }
                line.append(String.format(" %.3f / %.3f    %.1f", c[0], c[1], embedMs));
                System.out.println(line);
                if (v == variants.get(0)) {
                    shipped.put("committed", c);
                }
            }
        }
        // the shipped configuration keeps what was measured for it (docs/benchmarks.md, issue 18), with a margin
        assertThat(shipped.get("committed")[1]).isGreaterThanOrEqualTo(0.95);
        // 0.857 and 0.874 before the categories' kinds were named (CategoryWords): at least 10 % over that
        // (measured: 1.000 and 0.980; compound 0.911 from 0.713)
        assertThat(shipped.get("category")[0]).isGreaterThanOrEqualTo(0.943);
        assertThat(shipped.get("paraphrase")[0]).isGreaterThanOrEqualTo(0.961);
    }

    private static SearchEngine engine(Catalog c, Path dir, Variant v) {
        SearchEngine e = new SearchEngine(c, dir, v.embedder());
        e.lexicalWeight = v.weight();
        e.rankFusion = v.rrf();
        e.relevanceGap = v.gap();
        e.genericShare = v.generic();
        if (!v.categories()) {
            e.categories = () -> CategoryWords.NONE;
        }
        return e;
    }

    /** Mean milliseconds to embed one query (after a warm-up), for the table: a hint, not the latency target. */
    private static double embedMillis(TextEmbedder e, List<Query> queries) {
        for (Query q : queries) {
            e.embed(q.text());
        }
        long start = System.nanoTime();
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (Query q : queries) {
                e.embed(q.text() + " " + round);
                n++;
            }
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    /** An embedder whose queries get a prefix (documents are embedded as they are, so stored vectors are shared). */
    private record PrefixedQueries(TextEmbedder inner, String prefix) implements TextEmbedder {
        @Override
        public String model() {
            return inner.model();
        }

        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public float[] embed(String text) {
            return inner.embed(prefix + text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return inner.embedAll(texts);
        }
    }
}
