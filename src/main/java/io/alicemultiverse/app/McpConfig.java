package io.alicemultiverse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code mcp:} section from the same files as {@link Config}, in the same order (the user's
 * {@code config.yaml}, then {@code --config FILE}; lists from both add up): {@code allow} (classes of action the MCP
 * server may carry out without asking the user: {@code move}, {@code remote}) and {@code roots} (folders whose files
 * its tools may organize or send out, besides the inbox). Stateless.
 *
 * @param allow action names, as written
 * @param roots folders, {@code ~/} expanded
 */
public record McpConfig(List<String> allow, List<Path> roots) {
    public McpConfig {
        allow = List.copyOf(allow);
        roots = List.copyOf(roots);
    }

    public static McpConfig load(Path explicitFile, Map<String, String> env) {
        List<String> allow = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "alice", "config.yaml")
                : home == null ? null : Path.of(home, ".config", "alice", "config.yaml");
        for (Path file : new Path[]{user, explicitFile}) {
            if (file != null && Files.isRegularFile(file)) {
                JsonNode mcp = section(file);
                if (mcp != null) {
                    mcp.path("allow").forEach(n -> allow.add(n.asText()));
                    mcp.path("roots").forEach(n -> roots.add(expand(n.asText(), home)));
                }
            }
        }
        return new McpConfig(allow, roots);
    }

    private static Path expand(String p, String home) {
        return p.startsWith("~/") && home != null ? Path.of(home, p.substring(2)) : Path.of(p);
    }

    private static JsonNode section(Path file) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return n == null ? null : n.get("mcp");
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
