package io.alicemultiverse.testsupport;

import io.alicemultiverse.catalog.Catalog;

import java.nio.file.Path;

/**
 * A process that has a library's DuckDB catalog open, as another one-shot {@code alice} command would: opens it,
 * prints {@code open}, and holds it until its standard input closes. Run with {@link #start(Path)}.
 */
public final class HoldCatalog {
    private HoldCatalog() {
    }

    public static void main(String[] args) throws Exception {
        try (Catalog c = Catalog.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until stdin closes
            }
        }
    }

    /** Starts a holder of {@code library}'s catalog and returns once it has the catalog open. */
    public static Process start(Path library) throws Exception {
        Process p = new ProcessBuilder(AliceProcess.java(), "-cp", System.getProperty("java.class.path"),
                HoldCatalog.class.getName(), library.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"open".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the holder did not open the catalog: " + line);
        }
        return p;
    }
}
