package io.alicemultiverse.library;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches an inbox tree for changes (file-system events, every folder registered, new folders as they appear)
 * and decides when a file has settled: its size and modification time unchanged for {@code settle}. Events are
 * debounced; a periodic rescan covers filesystems whose events are unreliable (network mounts). Used by one
 * thread.
 */
public final class InboxWatcher implements AutoCloseable {
    private final Path inbox;
    private final Duration debounce;
    private final Duration settle;
    private final WatchService service;
    private final Map<Path, long[]> observed = new HashMap<>();
    private boolean pending;

    public InboxWatcher(Path inbox, Duration debounce, Duration settle) throws IOException {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.debounce = debounce;
        this.settle = settle;
        this.service = FileSystems.getDefault().newWatchService();
        // an inbox named by a link to a folder: the walk follows no link, so it registers the folder itself
        registerTree(Files.isSymbolicLink(this.inbox) ? this.inbox.toRealPath() : this.inbox);
    }

    /** Whether {@code item} has stopped changing; a file seen for the first time, or grown since, is not ready. */
    public boolean ready(InboxScanner.Item item) {
        long now = System.nanoTime();
        long[] prev = observed.get(item.path());
        if (prev == null || prev[0] != item.bytes() || prev[1] != item.mtime()) {
            observed.put(item.path(), new long[]{item.bytes(), item.mtime(), now});
            pending = true;
            return false;
        }
        if (now - prev[2] < settle.toNanos()) {
            pending = true;
            return false;
        }
        observed.remove(item.path());
        return true;
    }

    /**
     * Waits until the inbox changed and then stayed quiet for the debounce time, or files are waiting to settle,
     * or {@code rescan} passed, or {@code stop} says so.
     */
    public void await(Duration rescan, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + (pending ? settle.toNanos() : rescan.toNanos());
        pending = false;
        long lastEvent = 0;
        while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
            WatchKey key;
            try {
                key = service.poll(100, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException e) {
                return;
            }
            if (key != null) {
                drain(key);
                lastEvent = System.nanoTime();
            } else if (lastEvent != 0 && System.nanoTime() - lastEvent >= debounce.toNanos()) {
                return;
            }
        }
    }

    private void drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path child = dir.resolve(name);
                if (Files.isDirectory(child)) {
                    try {
                        registerTree(child);
                    } catch (IOException ignored) {
                        // the periodic rescan still finds its files
                    }
                }
            }
        }
        key.reset();
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path n = dir.getFileName();
                if (!dir.equals(root) && n != null && n.toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
