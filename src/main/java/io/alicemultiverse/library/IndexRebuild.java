package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetRecord;
import io.alicemultiverse.catalog.AssetReads.Provenance;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recreates the catalog's derived tables (assets, prompt tags, perceptual hashes) from the library's files, in
 * one transaction. Kept: user tags, the journal, runs, duplicates, and each asset's provenance (original path,
 * project, organize time, run) when its content is still there. A content under several names is catalogued once,
 * under the name the catalog had; names that are hard links to it (left by {@code dedup --apply hardlink}) are not
 * problems, separate copies are reported.
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

    /**
     * The name to catalogue among those holding one content: the one the catalog had, else the first by path.
     * Other names are either hard links to it (dedup's {@code hardlink}; not a problem) or real copies.
     */
    private static String canonical(List<String> names, Provenance before) {
        return before != null && names.contains(before.path()) ? before.path() : names.get(0);
    }

    private boolean sameFile(String a, String b) {
        try {
            return Files.isSameFile(library.resolve(a), library.resolve(b));
        } catch (IOException e) {
            return false;
        }
    }

    public Result rebuild() throws IOException {
        new Recovery(catalog, analyzer, library).reconcile();
        Map<String, Provenance> kept = catalog.reads().provenance();
        List<String> files = LibraryFiles.list(library);
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("rebuild"));
        List<Future<Analysis>> futures = new ArrayList<>();
        try {
            for (String rel : files) {
                futures.add(pool.submit(() -> analyzer.analyze(library.resolve(rel))));
            }
            CatalogBatch batch = new CatalogBatch();
            kept.keySet().forEach(batch::remove);
            Map<String, List<String>> namesOf = new LinkedHashMap<>();
            Map<String, Analysis> analysisOf = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Analysis a = futures.get(i).get();
                String rel = files.get(i);
                if (!a.ok()) {
                    problems.add(rel + ": " + a.error());
                    continue;
                }
                namesOf.computeIfAbsent(a.contentHash(), k -> new ArrayList<>()).add(rel);
                analysisOf.putIfAbsent(a.contentHash(), a);
            }
            for (Map.Entry<String, List<String>> e : namesOf.entrySet()) {
                Provenance p = kept.get(e.getKey());
                String rel = canonical(e.getValue(), p);
                for (String other : e.getValue()) {
                    if (!other.equals(rel) && !sameFile(other, rel)) {
                        problems.add(other + ": same content as another library file; catalogued once");
                    }
                }
                Analysis a = analysisOf.get(e.getKey());
                AssetRecord r = AssetRecords.of(a, rel, p == null ? null : p.originalPath(),
                        p == null ? LibraryFiles.projectOf(layout, rel) : p.project(), p == null ? null : p.run(),
                        p == null || p.organizedAt() == null ? LocalDateTime.now() : p.organizedAt());
                batch.add(r);
            }
            catalog.commit(batch);
            return new Result(namesOf.size(), problems);
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
