package io.alicemultiverse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The launcher's class-data archive (see {@code alice}): the first run of a command writes the classes it loaded to
 * {@code target/cds/COMMAND.jsa} at exit, and every later run maps that archive instead of loading those classes from
 * the jars. A first run that did too little loads too few classes, and its archive would slow every later run until
 * the next build (a 20-file organize took ~0.25 CPU-s more with the archive of an empty-inbox run). Such runs are an
 * organize that filed nothing (an empty inbox, every file unchanged), a command forwarded to the library's owner, and
 * one stopped by bad input or an error. Such a run marks the archive being written, and the launcher drops it: the
 * next run writes one instead.
 *
 * <p>The launcher names the archive in the system property {@value #PROPERTY} only on a run that writes one; without
 * it (tests, a JVM started by hand) nothing happens.
 */
final class ClassArchive {
    static final String PROPERTY = "alice.cds.dump";
    /** Beside the archive being written: the launcher drops an archive that has it. */
    static final String MARK = ".skip";

    private ClassArchive() {
    }

    /** Marks the archive this JVM writes at exit, if it writes one, as not worth keeping. */
    static void unrepresentative() {
        String dump = System.getProperty(PROPERTY);
        if (dump == null || dump.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(dump + MARK), "");
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            // the archive is then kept: a slower start, never a wrong result
        }
    }
}
