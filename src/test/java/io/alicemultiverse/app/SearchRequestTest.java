package io.alicemultiverse.app;

import io.alicemultiverse.search.QueryParser;
import io.alicemultiverse.search.SearchQuery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule every surface's search goes through: names, dates, blanks and bounds. */
class SearchRequestTest {
    private final QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void filtersNamedOneByOneReadAsThePlainLanguageParserReadsThem() {
        SearchQuery q = SearchRequest.builder().text("red fox").tags(List.of("keeper", " ")).sources(List.of("Comfy"))
                .projects(List.of("acme")).models(List.of("flux")).since("2026-02").until("2026-02").type("image")
                .sort("newest").limit(5).offset(10).build().toQuery(parser);
        assertThat(q.tags()).containsExactly("keeper"); // a blank value is no filter
        assertThat(q.namedSources()).containsExactly(QueryParser.sourceId("comfy"));
        assertThat(q.namedModels()).containsExactly("flux");
        assertThat(q.projects()).containsExactly("acme");
        assertThat(q.since()).isEqualTo(LocalDateTime.of(2026, 2, 1, 0, 0));
        assertThat(q.until()).isAfter(LocalDateTime.of(2026, 2, 28, 0, 0)).isBefore(LocalDateTime.of(2026, 3, 1, 0, 1));
        assertThat(q.mediaType()).isEqualTo("image");
        assertThat(q.sort()).isEqualTo(SearchQuery.Sort.NEWEST);
        assertThat(q.limit()).isEqualTo(5);
        assertThat(q.offset()).isEqualTo(10);
        // the same words typed into the plain-language text mean the same filters
        SearchQuery typed = SearchRequest.builder().text("red fox source:comfyui model:flux tag:keeper").limit(5).build()
                .toQuery(parser);
        assertThat(typed.namedSources()).isEqualTo(q.namedSources());
        assertThat(typed.namedModels()).isEqualTo(q.namedModels());
        assertThat(typed.tags()).isEqualTo(q.tags());
    }

    @Test
    void boundsNameTheFieldAndAllAsksForEveryMatch() {
        assertThatThrownBy(() -> SearchRequest.builder().limit(SearchQuery.MAX_LIMIT + 1).build())
                .hasMessageContaining("limit must be between 0 and " + SearchQuery.MAX_LIMIT);
        assertThatThrownBy(() -> SearchRequest.builder().offset(-1).build()).hasMessageContaining("offset");
        assertThatThrownBy(() -> SearchRequest.builder().type("audio").build().toQuery(parser))
                .hasMessageContaining("image or video");
        SearchRequest all = SearchRequest.builder().limit(SearchRequest.ALL).build();
        assertThat(all.all()).isTrue();
        assertThat(all.toQuery(parser).limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT); // a streaming caller sets it aside
        assertThat(SearchRequest.selection("portraits", SearchQuery.MAX_LIMIT).toQuery(parser).limit())
                .isEqualTo(SearchQuery.MAX_LIMIT);
    }
}
