package io.alicemultiverse.video;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.Layout;
import io.alicemultiverse.understand.UnderstandSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-running owner ({@code serve}, {@code mcp}, {@code organize --watch}) advances video jobs in the background
 * with real time and a fake fal queue on 127.0.0.1: a job recorded by a forwarded command — a second catalog on the
 * same library in the same process, which leaves the advancing to the owner — is submitted once and its clip lands.
 */
class OwnerAdvancesJobsTest {
    @TempDir
    Path root;

    @Test
    void theOwnersBackgroundLoopSubmitsAndFilesAJobAnotherCatalogRecorded() throws Exception {
        try (FakeVideoApi api = new FakeVideoApi(new Protocols.Fal())) {
            Map<String, String> env = new HashMap<>(Protocols.KEYS);
            env.put("ALICE_FAL_BASE_URL", api.base());
            Path lib = root.resolve("library");
            try (LibraryService owner = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
                owner.advanceVideoJobsInBackground(VideoSettings.defaults(), env);

                String id;
                try (LibraryService forwarded = LibraryService.open(lib, Layout.of(Layout.DEFAULT),
                        Clock.systemUTC())) {
                    VideoService v = forwarded.video(UnderstandSettings.defaults(), env);
                    VideoService.Plan plan = v.plan(List.of(api.protocol.request("a paper boat on a pond",
                            Protocols.IMAGE)));
                    id = v.submit(plan, null, null, true).get(0).id();
                    // the forwarded command's own tick does not submit: the owner advances this library's jobs
                    v.tick();
                    assertThat(v.status(id).state()).isIn(JobState.PENDING, JobState.QUEUED);
                }

                VideoJob done = awaitEnd(owner, env, id, Duration.ofSeconds(60));
                assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobState.SUCCEEDED);
                assertThat(api.submitsAccepted()).isEqualTo(1);
                assertThat(lib.resolve(done.path())).isRegularFile();
                assertThat(Files.size(lib.resolve(done.path()))).isPositive();
            }
        }
    }

    @Test
    void onlyTheFirstOpenCatalogOfALibraryAdvancesItsJobsUntilItCloses() throws Exception {
        Path lib = root.resolve("library");
        try (LibraryService first = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemUTC());
             LibraryService second = LibraryService.open(lib, Layout.of(Layout.DEFAULT), Clock.systemUTC())) {
            assertThat(first.catalog().claim(io.alicemultiverse.catalog.Catalog.Activity.VIDEO_JOBS)).isTrue();
            assertThat(first.catalog().claim(io.alicemultiverse.catalog.Catalog.Activity.VIDEO_JOBS)).isTrue();
            assertThat(second.catalog().claim(io.alicemultiverse.catalog.Catalog.Activity.VIDEO_JOBS)).isFalse();
            first.close();
            assertThat(second.catalog().claim(io.alicemultiverse.catalog.Catalog.Activity.VIDEO_JOBS)).isTrue();
        }
    }

    private static VideoJob awaitEnd(LibraryService owner, Map<String, String> env, String id, Duration limit)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            VideoJob j;
            synchronized (owner) { // the owner's lock: its background thread shares the catalog
                j = owner.video(UnderstandSettings.defaults(), env).status(id);
            }
            if (!j.state().active()) {
                return j;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not finish in " + limit);
    }
}
