package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.UndoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice undo [RUN]}: puts a run's files back. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Put the files of a run (default: the latest) back where they came from.")
final class UndoCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "The run id printed by organize.")
    String run;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Output.out();
        try (LibraryService library = lib.existing()) {
            UndoSummary s;
            try {
                s = library.undo(run);
            } catch (IllegalArgumentException e) {
                Output.error(e.getMessage());
                return 1;
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run", s.run());
                m.put("undo_run", s.undoRun());
                m.put("restored", s.restored());
                m.put("skipped", s.skipped());
                out.println(Output.json(m));
            } else {
                out.printf("undid run %s: %d files put back%n", s.run(), s.restored());
                s.skipped().forEach(x -> out.println("  left alone: " + x));
            }
            return s.skipped().isEmpty() ? 0 : 1;
        }
    }
}
