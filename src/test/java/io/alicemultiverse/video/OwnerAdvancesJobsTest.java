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
 * with real time and a fake fal queue on 127.0.0.1: a job recorded by a forwarded command — on the owner's library,
 * lent to it on another thread, which leaves the advancing to the owner's loop — is submitted once and its clip lands.
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

                // a forwarded command runs on the owner's channel thread, on the owner's library, lent
                String[] id = new String[1];
                Thread forwardedCommand = new Thread(() -> {
                    try (LibraryService forwarded = owner.lend(lib, Layout.of(Layout.DEFAULT))) {
                        VideoService v = forwarded.video(UnderstandSettings.defaults(), Map.of("FAL_KEY", "other"));
                        assertThat(v).as("the owner's service, not a second scheduler beside it")
                                .isSameAs(owner.video(UnderstandSettings.defaults(), env));
                        VideoService.Plan plan = v.plan(List.of(api.protocol.request("a paper boat on a pond",
                                Protocols.IMAGE)));
                        id[0] = v.submit(plan, null, null, true).get(0).id();
                        // the command does not tick: the owner's loop advances this library's jobs
                        v.tickUnlessAdvanced();
                    }
                });
                forwardedCommand.start();
                forwardedCommand.join();
                assertThat(id[0]).isNotNull();
                assertThat(owner.catalog().assetCount()).as("the lent library closed, the owner's stays open")
                        .isGreaterThanOrEqualTo(0);

                VideoJob done = awaitEnd(owner, env, id[0], Duration.ofSeconds(60));
                assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobState.SUCCEEDED);
                assertThat(api.submitsAccepted()).isEqualTo(1);
                assertThat(lib.resolve(done.path())).isRegularFile();
                assertThat(Files.size(lib.resolve(done.path()))).isPositive();
            }
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
