package io.alicemultiverse.search;

import io.alicemultiverse.catalog.AssetFilter;
import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.CatalogUrl;
import io.alicemultiverse.catalog.FilterRule;
import io.alicemultiverse.catalog.SearchReads;
import io.alicemultiverse.catalog.UnderstandingRow;
import io.alicemultiverse.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link FilterRule}, alone and with others, keeps the same assets on the warm path ({@link RowCache}'s postings)
 * as on the cold path (the catalog's SQL), on DuckDB and on PostgreSQL, over random catalogs with missing values, ties
 * in time, mixed case and descriptions. Driven by the enum: a new rule is checked here without a line of this test
 * changing (a new field needs its values below, which the compiler asks for).
 */
class FilterRulesAgreeTest {
    private static final String[] SOURCES = {"comfyui", "midjourney", "flux", "ComfyUI", null};
    private static final String[] PROJECTS = {"personal", "client-acme", "Book", null};
    private static final String[] MODELS = {"flux1-dev", "FLUX.1-schnell", "sd_xl_base_1.0", "Juggernaut XL",
            "midjourney v6", null};
    private static final String[] WORDS = {"red", "fox", "Owl", "castle", "neon-lights", "rain,", "golden", "hour",
            "sd_xl", "watercolor", "night", "at", "a", "cat's", "2025", "x", "Ölgemälde", "ÉTÉ"}; // and letters past ASCII
    private static final String[] TAGS = {"rain", "snow", "moody", "Portrait", "red fox", "owl", "Café"};
    private static final String[] DESCRIPTIONS = {"A teal lighthouse at dusk", "Glowing harbour, moody light"};
    private static final int ASSETS = 300;

    @TempDir
    Path tmp;

    /** What a random catalog holds, for drawing filter values that hit some assets and miss others. */
    private record Made(List<AssetRecord> assets, List<LocalDateTime> times) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres", "postgres-en-US"}) // the last compares text by an ICU locale
    void warmAndColdKeepTheSameAssetsForEveryRule(String backend) {
        Set<FilterRule> telling = EnumSet.noneOf(FilterRule.class);
        for (long seed = 1; seed <= 2; seed++) {
            Path lib = tmp.resolve(backend + seed);
            try (Catalog catalog = backend.equals("duckdb") ? Catalog.open(lib)
                    : Catalog.open(lib, CatalogUrl.parse(TestPostgres.newDatabase(
                            backend.endsWith("-en-US") ? "en-US" : null), Map.of()))) {
                Random r = new Random(seed);
                Made made = write(catalog, r);
                RowCache warm = RowCache.load(catalog);
                SearchReads cold = catalog.searchReads();
                for (FilterRule rule : FilterRule.values()) {
                    for (int i = 0; i < 25; i++) {
                        AssetFilter f = rule.with(AssetFilter.ALL, values(rule, made, r));
                        Set<String> kept = agree(warm, cold, f);
                        if (!kept.isEmpty() && kept.size() < ASSETS) {
                            telling.add(rule);
                        }
                    }
                }
                for (int i = 0; i < 60; i++) { // rules together: groups of alternatives, every rule narrowing
                    AssetFilter f = AssetFilter.ALL;
                    for (int k = 0; k < 2 + r.nextInt(3); k++) {
                        FilterRule rule = FilterRule.values()[r.nextInt(FilterRule.values().length)];
                        f = rule.with(f, values(rule, made, r));
                    }
                    agree(warm, cold, f);
                }
            }
        }
        assertThat(telling).as("rules that kept some assets and dropped others at least once")
                .containsExactlyInAnyOrder(FilterRule.values());
    }

    @Test
    void eachRuleReadsBackWhatItWrote() {
        Made made = new Made(List.of(), List.of(LocalDateTime.of(2025, 3, 1, 12, 0)));
        Random r = new Random(3);
        for (FilterRule rule : FilterRule.values()) {
            List<?> v = rule.match().oneValue() ? List.of(values(rule, made, r).get(0)) : List.of("a", "b");
            AssetFilter f = rule.with(AssetFilter.ALL, v);
            assertThat(rule.values(f)).as(rule.name()).isEqualTo(v);
            assertThat(FilterRule.clauses(f)).as(rule.name())
                    .containsExactly(List.of(new FilterRule.Clause(rule, v)));
            assertThat(f.isEmpty()).isFalse();
        }
    }

    /** The assets {@code f} keeps, asserting that the warm and the cold path keep the same. */
    private static Set<String> agree(RowCache warm, SearchReads cold, AssetFilter f) {
        BitSet bits = warm.filter(f);
        Set<String> fromWarm = new HashSet<>();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            fromWarm.add(warm.row(i).hit().contentHash());
        }
        Set<String> fromCold = new HashSet<>();
        cold.page(f, false, 10_000, 0).forEach(found -> fromCold.add(found.contentHash()));
        assertThat(fromWarm).as(f.toString()).isEqualTo(fromCold);
        return fromCold;
    }

    /** Values for {@code rule} drawn from what the catalog holds, now and then one it does not hold. */
    private static List<?> values(FilterRule rule, Made made, Random r) {
        int n = rule.match().oneValue() ? 1 : 1 + r.nextInt(3);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(value(rule.field(), made, r));
        }
        return out;
    }

    private static Object value(FilterRule.Field field, Made made, Random r) {
        boolean absent = r.nextInt(8) == 0;
        return switch (field) {
            case TAG -> absent ? "no such tag" : TAGS[r.nextInt(TAGS.length)];
            case SOURCE -> absent ? "COMFYUI" : nonNull(SOURCES, r);
            case PROJECT -> absent ? "book " : nonNull(PROJECTS, r).toLowerCase(Locale.ROOT);
            case MEDIA_TYPE -> r.nextBoolean() ? "image" : "video";
            case MODEL -> absent ? "zz" : part(nonNull(MODELS, r).toLowerCase(Locale.ROOT), r);
            case CREATED -> absent || made.times().isEmpty() ? LocalDateTime.of(2025, 1, 1, 0, 0).plusHours(r.nextInt(9000))
                    : made.times().get(r.nextInt(made.times().size())); // on a time some assets have: the bound's edge
            case TEXT -> absent || made.assets().isEmpty() ? "zebra" : part(text(made, r), r);
            case WORDS -> AssetText.words(absent ? "zebra" : WORDS[r.nextInt(WORDS.length)].toLowerCase(Locale.ROOT)
                    + (r.nextBoolean() ? "" : " " + WORDS[r.nextInt(WORDS.length)].toLowerCase(Locale.ROOT)));
        };
    }

    /** Lower-case search text of a random asset: its prompt or one of the descriptions. */
    private static String text(Made made, Random r) {
        if (r.nextInt(4) == 0) {
            return DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)].toLowerCase(Locale.ROOT);
        }
        String prompt = made.assets().get(r.nextInt(made.assets().size())).prompt();
        return prompt == null || prompt.length() < 3 ? "owl" : prompt.toLowerCase(Locale.ROOT);
    }

    private static String part(String s, Random r) {
        int from = r.nextInt(Math.max(1, s.length() - 2));
        return s.substring(from, Math.min(s.length(), from + 2 + r.nextInt(6)));
    }

    private static String nonNull(String[] pool, Random r) {
        String v;
        do {
            v = pool[r.nextInt(pool.length)];
        } while (v == null);
        return v;
    }

    private static Made write(Catalog catalog, Random r) {
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // few times, so many assets share one
            times.add(LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(r.nextInt(400_000)).plusNanos(r.nextInt(1000) * 1000L));
        }
        List<AssetRecord> assets = new ArrayList<>();
        CatalogBatch batch = new CatalogBatch();
        for (int i = 0; i < ASSETS; i++) {
            String hash = sha256(r.nextLong() + "-" + i);
            StringBuilder prompt = new StringBuilder();
            for (int w = r.nextInt(7); w > 0; w--) {
                prompt.append(prompt.length() == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            List<AssetRecord.Tag> tags = new ArrayList<>();
            for (String t : TAGS) {
                if (r.nextInt(4) == 0) {
                    tags.add(new AssetRecord.Tag(t, "subject", "prompt", null));
                }
            }
            LocalDateTime created = r.nextInt(10) == 0 ? null : times.get(r.nextInt(times.size()));
            AssetRecord a = new AssetRecord(hash, "lib/" + i + ".png", null, r.nextInt(4) == 0 ? "video" : "image",
                    "png", 64, 64, null, 100, 0, SOURCES[r.nextInt(SOURCES.length)], true,
                    PROJECTS[r.nextInt(PROJECTS.length)], created, created, prompt.length() == 0 && r.nextBoolean()
                    ? null : prompt.toString(), null, MODELS[r.nextInt(MODELS.length)], List.of(), "{}", "{}", "test",
                    tags, null, null);
            assets.add(a);
            batch.add(a);
        }
        catalog.commit(batch);
        List<UnderstandingRow> described = new ArrayList<>();
        for (AssetRecord a : assets) {
            if (r.nextInt(5) == 0) {
                described.add(new UnderstandingRow(a.contentHash(), "local", "local-1", "1",
                        DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)], "{}", null, null,
                        LocalDateTime.of(2026, 3, 1, 0, 0), List.of()));
            }
        }
        catalog.understanding().saveUnderstanding(described, List.of());
        return new Made(assets, times);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
