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
        for (JsonNode section : sections(explicitFile, env, "understanding")) {
            s = s.merge(section);
        }
        return s;
    }

    /**
     * The {@code name} section of each configuration file that has one, in the order they apply: the user's
     * {@code config.yaml} ({@code $XDG_CONFIG_HOME/alice} or {@code ~/.config/alice}), then {@code explicitFile}.
     */
    static java.util.List<JsonNode> sections(Path explicitFile, Map<String, String> env, String name) {
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "alice", "config.yaml")
                : home == null ? null : Path.of(home, ".config", "alice", "config.yaml");
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        for (Path f : new Path[]{user, explicitFile}) {
            if (f != null && Files.isRegularFile(f)) {
                JsonNode n = section(f, name);
                if (n != null && !n.isNull()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static JsonNode section(Path file, String name) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return n == null ? null : n.get(name);
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
