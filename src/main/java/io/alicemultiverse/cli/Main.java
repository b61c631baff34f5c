package io.alicemultiverse.cli;

import io.alicemultiverse.app.Owner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The {@code alice} command line: parses arguments and hands each subcommand to the application. Exit status 0
 * when everything worked, 1 when some input could not be processed, 2 on a usage error. A command on a library
 * that another process owns ({@code mcp}, {@code organize --watch}) is run by that owner.
 */
@Command(name = "alice", mixinStandardHelpOptions = true, version = "alice 0.1.0",
        description = "Organizes, understands and searches collections of AI-generated images and videos.")
public final class Main {
    /** Every subcommand, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(InspectCommand.class, OrganizeCommand.class,
            UndoCommand.class, CheckCommand.class, StatsCommand.class, IndexCommand.class, McpCommand.class,
            ServeCommand.class, SimilarCommand.class, DedupCommand.class, UnderstandCommand.class, CostsCommand.class,
            SearchCommand.class, TagCommand.class, TagsCommand.class, VideoCommand.class, ExportCommand.class,
            TimelineCommand.class, XmpCommand.class, CatalogCommand.class, CommandLine.HelpCommand.class);

    static {
        // picocli's default factory looks for Groovy's Closure class when it is first used: a class that is not
        // there, so the class loader opened and searched every one of the ~130 jars first (~20 ms of every command's
        // start). alice has no Groovy commands; this is picocli's documented switch for that lookup.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting (for tests), on this process's stdout and stderr. */
    public static int run(String... args) {
        return runWith(new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err, false, args);
    }

    /**
     * Runs a command line with its output on the given streams.
     *
     * @param inOwner true when this process is the library's owner running a forwarded command
     */
    static int runWith(PrintStream out, PrintStream err, boolean inOwner, String... args) {
        return runWith(out, err, inOwner, null, args);
    }

    /**
     * As {@link #runWith(PrintStream, PrintStream, boolean, String...)}; {@code admit}, when not null, sees the
     * parsed command line before it runs (the one parse) and returns false to run nothing: an owner refusing a
     * forwarded command about another library. Returns 1 then.
     */
    static int runWith(PrintStream out, PrintStream err, boolean inOwner,
                       java.util.function.Predicate<CommandLine.ParseResult> admit, String... args) {
        return Output.with(out, err, () -> {
            // one model for both the owner check and the run: building it is most of picocli's start-up cost, and
            // a parse resets every option to its initial value first, so the run parses afresh
            CommandLine cmd = commandLine(args);
            if (!inOwner) {
                Optional<Owner> owner = OwnerClient.ownerFor(cmd, args);
                if (owner.isPresent()) {
                    return forward(owner.get(), args);
                }
            }
            // an owner that appeared while the command waited for the catalog runs it instead (CatalogWait)
            java.util.concurrent.atomic.AtomicReference<Owner> appeared = new java.util.concurrent.atomic.AtomicReference<>();
            if (admit != null) {
                CommandLine.IExecutionStrategy run = cmd.getExecutionStrategy();
                cmd.setExecutionStrategy(parsed -> admit.test(parsed) ? run.execute(parsed) : 1);
            }
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                if (e instanceof CatalogWait.OwnerAppeared o && !inOwner && OwnerClient.forwardable(List.of(args))) {
                    appeared.set(o.owner());
                    return 0;
                }
                ClassArchive.unrepresentative(); // the command stopped part way
                // a clear message, not a stack trace: bad configuration, a locked catalog, a missing inbox
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                // the whole command ("alice tag add:", "alice timeline export:"), not its last word
                commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
                return e instanceof IllegalArgumentException ? 2 : 1;
            });
            // picocli answers 2 for invalid input and 1 for an exception escaping a command
            int exit = cmd.execute(args);
            if (exit == 2) {
                ClassArchive.unrepresentative(); // stopped at bad input: few of the command's classes were loaded
            }
            return appeared.get() != null ? forward(appeared.get(), args) : exit;
        });
    }

    private static int forward(Owner owner, String[] args) {
        ClassArchive.unrepresentative(); // the owner does the work; this process loads only the client's classes
        try {
            return OwnerClient.forward(owner, args);
        } catch (java.io.IOException e) {
            Output.error("cannot reach the library's owner (process " + owner.pid() + "): " + e.getMessage());
            return 1;
        }
    }

    /**
     * The library a command line works on, read by picocli as the command itself reads it (its {@code --library},
     * {@code --config} and {@code --catalog} against the current caller's folder and environment); empty when it is
     * not a library command or does not parse (the command then reports that itself). {@code cmd} is the
     * {@link #commandLine} the command will run with.
     */
    static Optional<java.nio.file.Path> libraryOf(CommandLine cmd, String... args) {
        try {
            return libraryOf(cmd.parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    /** The library of a parsed command line (see {@link #libraryOf(CommandLine, String...)}), absolute, links resolved. */
    static Optional<java.nio.file.Path> libraryOf(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult deepest = parsed;
        while (deepest.hasSubcommand()) {
            deepest = deepest.subcommand();
        }
        for (CommandLine.Model.CommandSpec spec = deepest.commandSpec(); spec != null; spec = spec.parent()) {
            for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof LibraryOptions lib) {
                    java.nio.file.Path root = lib.resolve().library();
                    try {
                        return Optional.of(java.nio.file.Files.exists(root) ? root.toRealPath() : root);
                    } catch (java.io.IOException e) {
                        return Optional.of(root);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The command line for {@code args}, with only the subcommand being run registered when {@code args[0]} names
     * one: picocli builds the model of every registered command up front, which cost ~140 ms of each short command's
     * start with all of them. Help, options before a command and unknown names get every subcommand, so listings and
     * "did you mean" suggestions are complete.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> register = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .toList();
        for (Class<?> c : register.isEmpty() ? COMMANDS : register) {
            cmd.addSubcommand(c);
        }
        // a path on the command line is the caller's: against the folder it was started in, also when an owner
        // runs the command for it (typed, so no option's value is taken for a path by its spelling)
        cmd.registerConverter(java.nio.file.Path.class, s -> CallerEnv.cwd().resolve(s));
        // "-blurry" in a search query is an excluded word, not an unknown option
        CommandLine search = cmd.getSubcommands().get("search");
        if (search != null) {
            search.setUnmatchedOptionsArePositionalParams(true);
        }
        return cmd;
    }
}
