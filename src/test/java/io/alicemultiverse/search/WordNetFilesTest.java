package io.alicemultiverse.search;

import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WordNet copied once into the user's cache folder and opened from there. */
class WordNetFilesTest {
    @TempDir
    Path cache;

    @Test
    void theFilesAreCopiedOnceAndReadInPlace() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        Path dir = WordNetFiles.folder(env);
        assertThat(dir).isEqualTo(cache.resolve("alice").resolve("wordnet-3.1"));
        Dictionary first = WordNetFiles.open(env);
        assertThat(first.lookupIndexWord(POS.NOUN, "big cats").getLemma()).isEqualTo("big cat");
        long copied = Files.getLastModifiedTime(dir.resolve("data.noun")).toMillis();
        try (var listing = Files.list(cache.resolve("alice"))) {
            assertThat(listing.toList()).containsExactly(dir); // no temporary folder left behind
        }
        Dictionary again = WordNetFiles.open(env);
        assertThat(again.lookupIndexWord(POS.ADJECTIVE, "wild")).isNotNull();
        assertThat(Files.getLastModifiedTime(dir.resolve("data.noun")).toMillis()).isEqualTo(copied);
        assertThat(Files.size(dir.resolve("data.noun"))).isGreaterThan(10_000_000);
    }
}
