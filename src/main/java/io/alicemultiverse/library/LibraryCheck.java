package io.alicemultiverse.library;

import io.alicemultiverse.catalog.AssetFile;
import io.alicemultiverse.catalog.Catalog;
import io.alicemultiverse.catalog.CatalogBatch;
import io.alicemultiverse.catalog.JournalEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the catalog with the disk: rows whose file is missing or whose content changed (size or time differ
 * and the SHA-256 confirms it), and library files the catalog lacks. A file that is another name (hard link) of a
 * catalogued file, as {@code dedup --apply hardlink} leaves, is listed as linked, not as a problem. With repair,
 * missing rows are dropped, changed files re-read, unknown files catalogued where they lie. A file that a live run
 * (on a shared catalog, another machine's organize under way) has planned to place or take away is reported in
 * flight, neither missing nor unknown, and a repair leaves it to that run. Never touches user files.
 */
public final class LibraryCheck {
    private final Catalog catalog;
    private final FileAnalyzer analyzer;
    private final Path library;
    private final Layout layout;

    public LibraryCheck(Catalog catalog, FileAnalyzer analyzer, Path library, Layout layout) {
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.library = library.toAbsolutePath().normalize();
        this.layout = layout;
    }

    public CheckReport check(boolean repair) throws IOException {
        if (!repair) {
            return checkHoldingLock(false);
        }
        try (Catalog.WriterLock lock = catalog.exclusiveWriter(null)) {
            return checkHoldingLock(true);
        }
    }

    private CheckReport checkHoldingLock(boolean repair) throws IOException {
        if (repair) {
            new Recovery(catalog, analyzer, library).reconcile();
        }
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        List<String> uncatalogued = new ArrayList<>(); // what a repair cannot add, with why
        Map<String, AssetFile> byPath = new HashMap<>();
        Set<Object> catalogued = new HashSet<>(); // file identities (device, inode) of catalogued files
        Map<String, String> hashes = catalog.assetPaths();
        CatalogBatch batch = new CatalogBatch();
        List<AssetFile> gone = new ArrayList<>();
        for (AssetFile f : catalog.assetFiles()) {
            byPath.put(f.path(), f);
            Path file = library.resolve(f.path());
            if (!Files.isRegularFile(file)) {
                gone.add(f);
                continue;
            }
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.fileKey() != null) {
                catalogued.add(attrs.fileKey());
            }
            if (attrs.size() == f.bytes() && attrs.lastModifiedTime().toMillis() == f.mtime()) {
                continue;
            }
            if (attrs.size() == f.bytes() && SafeFiles.hasContent(file, f.contentHash())) {
                continue; // only touched
            }
            changed.add(f.path());
            batch.remove(f.contentHash());
            Analysis a = analyzer.analyze(file);
            if (a.ok() && !hashes.containsKey(a.contentHash())) {
                batch.add(AssetRecords.of(a, f.path(), null, f.project(), null, LocalDateTime.now()));
            } else {
                uncatalogued.add(f.path() + ": " + why(a, hashes));
            }
        }
        List<String> strangers = new ArrayList<>();
        for (String rel : LibraryFiles.list(library)) {
            if (byPath.containsKey(rel)) {
                continue;
            }
            Object key = Files.readAttributes(library.resolve(rel), BasicFileAttributes.class).fileKey();
            if (key != null && catalogued.contains(key)) {
                linked.add(rel); // another name of a catalogued file (dedup --apply hardlink): nothing to fix
                continue;
            }
            strangers.add(rel);
        }
        // read after the disk: a file a live run (another machine's organize, dedup, undo) is placing or taking
        // away, or one whose row was committed meanwhile, is in flight, not a problem
        List<String> inFlight = new ArrayList<>();
        Set<String> flying = strangers.isEmpty() && gone.isEmpty() ? Set.of() : flying();
        Set<String> nowCatalogued = strangers.isEmpty() && gone.isEmpty() ? Set.of()
                : new HashSet<>(catalog.assetPaths().values());
        for (AssetFile f : gone) {
            if (flying.contains(f.path())) {
                inFlight.add(f.path());
            } else if (nowCatalogued.contains(f.path())) {
                missing.add(f.path());
                batch.remove(f.contentHash());
            }
        }
        for (String rel : strangers) {
            if (flying.contains(rel) || nowCatalogued.contains(rel)) {
                inFlight.add(rel);
                continue;
            }
            unknown.add(rel);
            Analysis a = analyzer.analyze(library.resolve(rel));
            if (a.ok() && !hashes.containsKey(a.contentHash())) {
                hashes.put(a.contentHash(), rel);
                batch.add(AssetRecords.of(a, rel, null, LibraryFiles.projectOf(layout, rel), null, LocalDateTime.now()));
            } else {
                uncatalogued.add(rel + ": " + why(a, hashes));
            }
        }
        if (repair) {
            catalog.commit(batch);
        }
        return new CheckReport(missing, changed, unknown, linked, repair, uncatalogued, inFlight);
    }

    /** Library paths (relative) that live runs' planned operations name, as source or target. */
    private Set<String> flying() {
        Set<String> out = new HashSet<>();
        for (JournalEntry e : catalog.journal().inFlight()) {
            for (String p : new String[]{e.source(), e.target()}) {
                if (p != null) {
                    Path abs = library.resolve(p).normalize();
                    if (abs.startsWith(library)) {
                        out.add(library.relativize(abs).toString());
                    }
                }
            }
        }
        return out;
    }

    /** Why a file cannot be catalogued: it cannot be read as an asset, or its content is catalogued already. */
    private static String why(Analysis a, Map<String, String> hashes) {
        return !a.ok() ? a.error() : "the same content is catalogued as " + hashes.get(a.contentHash());
    }
}
