package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.IndexRebuild;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;

import java.util.concurrent.Callable;

/** {@code alice index rebuild}: recreates the catalog from the library's files. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Maintain the catalog.",
        subcommands = IndexCommand.Rebuild.class)
final class IndexCommand {

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Recreate the catalog from the library's files, keeping user-made data (tags, journal, runs).")
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        LibraryOptions lib;

        @Override
        public Integer call() throws Exception {
            PrintStream out = Output.out();
            try (LibraryService library = lib.open()) {
                IndexRebuild.Result r = library.rebuild();
                r.problems().forEach(p -> Output.err().println("alice: " + p));
                out.printf("catalog rebuilt: %d assets%n", r.assets());
                return 0;
            }
        }
    }
}
