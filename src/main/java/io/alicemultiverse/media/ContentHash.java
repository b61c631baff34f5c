package io.alicemultiverse.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of file contents, the identity of an asset. Stateless and thread-safe. */
public final class ContentHash {
    private static final int BUFFER = 128 * 1024;
    private static final MessageDigest PROTOTYPE = sha256();

    private ContentHash() {
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone(); // no provider look-up per file; the prototype is never used
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Whether {@code s} looks like a full content hash (64 hex digits). */
    public static boolean looksLikeHash(String s) {
        return s != null && s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
