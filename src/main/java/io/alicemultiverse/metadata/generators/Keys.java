package io.alicemultiverse.metadata.generators;

import java.util.Locale;

/**
 * The one rule for matching parameter names as generators spell them: {@code CFG scale}, {@code CFG Scale},
 * {@code cfg_scale} and {@code cfgScale} are the same key. Stateless.
 */
final class Keys {
    private Keys() {
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
