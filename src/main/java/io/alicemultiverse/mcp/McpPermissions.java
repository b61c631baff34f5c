package io.alicemultiverse.mcp;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the user allowed when starting {@code alice mcp} (flags {@code --allow} and {@code --root}, or the
 * configuration's {@code mcp:} section): the classes of consequential action the server may carry out without asking,
 * and the folders beyond the configured inbox whose files its tools may organize or send out. Immutable.
 *
 * @param allowed classes of action allowed without asking the user each time
 * @param roots   folders (with everything under them) that {@code organize_inbox} and a remote
 *                {@code understand_assets} may take, besides the configured inbox and the library's own assets
 */
public record McpPermissions(Set<Action> allowed, List<Path> roots) {
    /** A class of action that is never carried out on the model's word alone. */
    public enum Action {
        /** Moving files (organize with move): they leave the folder the user put them in. */
        MOVE,
        /** Sending images to a paid or remote vision provider: they leave the machine, and it may cost money. */
        REMOTE;

        /** The name used in flags and configuration. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public McpPermissions {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
        roots = List.copyOf(roots);
    }

    /** Nothing allowed without asking, no folder beyond the configured inbox. */
    public static McpPermissions none() {
        return new McpPermissions(Set.of(), List.of());
    }

    /**
     * Permissions from action names ({@code move}, {@code remote}; blank entries ignored) and root folders.
     *
     * @throws IllegalArgumentException naming an unknown action
     */
    public static McpPermissions of(Collection<String> actions, Collection<Path> roots) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String a : actions) {
            String name = a.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(Action.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown action to allow: '" + a + "' (use move, remote)", e);
            }
        }
        return new McpPermissions(out, List.copyOf(roots));
    }

    /** These permissions and {@code other}'s together (flags add to the configuration). */
    public McpPermissions plus(McpPermissions other) {
        Set<Action> a = EnumSet.noneOf(Action.class);
        a.addAll(allowed);
        a.addAll(other.allowed);
        List<Path> r = new java.util.ArrayList<>(roots);
        r.addAll(other.roots);
        return new McpPermissions(a, r);
    }

    /** Whether {@code action} may be carried out without asking. */
    public boolean allows(Action action) {
        return allowed.contains(action);
    }
}
