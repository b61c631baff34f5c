package io.alicemultiverse.metadata.generators;

import java.util.Locale;

/**
 * The one rule for matching parameter names as generators spell them: {@code CFG scale}, {@code CFG Scale},
 * {@code cfg_scale} and {@code cfgScale} are the same key. Stateless.
 */
final class Keys {
    private Keys() {
    }

    /**
     * Whether {@code normal(key).equals(normalWant)}, without building the normalised key when {@code key} is ASCII
     * (nearly every key): matching runs once per key per lookup, so it was a measurable share of inspect's CPU.
     */
    static boolean matches(String key, String normalWant) {
        int j = 0;
        int n = normalWant.length();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return normal(key).equals(normalWant); // Unicode case rules: the general path
            }
            if (c == ' ' || c == '_' || c == '-' || c == '.') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (j >= n || normalWant.charAt(j) != c) {
                return false;
            }
            j++;
        }
        return j == n;
    }

    /** The key lower-cased with spaces, hyphens, underscores and dots removed. */
    static String normal(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != ' ' && c != '_' && c != '-' && c != '.') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
