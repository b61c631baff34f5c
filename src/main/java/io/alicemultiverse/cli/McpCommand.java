package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.McpConfig;
import io.alicemultiverse.app.UnderstandConfig;
import io.alicemultiverse.mcp.McpPermissions;
import io.alicemultiverse.mcp.McpStdioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code alice mcp}: the MCP server over stdio for Claude Desktop; exits when stdin closes. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the library to Claude Desktop (or any MCP client) over stdin/stdout.")
final class McpCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--allow", split = ",", paramLabel = "ACTION",
            description = "Let the model do this without asking you each time: move (organize with move), remote "
                    + "(send images to a remote vision provider). Without it the server asks you through the "
                    + "client (MCP elicitation) or, when the client cannot ask, refuses.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR",
            description = "A folder (with everything under it) the tools may organize or send images from, besides "
                    + "the configured inbox. Repeatable.")
    List<Path> roots = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Config c = lib.resolve();
        McpConfig configured = McpConfig.load(lib.config, CallerEnv.get());
        McpPermissions permissions = McpPermissions.of(configured.allow(), configured.roots())
                .plus(McpPermissions.of(allow, roots));
        // stdout belongs to the protocol: anything else printed by a library would corrupt it
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        OwnerChannel.refuseIfOwned(c.library());
        // the catalog is open (and migrated) before owner.json tells others to come here
        try (LibraryService library = lib.open();
             OwnerChannel owner = OwnerChannel.open(library, "mcp")) {
            library.warmSearchInBackground();
            // the owner advances video jobs submitted from anywhere, so their clips land while it runs
            library.advanceVideoJobsInBackground(VideoCommand.settings(lib.config, System.getenv()), System.getenv());
            McpStdioServer.serve(library, c.inbox(), UnderstandConfig.load(lib.config, System.getenv()),
                    System.getenv(), permissions, System.in, protocol);
        }
        return 0;
    }
}
