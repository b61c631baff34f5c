package io.alicemultiverse.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Turns half of a synthetic catalog's assets into videos with a catalogued length, so {@code bench/timeline.sh}
 * times both clip kinds (the files do not exist; a timeline only names them):
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.alicemultiverse.bench.MakeTimelineClips bench-data/timeline
 * </pre>
 */
public final class MakeTimelineClips {
    private MakeTimelineClips() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).resolve(".alice/catalog.duckdb").toAbsolutePath();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            int n = s.executeUpdate("UPDATE assets SET media_type = 'video', duration = 2 + (hash(content_hash) % 400) / 100.0 "
                    + "WHERE hash(content_hash) % 2 = 0");
            System.out.println(n + " assets are now videos in " + file);
        }
    }
}
