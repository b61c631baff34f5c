package io.alicemultiverse.search;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lucene's notices about the JVM (on Java 21 and later: the memory-segment directory at INFO, the Vector API at
 * WARNING) do not reach stderr once an index class is loaded; Lucene's other warnings still do.
 */
class LexicalIndexNoticesTest {
    @Test
    void jvmNoticesAreQuietOtherWarningsAreNot() throws Exception {
        Class.forName(LexicalIndex.class.getName(), true, LexicalIndex.class.getClassLoader());
        assertThat(Logger.getLogger("org.apache.lucene.store.MemorySegmentIndexInputProvider").isLoggable(Level.INFO))
                .isFalse();
        assertThat(Logger.getLogger("org.apache.lucene.store.MMapDirectory").isLoggable(Level.WARNING)).isTrue();
        assertThat(Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider")
                .isLoggable(Level.WARNING)).isFalse();
        assertThat(Logger.getLogger("org.apache.lucene.index.IndexWriter").isLoggable(Level.WARNING)).isTrue();
    }
}
