package io.alicemultiverse.metadata.generators;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LoRA references in a prompt: the same answers as the pattern before it was made possessive (kept here as the
 * reference), and an unclosed {@code <lora:} followed by 60,000 characters given up in linear time (fuzzing found
 * the old pattern quadratic: 0.8 s of CPU for 20 KB).
 */
class PromptLorasTest {
    private static final Pattern BEFORE = Pattern.compile("<(?:lora|lyco|hypernet):([^:>]+)(?::([^:>]*))?[^>]*>");

    private static List<String> before(String prompt) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = BEFORE.matcher(prompt);
        while (m.find()) {
            out.add(m.group(1).strip() + "|" + m.group(2));
        }
        return out;
    }

    private static List<String> now(String prompt) {
        return A1111Text.promptLoras(prompt).stream().map(l -> l[0] + "|" + l[1]).toList();
    }

    @Test
    void findsWhatThePatternBeforeFound() {
        String[] prompts = {"a fox <lora:fox_v2:0.8>, snow", "<lyco:paint> and <hypernet:h:1:extra> end",
                "<lora:a:>", "<lora::0.5>", "<lora:x", "<lora:x:y", "<lora:x:y:z>", "<lora:x>>", "<<lora:x:1>",
                "<lora:name with spaces : 0.7 >", "no loras here", "<LORA:x:1>", "<lora:a:1><lora:b:2>"};
        for (String p : prompts) {
            assertThat(now(p)).as(p).isEqualTo(before(p));
        }
        Random r = new Random(129);
        String[] bits = {"<lora:", "<lyco:", ":", ">", "<", "x", "0.5", " ", ",", "name"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) {
                sb.append(bits[r.nextInt(bits.length)]);
            }
            assertThat(now(sb.toString())).as(sb.toString()).isEqualTo(before(sb.toString()));
        }
    }

    @Test
    void anUnclosedLoraIsGivenUpInLinearTime() {
        String prompt = "a fox <lora:fox_" + "\u0006".repeat(60_000) + " and more";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        A1111Text.promptLoras(prompt); // warm
        long cpu = threads.getCurrentThreadCpuTime();
        assertThat(A1111Text.promptLoras(prompt)).isEmpty();
        // linear: well under a millisecond per 10,000 characters once warm; the quadratic pattern took seconds
        assertThat(threads.getCurrentThreadCpuTime() - cpu).isLessThan(500_000_000L);
    }
}
