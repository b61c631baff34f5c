package io.alicemultiverse.library;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.testsupport.CliRun;
import io.alicemultiverse.testsupport.PngBuilder;
import io.alicemultiverse.testsupport.TempLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Organizing where the machine works against it: a full disk, a read-only library, files that vanish or change
 * between being read and being filed, writes refused mid-run. Each time: a clear error naming the file, nothing lost
 * (every inbox file is still in the inbox or, whole and catalogued, in the library), nothing half-written (no
 * partial or temporary file left), and {@code alice check} finds the catalog consistent with the disk. The disk and
 * mount cases need root (a small tmpfs, a read-only bind mount) and are skipped without it.
 */
class HostileEnvironmentTest {
    @TempDir
    Path tmp;
    private final Deque<Path> mounts = new ArrayDeque<>();

    @AfterEach
    void unmount() throws Exception {
        while (!mounts.isEmpty()) {
            sh("umount", "-l", mounts.pop().toString());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int sh(String... cmd) throws IOException, InterruptedException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private void tmpfs(Path at, String size) throws Exception {
        Files.createDirectories(at);
        assumeTrue(isRoot() && sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()) == 0,
                "needs root to mount a tmpfs");
        mounts.push(at);
    }

    private void readOnly(Path dir) throws Exception {
        assertThat(sh("mount", "--bind", dir.toString(), dir.toString())).isZero();
        mounts.push(dir);
        assertThat(sh("mount", "-o", "remount,bind,ro", dir.toString())).isZero();
    }

    /** A valid PNG of about {@code kib} KiB (a big text chunk of noise), unique per seed. */
    private static byte[] png(int seed, int kib) {
        Random r = new Random(seed);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < kib * 1024; i++) {
            noise.append((char) ('a' + r.nextInt(26)));
        }
        return PngBuilder.rgb(8, 8).text("parameters", "a red fox " + seed + "\nSteps: 20, Seed: " + seed)
                .text("comment", noise.toString()).build();
    }

    /** Every inbox file is whole in the inbox or in the library; the library holds no partial or temporary file. */
    private static void nothingLostNorHalfWritten(Map<String, String> inboxBefore, Path inbox, Path library)
            throws IOException {
        Map<String, String> nowInbox = TempLibrary.fingerprint(inbox);
        List<String> libraryHashes = new ArrayList<>(TempLibrary.fingerprint(library).values());
        for (var e : inboxBefore.entrySet()) {
            boolean inInbox = e.getValue().equals(nowInbox.get(e.getKey()));
            assertThat(inInbox || libraryHashes.contains(e.getValue())).as("lost: " + e.getKey()).isTrue();
        }
        // every library file is one of the inbox's (whole), once
        assertThat(libraryHashes).doesNotHaveDuplicates();
        assertThat(inboxBefore.values()).containsAll(libraryHashes);
        try (Stream<Path> s = Files.walk(library)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp"));
        }
    }

    private static void checkIsClean(Path library) {
        CliRun check = CliRun.run("check", "--library", library.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
    }

    @Test
    void aFullDiskFailsTheFilesThatDoNotFitAndLosesNothing() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        tmpfs(t.library(), "4m");
        for (int i = 0; i < 16; i++) {
            t.inboxFile("acme/big" + i + ".png", png(i, 400));
        }
        Map<String, String> before = TempLibrary.fingerprint(t.inbox());
        CliRun full = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(full.exit()).as(full.err()).isEqualTo(1);
        assertThat(full.err()).contains("big").containsIgnoringCase("no space left");
        assertThat(full.err()).doesNotContain("Exception");
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(before);
        nothingLostNorHalfWritten(before, t.inbox(), t.library());
        checkIsClean(t.library());

        // room again: the next run files the rest
        assertThat(sh("mount", "-o", "remount,size=64m", t.library().toString())).isZero();
        CliRun again = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(new TreeMap<>(TempLibrary.fingerprint(t.library())).values()).containsExactlyInAnyOrderElementsOf(
                before.values());
        checkIsClean(t.library());
    }

