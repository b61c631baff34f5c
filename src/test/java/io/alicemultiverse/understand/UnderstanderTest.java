package io.alicemultiverse.understand;

import io.alicemultiverse.testsupport.FakeProvider;

import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.SpendEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The run: cache, retries, timeouts, malformed replies, budgets and the breaker, against a fake OpenAI server. */
class UnderstanderTest {
    @TempDir
    static Path dir;
    static List<ImageInput> images;

    private final Catalog catalog = Catalog.inMemory();
    private final List<Duration> slept = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Sleeper sleeper = slept::add;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    /** gpt-4o's image accounting, which is what the fake server's usage models. */
    private final PriceTable prices = PriceTable.builtIn();

    @BeforeAll
    static void images() {
        images = IntStream.range(0, 8).mapToObj(i -> new ImageInput("hash" + i,
                TestImages.write(TestImages.photo(i, 256), dir.resolve("p" + i + ".jpg")), "a fox " + i, "proj"))
                .toList();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private VisionProvider openAi(FakeProvider fake, int batch, Duration timeout) {
        return Providers.create(ProviderSettings.of("openai").withModel("gpt-4o").withBaseUrl(fake.baseUrl())
                .withBatchSize(batch).withTimeout(timeout), Map.of("OPENAI_API_KEY", "sk-test"));
    }

    private UnderstandSummary run(VisionProvider p, Understander.Options o, List<ImageInput> in,
                                  List<String> errors) throws InterruptedException {
        Understander u = new Understander(catalog, p, prices, o, clock, sleeper, new Random(1));
        return u.run(u.plan(in), new UnderstandListener() {
            @Override
            public void failed(ImageInput image, String error) {
                errors.add(error);
            }

            @Override
            public void warning(String message) {
                errors.add("warning: " + message);
            }
        });
    }

    private UnderstandSummary run(VisionProvider p, Understander.Options o) throws InterruptedException {
        return run(p, o, images, new ArrayList<>());
    }

    /** One worker, so requests are as full as the batch size allows and their count is predictable. */
    private static Understander.Options options() {
        return Understander.Options.defaults("run-1").withConcurrency(1);
    }

    @Test
    void storesResultsAsTagsAndASecondRunSendsNothing() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            VisionProvider p = openAi(fake, 4, Duration.ofSeconds(5));
            UnderstandSummary first = run(p, options());
            assertThat(first.analysed()).isEqualTo(8);
            assertThat(first.requests()).isEqualTo(2);
            assertThat(fake.requests.get()).isEqualTo(2);
            assertThat(catalog.select("SELECT count(*) FROM tags WHERE origin = 'understanding' AND tag = 'fox'",
                    List.of(), rs -> rs.getLong(1))).containsExactly(8L);
            assertThat(catalog.select("SELECT description, prompt FROM understanding WHERE content_hash = 'hash3'",
                    List.of(), rs -> rs.getString(1) + " | " + rs.getString(2)))
                    .singleElement().asString().contains("red fox").endsWith("| a red fox in blue snow");
            assertThat(catalog.select("SELECT sum(tokens_in), count(*), sum(cost_usd) > 0 FROM spend", List.of(),
                    rs -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getBoolean(3)))
                    .containsExactly((2L * (FakeProvider.INSTRUCTION_TOKENS + 4 * FakeProvider.IMAGE_TOKENS)) + "/8/true");

            UnderstandSummary second = run(p, options());
            assertThat(second.cached()).isEqualTo(8);
            assertThat(second.requests()).isZero();
            assertThat(fake.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void anInterruptedRunResumesWithTheImagesNotYetDone() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            VisionProvider p = openAi(fake, 2, Duration.ofSeconds(5));
            run(p, options().withConcurrency(1), images.subList(0, 3), new ArrayList<>());
            fake.bodies.clear();
            UnderstandSummary s = run(p, options());
            assertThat(s.cached()).isEqualTo(3);
            assertThat(s.analysed()).isEqualTo(5);
            assertThat(fake.bodies().stream().mapToInt(fake::images).sum()).isEqualTo(5);
        }
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            fake.fail(429, Map.of("Retry-After", "3"));
            UnderstandSummary s = run(openAi(fake, 8, Duration.ofSeconds(5)), options());
            assertThat(s.analysed()).isEqualTo(8);
            assertThat(s.requests()).isEqualTo(2);
            assertThat(slept).containsExactly(Duration.ofSeconds(3));
        }
    }

    @Test
    void retries500WithBackoffThenSucceeds() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            fake.fail(500, Map.of());
            fake.fail(503, Map.of());
            UnderstandSummary s = run(openAi(fake, 8, Duration.ofSeconds(5)), options());
            assertThat(s.analysed()).isEqualTo(8);
            assertThat(fake.requests.get()).isEqualTo(3);
            assertThat(slept).hasSize(2);
            assertThat(slept.get(0)).isLessThanOrEqualTo(Duration.ofMillis(500));
            assertThat(slept.get(1)).isLessThanOrEqualTo(Duration.ofMillis(1000));
        }
    }

    @Test
    void aMalformedReplyFailsItsImagesButTheRunGoesOnAndTheSpendIsRecorded() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            fake.replyText = n -> "{\"images\": [ {\"index\": 1, \"descr";
            List<String> errors = new ArrayList<>();
            UnderstandSummary s = run(openAi(fake, 4, Duration.ofSeconds(5)), options(), images, errors);
            assertThat(s.analysed()).isZero();
            assertThat(s.failed()).isEqualTo(8);
            assertThat(errors).hasSize(8).allSatisfy(e -> assertThat(e).contains("not JSON"));
            assertThat(catalog.understanding().spentSince(LocalDateTime.of(2026, 1, 1, 0, 0))).isPositive();
            assertThat(catalog.understanding().understood("openai", "gpt-4o", Instructions.VERSION, List.of("hash0"))).isEmpty();
        }
    }

    @Test
    void anAnswerThatIsNotJsonAtAllSaysSoInsteadOfNamingAnExceptionClass() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            for (int i = 0; i < 10; i++) { // a proxy's error page, with a 200
                fake.script.add(new mockwebserver3.MockResponse.Builder().code(200)
                        .addHeader("Content-Type", "text/html").body("<html>502 Bad Gateway</html>").build());
            }
            List<String> errors = new ArrayList<>();
            UnderstandSummary s = run(openAi(fake, 4, Duration.ofSeconds(5)), options(), images, errors);
            assertThat(s.failed()).isEqualTo(8);
            assertThat(errors).hasSize(8).allSatisfy(e -> assertThat(e).contains("not JSON")
                    .doesNotContain("Exception").doesNotContain("Bad Gateway"));
        }
    }

    @Test
    void aTimeoutIsRetriedThenFailsTheBatch() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            fake.delayMs = 1500;
            Understander.Options o = options().withLimits(new ProviderLimits(0, 0, 2, Duration.ofMillis(10),
                    Duration.ofMillis(10), Duration.ofSeconds(1), 5, Duration.ofSeconds(30)));
            List<String> errors = new ArrayList<>();
            UnderstandSummary s = run(openAi(fake, 8, Duration.ofMillis(300)), o, images, errors);
            assertThat(s.failed()).isEqualTo(8);
            assertThat(s.requests()).isEqualTo(2);
            assertThat(errors).allSatisfy(e -> assertThat(e).contains("timed out"));
        }
    }

    @Test
    void theBudgetStopsTheRunAndNothingMoreIsSent() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            PriceTable.Estimate perRequest = prices.estimate("openai", "gpt-4o", 2, 1);
            double budget = perRequest.usd() * 2.2;
            UnderstandSummary s = run(openAi(fake, 2, Duration.ofSeconds(5)),
                    options().withConcurrency(1).withBudget(budget));
            assertThat(s.stopReason()).contains("run budget");
            assertThat(s.skipped()).isPositive();
            assertThat(s.requests()).isLessThan(4).isEqualTo(fake.requests.get());
            assertThat(s.costUsd()).isLessThanOrEqualTo(budget);
            assertThat(catalog.understanding().spentSince(LocalDateTime.of(2026, 1, 1, 0, 0))).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void aDailyBudgetWarnsAt80PercentAndStopsAtTheLimit() throws Exception {
        catalog.understanding().saveUnderstanding(List.of(), List.of(new SpendEntry(LocalDateTime.of(2026, 11, 25, 8, 0), "openai",
                "gpt-4o", 1, 1, 0.85, null, "earlier", null)));
        try (FakeProvider fake = new FakeProvider("openai")) {
            List<String> errors = new ArrayList<>();
            UnderstandSummary s = run(openAi(fake, 2, Duration.ofSeconds(5)),
                    options().withDailyMonthly(0.86, null), images, errors);
            assertThat(errors).contains("warning: 80% of the daily budget of $0.86 is spent");
            assertThat(s.stopReason()).contains("daily budget");
            assertThat(fake.requests.get()).isZero();
        }
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndStopsSending() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            for (int i = 0; i < 10; i++) {
                fake.fail(500, Map.of());
            }
            Understander.Options o = options().withConcurrency(1).withLimits(new ProviderLimits(0, 0, 1,
                    Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 2, Duration.ofMinutes(1)));
            List<String> errors = new ArrayList<>();
            UnderstandSummary s = run(openAi(fake, 1, Duration.ofSeconds(5)), o, images, errors);
            assertThat(fake.requests.get()).isEqualTo(2);
            assertThat(s.failed()).isEqualTo(8);
            assertThat(errors.get(errors.size() - 1)).contains("circuit open");
        }
    }

    @Test
    void rateLimitsWaitThroughTheSleeper() throws Exception {
        try (FakeProvider fake = new FakeProvider("openai")) {
            // a clock that moves when the sleeper sleeps
            long[] now = {Instant.parse("2026-11-25T10:00:00Z").toEpochMilli()};
            Clock moving = new Clock() {
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                public Clock withZone(java.time.ZoneId z) {
                    return this;
                }

                public Instant instant() {
                    synchronized (now) {
                        return Instant.ofEpochMilli(now[0]);
                    }
                }
            };
            Sleeper advance = d -> {
                slept.add(d);
                synchronized (now) {
                    now[0] += d.toMillis();
                }
            };
            Understander u = new Understander(catalog, openAi(fake, 1, Duration.ofSeconds(5)), prices,
                    options().withConcurrency(1).withLimits(ProviderLimits.defaults().withRates(3, 0)), moving,
                    advance, new Random(1));
            UnderstandSummary s = u.run(u.plan(images), UnderstandListener.NONE);
            assertThat(s.analysed()).isEqualTo(8);
            assertThat(slept).hasSize(2).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMinutes(1)));
        }
    }

    @Test
    void theLocalAnalyzerRunsWithoutNetworkOrSpend() throws Exception {
        UnderstandSummary s = run(new LocalAnalyzer(), options());
        assertThat(s.analysed()).isEqualTo(8);
        assertThat(s.costUsd()).isZero();
        assertThat(catalog.select("SELECT count(*) FROM spend", List.of(), rs -> rs.getLong(1))).containsExactly(0L);
        assertThat(catalog.select("SELECT tags FROM understanding WHERE content_hash = 'hash0'", List.of(),
                rs -> rs.getString(1))).singleElement().asString().contains("\"measures\"").contains("a fox 0");
    }

    @Test
    void aSmallRunIsSpreadOverTheWorkersAndALargeOneFillsItsRequests() {
        List<ImageInput> twenty = IntStream.range(0, 20).mapToObj(i -> images.get(0)).toList();
        assertThat(Understander.batches(twenty, 8, 4)).extracting(List::size).containsExactly(5, 5, 5, 5);
        List<ImageInput> hundred = IntStream.range(0, 100).mapToObj(i -> images.get(0)).toList();
        assertThat(Understander.batches(hundred, 8, 4)).hasSize(13).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(8));
        assertThat(Understander.batches(List.of(), 8, 4)).isEmpty();
    }
}
