package io.alicemultiverse.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders whose files the MCP tools may organize or send out: the configured inbox, the roots the user named
 * when starting the server, and (for understanding) the library. A path is compared by its real location, so
 * {@code ..}, symbolic links and other spellings cannot lead outside. Immutable.
 */
final class Roots {
    private final Path inbox;
    private final Path library;
    private final List<Path> roots;

    Roots(Path inbox, Path library, List<Path> roots) {
        this.inbox = inbox;
        this.library = library;
        this.roots = List.copyOf(roots);
    }

    /**
     * The folder {@code organize_inbox} may take: the configured inbox (when {@code requested} is null) or a folder
     * that is the inbox, one of the roots, or under one of them.
     */
    Path inbox(String requested) {
        Path p = requested == null ? inbox : Path.of(requested);
        if (!Files.isDirectory(p)) {
            throw new ToolError("inbox folder not found: " + p + " (pass 'inbox' with an existing folder)");
        }
        if (requested != null && !inside(p, organizable())) {
            throw new ToolError("organize_inbox only takes the configured inbox (" + inbox + ") or folders under "
                    + "the roots the user allowed (" + shown(roots) + "); " + p + " is not among them. The user can "
                    + "add a root with `alice mcp --root DIR` or `mcp: {roots: [DIR]}` in the configuration.");
        }
        return p;
    }

    /** Refuses a file or folder that is neither in the library nor under the inbox or a root. */
    void requireSendable(Path p) {
        List<Path> allowed = organizable();
        allowed.add(library);
        if (!inside(p, allowed)) {
            throw new ToolError("images sent to a remote provider must be library assets or files under the "
                    + "configured inbox or the roots the user allowed (" + shown(roots) + "); " + p + " is not. "
                    + "Nothing was sent.");
        }
    }

    private List<Path> organizable() {
        List<Path> out = new ArrayList<>(roots);
        out.add(inbox);
        return out;
    }

    private static boolean inside(Path p, List<Path> folders) {
        Path real = real(p);
        if (real == null) {
            return false;
        }
        for (Path f : folders) {
            Path r = real(f);
            if (r != null && real.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String shown(List<Path> paths) {
        return paths.isEmpty() ? "none" : paths.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).get();
    }
}