    @Test
    void aReadOnlyLibraryIsAClearErrorAndTouchesNothing() throws Exception {
        TempLibrary t = new TempLibrary(tmp);
        tmpfs(t.library(), "16m");
        t.inboxFile("acme/a.png", TempLibrary.png(1));
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString())
                .exit()).isZero();
        t.inboxFile("acme/b.png", TempLibrary.png(2));
        Map<String, String> inbox = TempLibrary.fingerprint(t.inbox());
        Map<String, String> library = TempLibrary.fingerprint(t.library());
        readOnly(t.library());
        for (String mode : List.of("--dry-run", "--move")) {
            CliRun r = CliRun.run("organize", mode, "--inbox", t.inbox().toString(), "--library",
                    t.library().toString());
            assertThat(r.exit()).as(r.err()).isNotZero();
            assertThat(r.err()).contains(t.library().toString()).containsIgnoringCase("read-only");
            assertThat(r.err()).doesNotContain("\tat ");
        }
        assertThat(TempLibrary.fingerprint(t.inbox())).isEqualTo(inbox);
        assertThat(TempLibrary.fingerprint(t.library())).isEqualTo(library);
        sh("umount", mounts.pop().toString());
        checkIsClean(t.library());
    }

    /** Deletes one file and rewrites another after they were read, before they are filed. */
    private static OrganizeListener meddler(Path vanish, Path change) {
        return new OrganizeListener() {
            @Override
            public void planned(String source, String target, String action) {
                try {
                    if (source.equals(vanish.toString())) {
                        Files.delete(vanish);
                    } else if (source.equals(change.toString())) {
                        Files.write(change, TempLibrary.png(999));
                        Files.setLastModifiedTime(change, java.nio.file.attribute.FileTime.fromMillis(
                                System.currentTimeMillis() + 5_000));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Test
    void filesThatVanishOrChangeBetweenReadingAndFilingAreReportedAndKept() throws Exception {
        for (boolean move : List.of(false, true)) {
            Path root = Files.createDirectories(tmp.resolve(move ? "move" : "copy"));
            TempLibrary t = new TempLibrary(root);
            for (int i = 0; i < 6; i++) {
                t.inboxFile("acme/f" + i + ".png", TempLibrary.png(i));
            }
            Path vanish = t.inbox().resolve("acme/f1.png");
            Path change = t.inbox().resolve("acme/f4.png");
            List<String> failed = new ArrayList<>();
            OrganizeSummary s;
            try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
                OrganizeListener meddle = meddler(vanish, change);
                s = library.organize(t.inbox(), move, false, new OrganizeListener() {
                    @Override
                    public void planned(String source, String target, String action) {
                        meddle.planned(source, target, action);
                    }

                    @Override
                    public void failed(String path, String error) {
                        failed.add(path + ": " + error);
                    }
                });
            }
            assertThat(failed).as("move=" + move).anySatisfy(f -> assertThat(f).startsWith(vanish.toString()));
            if (move) {
                // the moved file would not be the one that was read: it stays, changed, in the inbox
                assertThat(failed).anySatisfy(f -> assertThat(f).startsWith(change.toString()).contains("changed"));
                assertThat(change).hasBinaryContent(TempLibrary.png(999));
                assertThat(s.organized()).isEqualTo(4);
            } else {
                // a copy files the very bytes that were read and hashed; the changed original stays in the inbox
                assertThat(change).hasBinaryContent(TempLibrary.png(999));
                assertThat(TempLibrary.fingerprint(t.library()).values()).contains(sha(TempLibrary.png(4)));
            }
            try (Stream<Path> files = Files.walk(t.library())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
            checkIsClean(t.library());
        }
    }

    @Test
    void writesRefusedMidRunFailThoseFilesAndTheRestGoOn() throws Exception {
        if (isRoot()) { // root ignores permissions; a read-only bind mount refuses it, where mounting is allowed
            Path probe = Files.createDirectories(tmp.resolve("probe"));
            assumeTrue(sh("mount", "--bind", probe.toString(), probe.toString()) == 0, "needs mount as root");
            sh("umount", probe.toString());
        }
        TempLibrary t = new TempLibrary(tmp);
        for (int i = 0; i < 4; i++) {
            t.inboxFile("acme/p" + i + ".png", TempLibrary.png(i));
        }
        // a first run makes the library's folders; then its staging folder refuses writes mid-run
        assertThat(CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString())
                .exit()).isZero();
        for (int i = 4; i < 8; i++) {
            t.inboxFile("beta/p" + i + ".png", TempLibrary.png(i));
        }
        Map<String, String> before = TempLibrary.fingerprint(t.inbox());
        Path staging = Files.createDirectories(t.library().resolve(".alice/tmp"));
        List<String> failed = new ArrayList<>();
        boolean[] denied = {false};
        try (LibraryService library = LibraryService.open(t.library(), Layout.of(Layout.DEFAULT), Clock.systemDefaultZone())) {
            library.organize(t.inbox(), false, false, new OrganizeListener() {
                @Override
                public void planned(String source, String target, String action) {
                    if (!denied[0]) {
                        denied[0] = true;
                        try {
                            if (isRoot()) {
                                readOnly(staging); // root ignores permissions, not a read-only mount
                            } else {
                                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("r-x------"));
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }

                @Override
                public void failed(String path, String error) {
                    failed.add(path + ": " + error);
                }
            });
        }
        assertThat(failed).hasSize(4).allSatisfy(f -> assertThat(f).contains("/beta/p").containsAnyOf(
                "Read-only file system", "Permission denied", "AccessDenied"));
        if (isRoot()) {
            sh("umount", mounts.pop().toString());
        } else {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
        }
        nothingLostNorHalfWritten(before, t.inbox(), t.library());
        checkIsClean(t.library());
        CliRun again = CliRun.run("organize", "--inbox", t.inbox().toString(), "--library", t.library().toString(),
                "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(TempLibrary.fingerprint(t.library())).hasSize(8);
        checkIsClean(t.library());
    }

    private static String sha(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
