package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recreates the catalog's derived tables (assets, prompt tags, perceptual hashes) from the library's files, in
 * one transaction. Kept: user tags, the journal, runs, duplicates, and each asset's provenance (original path,
 * project, organize time, run) when its content is still there.
 */
public final class IndexRebuild {
    private final Catalog catalog;
    private final FileAnalyzer analyzer;
    private final Path library;
    private final Layout layout;
    private final int threads;

    public IndexRebuild(Catalog catalog, FileAnalyzer analyzer, Path library, Layout layout, int threads) {
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.library = library.toAbsolutePath().normalize();
        this.layout = layout;
        this.threads = Math.max(1, threads);
    }

    /** The outcome: how many assets are catalogued, and files that could not be read or repeat content. */
    public record Result(int assets, List<String> problems) {
    }

    private record Provenance(String originalPath, String project, LocalDateTime organizedAt, String run) {
    }

    public Result rebuild() throws IOException {
        new Recovery(catalog, analyzer, library).reconcile();
        Map<String, Provenance> kept = new HashMap<>();
        catalog.select("SELECT content_hash, original_path, project, organized_at, run FROM assets", List.of(), rs -> {
            Timestamp t = rs.getTimestamp(4);
            kept.put(rs.getString(1), new Provenance(rs.getString(2), rs.getString(3),
                    t == null ? null : t.toLocalDateTime(), rs.getString(5)));
            return null;
        });
        List<String> files = LibraryFiles.list(library);
        ExecutorService pool = Executors.newFixedThreadPool(threads, Organizer.daemon("rebuild"));
        List<Future<Analysis>> futures = new ArrayList<>();
        try {
            for (String rel : files) {
                futures.add(pool.submit(() -> analyzer.analyze(library.resolve(rel))));
            }
            CatalogBatch batch = new CatalogBatch();
            kept.keySet().forEach(batch::remove);
            Set<String> seen = new HashSet<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Analysis a = futures.get(i).get();
                String rel = files.get(i);
                if (!a.ok()) {
                    problems.add(rel + ": " + a.error());
                    continue;
                }
                if (!seen.add(a.contentHash())) {
                    problems.add(rel + ": same content as another library file; catalogued once");
                    continue;
                }
                Provenance p = kept.get(a.contentHash());
                AssetRecord r = AssetRecords.of(a, rel, p == null ? null : p.originalPath(),
                        p == null ? LibraryFiles.projectOf(layout, rel) : p.project(), p == null ? null : p.run(),
                        p == null || p.organizedAt() == null ? LocalDateTime.now() : p.organizedAt());
                batch.add(r);
            }
            catalog.commit(batch);
            return new Result(seen.size(), problems);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
