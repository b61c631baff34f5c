package io.alicemultiverse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where every input of a crash loop is, read from the disk (and, for the trash and the duplicates park, from the
 * catalog's journal, read-only), and the invariants the loop asserts. Files are told apart by inode, so the names a
 * hard link shares count once. Problems are tagged {@code LOST} (an input's bytes are nowhere, or fewer times than
 * it was given), {@code DOUBLED} (content stored twice where the library keeps one, a name the inbox never had, a
 * trash or park file no done operation accounts for, a temporary leftover, bytes no input had) or {@code STATE}
 * (the journal says a file is somewhere it is not).
 */
public final class CrashState {
    /** One file found: where, its path relative to that place, its content and its inode. */
    public record Found(String place, String path, String hash, Object inode) {
    }

    private final Path inbox;
    private final Path late;
    private final Path library;
    private final List<Found> files = new ArrayList<>();

    private CrashState(Path inbox, Path late, Path library) {
        this.inbox = inbox;
        this.late = late;
        this.library = library;
    }

    /** Reads the disk as it is now. */
    public static CrashState read(Path inbox, Path late, Path library) throws IOException {
        CrashState s = new CrashState(inbox, late, library);
        s.walk(inbox, "inbox");
        s.walk(late, "inbox"); // files not yet delivered are inputs waiting, like the inbox's
        s.walk(library, "library");
        return s;
    }

    private void walk(Path root, String base) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                String place = base;
                if (base.equals("library") && rel.startsWith(".alice/")) {
                    if (rel.startsWith(".alice/trash/")) {
                        if (rel.endsWith("/manifest.json")) {
                            continue;
                        }
                        place = "trash";
                    } else if (rel.startsWith(".alice/duplicates/")) {
                        place = "park";
                    } else if (rel.startsWith(".alice/tmp/")) {
                        place = "tmp";
                    } else {
                        continue; // the catalog, caches, thumbnails, owner file
                    }
                }
                files.add(new Found(place, rel, TempLibrary.sha256(p), a.fileKey()));
            }
        }
    }

    /** Nothing lost: every input's content is held by at least as many files (inodes) as inputs carry it. */
    public List<String> lost(Map<String, String> manifest) {
        Map<String, Set<Object>> holders = new HashMap<>();
        for (Found f : files) {
            if (!f.place().equals("tmp")) { // a temporary file never counts as a copy
                holders.computeIfAbsent(f.hash(), h -> new HashSet<>()).add(f.inode());
            }
        }
        Map<String, Integer> given = new HashMap<>();
        manifest.values().forEach(h -> given.merge(h, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        Map<String, String> someName = new TreeMap<>();
        manifest.forEach((rel, h) -> someName.putIfAbsent(h, rel));
        given.forEach((h, n) -> {
            int have = holders.getOrDefault(h, Set.of()).size();
            if (have < n) {
                out.add("LOST " + someName.get(h) + ": " + have + " of " + n + " copies of " + h.substring(0, 12));
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * After the journal is settled: nothing doubled, and the journal agrees with the trash and the park. Reads the
     * catalog read-only; call it only while no alice process has the library open.
     */
    public List<String> settled(Map<String, String> manifest) throws IOException {
        List<String> out = new ArrayList<>(lost(manifest));
        Set<String> inputs = new HashSet<>(manifest.values());
        Map<String, Set<Object>> inLibrary = new HashMap<>();
        for (Found f : files) {
            switch (f.place()) {
                case "inbox" -> {
                    if (!f.hash().equals(manifest.get(f.path()))) {
                        out.add("DOUBLED inbox/" + f.path() + ": a name or content the inbox never had");
                    }
                }
                case "library" -> inLibrary.computeIfAbsent(f.hash(), h -> new HashSet<>()).add(f.inode());
                case "tmp" -> out.add("DOUBLED .alice/" + f.path().substring(".alice/".length())
                        + ": temporary file left behind");
                default -> { }
            }
            if (!inputs.contains(f.hash())) {
                out.add("DOUBLED " + f.place() + " " + f.path() + ": bytes no input had (a torn copy?)");
            }
        }
        inLibrary.forEach((h, inodes) -> {
            if (inodes.size() > 1) {
                out.add("DOUBLED library: " + inodes.size() + " separate copies of " + h.substring(0, 12) + " "
                        + files.stream().filter(f -> f.place().equals("library") && f.hash().equals(h))
                        .map(Found::path).toList());
            }
        });
        out.addAll(journalAgrees());
        return out;
    }

    /**
     * Every trash and park file is the target of an operation whose latest state is {@code done}, with the bytes it
     * names; every such operation's target is there.
     */
    private List<String> journalAgrees() throws IOException {
        Map<String, String> claimed = new HashMap<>(); // absolute target → content hash
        Path root = library.toAbsolutePath().normalize();
        Path catalog = library.resolve(".alice/catalog.duckdb");
        if (!Files.exists(catalog)) {
            return List.of();
        }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + catalog.toAbsolutePath(), ro);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT operation, target, content_hash FROM journal
                     QUALIFY row_number() OVER (PARTITION BY run, seq ORDER BY entry DESC) = 1
                     AND state = 'done' AND operation IN ('trash', 'trash-link', 'duplicate-move', 'sidecar-trash', 'sidecar-restore', 'sidecar-move')""")) {
            while (rs.next()) {
                String target = rs.getString(2); // stored relative to the library (absolute before issue 19)
                claimed.put(Path.of(target).isAbsolute() ? target : root.resolve(target).toString(), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the journal of " + catalog + ": " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Found f : files) {
            if (f.place().equals("trash") || f.place().equals("park")) {
                String abs = root.resolve(f.path()).toString();
                present.add(abs);
                String h = claimed.get(abs);
                if (h == null || !h.equals(f.hash())) {
                    out.add("DOUBLED " + f.path() + ": no done operation put these bytes there");
                }
            }
        }
        String trash = root.resolve(".alice/trash").toString();
        String park = root.resolve(".alice/duplicates").toString();
        claimed.forEach((target, h) -> {
            if ((target.startsWith(trash) || target.startsWith(park)) && !present.contains(target)) {
                out.add("STATE " + root.relativize(Path.of(target)) + ": the journal says done, the file is not there");
            }
        });
        return out;
    }

    /** After every run is undone: the inbox exactly as given, and nothing left in the library, trash or park. */
    public List<String> restored(Map<String, String> manifest) {
        List<String> out = new ArrayList<>();
        Map<String, String> inboxNow = new TreeMap<>();
        for (Found f : files) {
            if (f.place().equals("inbox")) {
                inboxNow.put(f.path(), f.hash());
            } else {
                out.add("DOUBLED " + f.place() + " " + f.path() + ": still there after every run was undone");
            }
        }
        manifest.forEach((rel, h) -> {
            String now = inboxNow.get(rel);
            if (now == null) {
                out.add("LOST inbox/" + rel + ": not back after undo");
            } else if (!now.equals(h)) {
                out.add("LOST inbox/" + rel + ": other bytes after undo");
            }
        });
        inboxNow.keySet().stream().filter(rel -> !manifest.containsKey(rel))
                .forEach(rel -> out.add("DOUBLED inbox/" + rel + ": a name the inbox never had"));
        return out;
    }

    /**
     * A cheap picture of the user's files (paths, sizes, times; inside {@code .alice} only the temporary files, the
     * trash and the park) to tell whether a command has begun, or had begun, changing them.
     */
    public static String stamp(Path... roots) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return stampOnce(roots);
            } catch (java.io.UncheckedIOException e) { // a file the running command moved vanished mid-walk
                if (!(e.getCause() instanceof NoSuchFileException) || attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private static String stampOnce(Path... roots) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted().toList()) {
                    String rel = root.relativize(p).toString();
                    if (rel.startsWith(".alice/") && !rel.startsWith(".alice/tmp/") && !rel.startsWith(".alice/trash/")
                            && !rel.startsWith(".alice/duplicates/")) {
                        continue;
                    }
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            b.append(rel).append(' ').append(a.size()).append(' ')
                                    .append(a.lastModifiedTime().toMillis()).append('\n');
                        }
                    } catch (NoSuchFileException e) {
                        // gone meanwhile
                    }
                }
            }
        }
        return b.toString();
    }

    /** Runs that can still be undone, newest first. */
    public static List<String> undoableRuns(Path library) throws IOException {
        Path catalog = library.resolve(".alice/catalog.duckdb");
        List<String> out = new ArrayList<>();
        if (!Files.exists(catalog)) {
            return out;
        }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + catalog.toAbsolutePath(), ro);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT run FROM runs WHERE command <> 'undo' "
                     + "AND coalesce(status, '') <> 'undone' ORDER BY started_at DESC, run DESC")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the runs of " + catalog + ": " + e.getMessage(), e);
        }
        return out;
    }
}
