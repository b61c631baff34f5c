package io.alicemultiverse.cli;

import io.alicemultiverse.app.SearchRequest;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.TagOutcome;
import io.alicemultiverse.search.SearchQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code alice tag add|remove}: user tags on assets named by path, content hash or a query. */
@Command(name = "tag", mixinStandardHelpOptions = true, description = "Add or remove your own tags.",
        subcommands = {TagCommand.Add.class, TagCommand.Remove.class})
final class TagCommand {

    abstract static class Change implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Option(names = "--query", paramLabel = "QUERY", converter = QueryText.class,
                description = "Tag every asset this search matches (all of them, not just the first 20).")
        String query;

        @Parameters(arity = "1..*", paramLabel = "ARG",
                description = "TARGET... TAG... without --query (the last argument is the tag unless --tags "
                        + "separates them); with --query: TAG...")
        List<String> args = new ArrayList<>();

        @Option(names = "--tags", arity = "1..*", paramLabel = "TAG", description = "The tags (then every ARG is a target).")
        List<String> tags = new ArrayList<>();

        abstract boolean add();

        @Override
        public Integer call() throws InterruptedException {
            List<String> targets = new ArrayList<>();
            List<String> tagList = new ArrayList<>(tags);
            if (query != null || !tags.isEmpty()) {
                (query != null && tags.isEmpty() ? tagList : targets).addAll(args);
            } else {
                if (args.size() < 2) {
                    throw new IllegalArgumentException("give a target and at least one tag: alice tag "
                            + (add() ? "add" : "remove") + " TARGET TAG...");
                }
                targets.add(args.get(0));
                tagList.addAll(args.subList(1, args.size()));
            }
            if (tagList.isEmpty()) {
                throw new IllegalArgumentException("no tag given");
            }
            try (LibraryService library = lib.existing()) {
                SearchQuery q = query == null ? null
                        : library.query(SearchRequest.selection(query, SearchQuery.MAX_LIMIT));
                TagOutcome outcome = library.tag(add(), targets, q, tagList);
                int n = outcome.assets();
                Output.out().printf("%s %s on %d asset%s%n", add() ? "tagged" : "untagged",
                        TerminalText.line(String.join(", ", tagList)),
                        n, n == 1 ? "" : "s");
                outcome.sidecarProblems().forEach(Output::error);
                if (!outcome.sidecarProblems().isEmpty()) {
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add tags: alice tag add TARGET TAG... | alice tag add --query QUERY TAG...")
    static final class Add extends Change {
        @Override
        boolean add() {
            return true;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove your tags: alice tag remove TARGET TAG... | alice tag remove --query QUERY TAG...")
    static final class Remove extends Change {
        @Override
        boolean add() {
            return false;
        }
    }
}
