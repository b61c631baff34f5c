package io.alicemultiverse.understand;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnderstandSettingsTest {
    private static UnderstandSettings read(String yaml) throws Exception {
        return UnderstandSettings.defaults().merge(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @Test
    void perProviderSectionsApplyOnlyToTheirProvider() throws Exception {
        UnderstandSettings s = read("""
                provider: gemini
                model: gemini-2.5-pro
                concurrency: 2
                providers:
                  openai: {concurrency: 8, requests_per_minute: 500, model: gpt-4o}
                prices:
                  openai/gpt-4o: {input: 2.0, output: 8.0, image_tokens: 765}
                """);
        UnderstandSettings openai = s.forProvider("openai");
        assertThat(openai.concurrency()).isEqualTo(8);
        assertThat(openai.requestsPerMinute()).isEqualTo(500);
        assertThat(openai.provider(null, null, null).model()).isEqualTo("gpt-4o");
        UnderstandSettings gemini = s.forProvider("gemini");
        assertThat(gemini.concurrency()).isEqualTo(2);
        assertThat(gemini.provider(null, null, null).model()).isEqualTo("gemini-2.5-pro");
        assertThat(s.forProvider("anthropic").provider(null, null, null).model()).isNull();
        assertThat(s.priceTable().price("openai", "gpt-4o").inputPerMillion()).isEqualTo(2.0);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> read("concurrency: -1")).hasMessageContaining("understanding.concurrency");
        assertThatThrownBy(() -> read("prices: {gpt: {input: 1}}")).hasMessageContaining("understanding.prices.gpt");
    }
}
