package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Library;
import io.alicemultiverse.app.UnderstandConfig;
import io.alicemultiverse.mcp.McpStdioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code alice mcp}: the MCP server over stdio for Claude Desktop; exits when stdin closes. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the library to Claude Desktop (or any MCP client) over stdin/stdout.")
final class McpCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Override
    public Integer call() throws Exception {
        Config c = lib.resolve();
        // stdout belongs to the protocol: anything else printed by a library would corrupt it
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        OwnerChannel.refuseIfOwned(c.library());
        // the catalog is open (and migrated) before owner.json tells others to come here
        try (Library library = lib.open();
             OwnerChannel owner = OwnerChannel.open(c.library(), "mcp")) {
            library.warmSearchInBackground();
            McpStdioServer.serve(library, c.inbox(), UnderstandConfig.load(lib.config, System.getenv()),
                    System.getenv(), System.in, protocol);
        }
        return 0;
    }
}
