package io.alicemultiverse.search;

/**
 * Quiets Lucene's notices about the JVM it runs on, once, for every command that opens an index; holds the two
 * loggers so their levels stick.
 */
final class LuceneNotices {
    /**
     * Lucene's notices about the JVM it runs on, printed on stderr in every command that opens an index: on Java 21
     * and later "Using MemorySegmentIndexInput…" (INFO) and "You are running with Java 23 or later. To make full use
     * of the Vector API, please update Apache Lucene" (WARNING). They are advice for Lucene's integrators, not for
     * alice's users. Held so the levels stick (the JDK keeps loggers weakly).
     */
    private static final java.util.logging.Logger STORE = quiet("org.apache.lucene.store",
            java.util.logging.Level.WARNING);
    private static final java.util.logging.Logger VECTOR = quiet("org.apache.lucene.internal.vectorization",
            java.util.logging.Level.SEVERE);

    private static java.util.logging.Logger quiet(String name, java.util.logging.Level from) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(from);
        return log;
    }

    private LuceneNotices() {
    }

    /** Makes sure the levels are set (loading this class sets them). */
    static void ensureQuiet() {
        if (STORE.getLevel() == null || VECTOR.getLevel() == null) {
            throw new IllegalStateException("Lucene's notices were not quieted");
        }
    }
}
