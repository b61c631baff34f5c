package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.library.OrganizeListener;
import io.alicemultiverse.testsupport.TempLibrary;
import io.alicemultiverse.understand.UnderstandSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A clip made from a library image links back to it, and the image lists its clips: get_asset shows both ways. */
class ClipLineageTest {
    @TempDir
    Path tmp;

    @Test
    void theClipNamesItsStartImageAndTheImageListsItsClips() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        t.inboxFile("p/still.png", TempLibrary.png("a lighthouse on a cliff", "m", 4));
        TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
        try (FakeVideoApi api = new FakeVideoApi(new Protocols.Fal());
             LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), clock)) {
            library.organize(t.inbox(), false, false, OrganizeListener.NONE);
            String image = library.catalog().select("SELECT content_hash FROM assets", List.of(),
                    rs -> rs.getString(1)).get(0);
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_FAL_BASE_URL", api.base());
            VideoService video = library.video(UnderstandSettings.defaults(), env);
            VideoRequest r = new VideoRequest("fal", Protocols.Fal.MODEL, "the beam sweeps the sea", null,
                    Protocols.IMAGE, image, 5, null, null, null, Map.of(), null, 0);
            VideoJob job = video.submit(video.plan(List.of(r)), null, null, true).get(0);
            for (int i = 0; i < 40 && video.status(job.id()).state().active(); i++) {
                Instant next = video.tick();
                clock.advance(next == null || !next.isAfter(clock.instant()) ? Duration.ofSeconds(1)
                        : Duration.between(clock.instant(), next));
            }
            VideoJob done = video.status(job.id());
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);

            Map<String, Object> clip = library.catalog().views().asset(done.contentHash()).orElseThrow();
            assertThat(clip.get("made_from")).isEqualTo(Map.of("content_hash", image, "path",
                    library.catalog().views().asset(image).orElseThrow().get("path")));
            Map<String, Object> still = library.catalog().views().asset(image).orElseThrow();
            assertThat(still.get("clips")).isEqualTo(List.of(Map.of("content_hash", done.contentHash(),
                    "path", done.path())));
            assertThat(still).doesNotContainKey("made_from");
            assertThat(clip).doesNotContainKey("clips");
        }
    }
}
