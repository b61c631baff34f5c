package io.alicemultiverse.metadata.generators;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free matchers that replaced regex and substring code on inspect's hot path give exactly the answers
 * of the straightforward code they replaced (kept here as the reference), over hand-picked and random inputs.
 */
class FastMatchingTest {
    private static final String ALPHABET = "aAzZ09 _-.:/İıΣσßÄ\uD801\uDC00\"{}0123456789";

    @Test
    void keysMatchAsTheirNormalFormsDo() {
        String[][] pairs = {{"CFG scale", "cfgscale"}, {"CFG Scale", "cfgscale"}, {"cfg_scale", "cfgscale"},
                {"cfgScale", "cfgscale"}, {"Steps", "steps"}, {"Step", "steps"}, {"Stepss", "steps"}, {"", ""},
                {"...", ""}, {"İndex", Keys.normal("İndex")}, {"\uD801\uDC00x", Keys.normal("\uD801\uDC00x")},
                {"ÄB", "äb"}, {"Seed", "seed"}};
        for (String[] p : pairs) {
            assertThat(Keys.matches(p[0], p[1])).as(p[0] + " ~ " + p[1]).isEqualTo(Keys.normal(p[0]).equals(p[1]));
        }
        Random r = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            String key = random(r, 8);
            String want = r.nextBoolean() ? Keys.normal(key) : Keys.normal(random(r, 8));
            assertThat(Keys.matches(key, want)).as(key + " ~ " + want).isEqualTo(Keys.normal(key).equals(want));
        }
    }

    @Test
    void comfyIdsOrderAsTheRegexComparatorDid() {
        String[] ids = {"3", "10", "9", "12:3", "12", "012", "0", "00", "a", "a1", "1a", "", "12:03", "12:3:1",
                "99999999999999999999", "100000000000000000000", "x7y", "7", "x07y"};
        for (String a : ids) {
            for (String b : ids) {
                assertThat(Integer.signum(ComfyGraph.compareIds(a, b))).as(a + " vs " + b)
                        .isEqualTo(Integer.signum(reference(a, b)));
            }
        }
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String a = random(r, 6);
            String b = random(r, 6);
            assertThat(ComfyGraph.compareIds(a, b)).as(a + " vs " + b).isEqualTo(reference(a, b));
        }
    }

    @Test
    void civitaiKeysAreFoundWhereContainsFoundThem() {
        List<String> texts = new ArrayList<>(List.of("{\"extraMetadata\":\"{}\"}", "{\"resource-stack\":{}}",
                "extraMetadata", "\"extraMetadata", "x\"\"resource-stack\"", "\"\"", "", "{\"prompt\":{}}"));
        Random r = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder(random(r, 20));
            if (r.nextInt(4) == 0) {
                sb.insert(r.nextInt(sb.length() + 1), r.nextBoolean() ? "\"extraMetadata\"" : "\"resource-stack");
            }
            texts.add(sb.toString());
        }
        for (String v : texts) {
            assertThat(CivitaiParser.mentionsCivitaiKey(v)).as(v)
                    .isEqualTo(v.contains("\"extraMetadata\"") || v.contains("\"resource-stack\""));
        }
    }

    private static String random(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(max + 1); n > 0; n--) {
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            sb.append(c);
            if (Character.isHighSurrogate(c)) {
                sb.append(ALPHABET.charAt(ALPHABET.indexOf(c) + 1));
            }
        }
        return sb.toString();
    }

    /** The comparator as it was written with a regex (the reference). */
    private static int reference(String a, String b) {
        Pattern digits = Pattern.compile("\\d+");
        Matcher ma = digits.matcher(a);
        Matcher mb = digits.matcher(b);
        while (true) {
            boolean fa = ma.find();
            boolean fb = mb.find();
            if (!fa || !fb) {
                if (fa != fb) {
                    return fa ? 1 : -1;
                }
                return a.compareTo(b);
            }
            int c = Comparator.<String>comparingInt(String::length).thenComparing(Comparator.naturalOrder())
                    .compare(strip(ma.group()), strip(mb.group()));
            if (c != 0) {
                return c;
            }
        }
    }

    private static String strip(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
