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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranking evaluation over {@code src/test/resources/search-eval.json}: every relevant prompt and distractor
 * becomes an asset; each query's recall@10 is measured with lexical ranking only, semantic only and merged. Merged
 * must beat both. Prints the figures (run alone: {@code mvn -q -o test -Dtest=SearchEvaluationTest}).
 */
class SearchEvaluationTest {
    @TempDir
    Path tmp;

    @Test
    void mergedRankingBeatsLexicalAndSemanticAlone() throws IOException {
        JsonNode eval;
        try (InputStream in = getClass().getResourceAsStream("/search-eval.json")) {
            eval = new ObjectMapper().readTree(in);
        }
        List<SyntheticCatalog.Spec> specs = new ArrayList<>();
        Map<String, Integer> idOfPrompt = new HashMap<>();
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        int n = 0;
        for (JsonNode q : eval.get("queries")) {
            for (JsonNode p : q.get("relevant")) {
                specs.add(new SyntheticCatalog.Spec("eval-" + n, p.asText(), "comfyui", "model", "eval", t.plusMinutes(n)));
                idOfPrompt.put(p.asText(), n++);
            }
        }
        for (JsonNode p : eval.get("distractors")) {
            specs.add(new SyntheticCatalog.Spec("eval-" + n, p.asText(), "comfyui", "model", "eval", t.plusMinutes(n++)));
        }
        Map<SearchEngine.Mode, Double> recall = new EnumMap<>(SearchEngine.Mode.class);
        int queries = eval.get("queries").size();
        assertThat(queries).isGreaterThanOrEqualTo(50);
        try (Catalog catalog = Catalog.open(tmp);
             SearchEngine engine = new SearchEngine(catalog, tmp, MiniLmEmbedder::new)) {
            List<String> hashes = SyntheticCatalog.write(catalog, specs);
            String sweep = System.getProperty("eval.weights");
            for (String w : sweep == null ? new String[0] : sweep.split(",")) {
                engine.lexicalWeight = Double.parseDouble(w);
                System.out.printf("weight %s: merged %.3f%n", w, recall(engine, eval, hashes, idOfPrompt, SearchEngine.Mode.HYBRID));
            }
            engine.lexicalWeight = SearchEngine.LEXICAL_WEIGHT;
            String gaps = System.getProperty("eval.gaps"); // the relevance floor: how far below the best
            for (String g : gaps == null ? new String[0] : gaps.split(",")) {
                engine.relevanceGap = Double.parseDouble(g);
                System.out.printf("gap %s: merged %.3f%n", g, recall(engine, eval, hashes, idOfPrompt, SearchEngine.Mode.HYBRID));
            }
            engine.relevanceGap = SearchEngine.RELEVANCE_GAP;
            String generic = System.getProperty("eval.generic"); // the generic share for results found by meaning alone
            for (String g : generic == null ? new String[0] : generic.split(",")) {
                engine.genericShare = Double.parseDouble(g);
                System.out.printf("generic share %s: merged %.3f%n", g, recall(engine, eval, hashes, idOfPrompt, SearchEngine.Mode.HYBRID));
            }
            engine.genericShare = SearchEngine.GENERIC_SHARE;
            for (SearchEngine.Mode mode : SearchEngine.Mode.values()) {
                recall.put(mode, recall(engine, eval, hashes, idOfPrompt, mode));
            }
            engine.warm(); // rows from memory from now on: the same answers
            assertThat(recall(engine, eval, hashes, idOfPrompt, SearchEngine.Mode.HYBRID))
                    .isEqualTo(recall.get(SearchEngine.Mode.HYBRID));
        }
        System.out.printf("search-eval: %d queries, %d assets; recall@10 lexical %.3f, semantic %.3f, merged %.3f%n",
                queries, specs.size(), recall.get(SearchEngine.Mode.LEXICAL), recall.get(SearchEngine.Mode.SEMANTIC),
                recall.get(SearchEngine.Mode.HYBRID));
        assertThat(recall.get(SearchEngine.Mode.HYBRID))
                .isGreaterThan(recall.get(SearchEngine.Mode.LEXICAL))
                .isGreaterThan(recall.get(SearchEngine.Mode.SEMANTIC));
    }

