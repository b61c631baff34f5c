package io.alicemultiverse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code alice} command line: parses arguments and hands each subcommand to the application. Exit status 0
 * when everything worked, 1 when some input could not be processed, 2 on a usage error.
 */
@Command(name = "alice", mixinStandardHelpOptions = true, version = "alice 0.1.0",
        description = "Organizes, understands and searches collections of AI-generated images and videos.",
        subcommands = {InspectCommand.class, OrganizeCommand.class, UndoCommand.class, CheckCommand.class,
                StatsCommand.class, IndexCommand.class, SearchCommand.class, TagCommand.class, TagsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting (for tests). */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // a clear message, not a stack trace: bad configuration, a locked catalog, a missing inbox
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println("alice " + commandLine.getCommandName() + ": " + message);
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        // "-blurry" in a search query is an excluded word, not an unknown option
        cmd.getSubcommands().get("search").setUnmatchedOptionsArePositionalParams(true);
        // picocli answers 2 for invalid input and 1 for an exception escaping a command
        return cmd.execute(args);
    }
}
