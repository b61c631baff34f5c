package io.alicemultiverse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alicemultiverse.understand.UnderstandSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the {@code understanding:} section from the same files as {@link Config}, in the same order (the user's
 * {@code config.yaml}, then {@code --config FILE}); keys not given keep their defaults. API keys are never read from
 * files. Stateless.
 */
public final class UnderstandConfig {
    private UnderstandConfig() {
    }

    public static UnderstandSettings load(Path explicitFile, Map<String, String> env) {
        UnderstandSettings s = UnderstandSettings.defaults();
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "alice", "config.yaml")
                : home == null ? null : Path.of(home, ".config", "alice", "config.yaml");
        if (user != null && Files.isRegularFile(user)) {
            s = s.merge(section(user));
        }
        if (explicitFile != null && Files.isRegularFile(explicitFile)) {
            s = s.merge(section(explicitFile));
        }
        return s;
    }

    private static JsonNode section(Path file) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return n == null ? null : n.get("understanding");
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