    private static double recall(SearchEngine engine, JsonNode eval, List<String> hashes, Map<String, Integer> idOfPrompt,
                                 SearchEngine.Mode mode) {
        double sum = 0;
        for (JsonNode q : eval.get("queries")) {
            Set<String> relevant = new HashSet<>();
            q.get("relevant").forEach(p -> relevant.add(hashes.get(idOfPrompt.get(p.asText()))));
            SearchQuery query = SearchQuery.builder().word(q.get("query").asText()).limit(10).build();
            long found = engine.search(query, false, mode).hits().stream()
                    .filter(h -> relevant.contains(h.contentHash())).count();
            sum += (double) found / Math.min(10, relevant.size());
            if (Boolean.getBoolean("eval.gapsFound") && mode == SearchEngine.Mode.HYBRID) {
                List<SearchHit> hits = engine.search(query, false, mode).hits();
                double low = hits.stream().filter(h -> relevant.contains(h.contentHash()))
                        .mapToDouble(SearchHit::score).min().orElse(Double.NaN);
                int last = 0;
                for (int i = 0; i < hits.size(); i++) {
                    if (relevant.contains(hits.get(i).contentHash())) {
                        last = i;
                    }
                }
                double step = 0;
                for (int i = 1; i <= last; i++) {
                    step = Math.max(step, hits.get(i - 1).score() - hits.get(i).score());
                }
                Set<String> lexical = new HashSet<>();
                engine.search(query, false, SearchEngine.Mode.LEXICAL).hits().forEach(h -> lexical.add(h.contentHash()));
                double meaningOnly = hits.stream().filter(h -> relevant.contains(h.contentHash())
                        && !lexical.contains(h.contentHash())).mapToDouble(SearchHit::score).min().orElse(Double.NaN);
                System.out.printf("lowest relevant %.3f below the best (%.3f), largest step above it %.3f, lowest "
                                + "relevant by meaning alone %.3f, for %s%n", hits.get(0).score() - low,
                        hits.get(0).score(), step, meaningOnly, q.get("query").asText());
            }
            if (Boolean.getBoolean("eval.verbose") && found < relevant.size()) {
                System.out.printf("  %s %-25s %d/%d %s%n", mode, q.get("query").asText(), found, relevant.size(),
                        engine.search(query, false, mode).hits().stream().map(SearchHit::prompt).limit(10).toList());
            }
        }
        return sum / eval.get("queries").size();
    }

    /** nDCG@10 (binary relevance) and recall@10 (found / min(10, relevant)) of one query. */
    static double[] ndcgAndRecall(SearchEngine engine, String text, Set<String> relevant, SearchEngine.Mode mode) {
        List<SearchHit> hits = engine.search(SearchQuery.builder().word(text).limit(10).build(), false, mode).hits();
        double dcg = 0;
        int found = 0;
        for (int i = 0; i < hits.size(); i++) {
            if (relevant.contains(hits.get(i).contentHash())) {
                dcg += 1 / (Math.log(i + 2) / Math.log(2));
                found++;
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, relevant.size()); i++) {
            ideal += 1 / (Math.log(i + 2) / Math.log(2));
        }
        return new double[]{ideal == 0 ? 0 : dcg / ideal, (double) found / Math.max(1, Math.min(10, relevant.size()))};
    }

    /** The committed set catalogued: its assets' hashes and each relevant prompt's asset. */
    record Committed(JsonNode eval, List<String> hashes, Map<String, Integer> idOfPrompt) {
        static Committed write(Catalog catalog, JsonNode eval) {
            List<SyntheticCatalog.Spec> specs = new ArrayList<>();
            Map<String, Integer> idOfPrompt = new HashMap<>();
            LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
            int n = 0;
            for (JsonNode q : eval.get("queries")) {
                for (JsonNode p : q.get("relevant")) {
                    specs.add(new SyntheticCatalog.Spec("eval-" + n, p.asText(), "comfyui", "model", "eval", t.plusMinutes(n)));
                    idOfPrompt.put(p.asText(), n++);
                }
            }
            for (JsonNode p : eval.get("distractors")) {
                specs.add(new SyntheticCatalog.Spec("eval-" + n, p.asText(), "comfyui", "model", "eval", t.plusMinutes(n++)));
            }
            return new Committed(eval, SyntheticCatalog.write(catalog, specs), idOfPrompt);
        }

        int queries() {
            return eval.get("queries").size();
        }

        /** Mean nDCG@10 and recall@10 over the committed queries. */
        double[] measure(SearchEngine engine, SearchEngine.Mode mode) {
            double[] sum = new double[2];
            for (JsonNode q : eval.get("queries")) {
                Set<String> relevant = new HashSet<>();
                q.get("relevant").forEach(p -> relevant.add(hashes.get(idOfPrompt.get(p.asText()))));
                double[] m = ndcgAndRecall(engine, q.get("query").asText(), relevant, mode);
                sum[0] += m[0];
                sum[1] += m[1];
            }
            return new double[]{sum[0] / queries(), sum[1] / queries()};
        }
    }
}
