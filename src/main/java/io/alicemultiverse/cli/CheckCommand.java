package io.alicemultiverse.cli;

import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.library.CheckReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alice check [--repair]}: compares the catalog with the disk. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report catalog rows whose files are missing or changed, and library files the catalog lacks.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:catalog and disk agree (or were repaired)", "1:differences found", "2:usage error"})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--repair", description = "Bring the catalog in line with the disk (never touches your files).")
    boolean repair;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Output.out();
        try (LibraryService library = lib.existing()) {
            CheckReport r = library.check(repair);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("missing", r.missing());
                m.put("changed", r.changed());
                m.put("unknown", r.unknown());
                m.put("linked", r.linked());
                m.put("repaired", r.repaired());
                m.put("uncatalogued", r.uncatalogued());
                m.put("in_flight", r.inFlight());
                out.println(Output.json(m));
            } else {
                r.missing().forEach(p -> out.println("missing  " + TerminalText.line(p)));
                r.changed().forEach(p -> out.println("changed  " + TerminalText.line(p)));
                r.unknown().forEach(p -> out.println("unknown  " + TerminalText.line(p)));
                r.inFlight().forEach(p -> out.println("in flight  " + TerminalText.line(p)));
                if (r.repaired()) {
                    r.uncatalogued().forEach(p -> out.println("not catalogued  " + p));
                }
                out.printf("%d missing, %d changed, %d not in the catalog%s%s%s%n", r.missing().size(),
                        r.changed().size(), r.unknown().size(), r.linked().isEmpty() ? ""
                                : " (" + r.linked().size() + " hard links to catalogued files, fine)",
                        r.inFlight().isEmpty() ? "" : " (" + r.inFlight().size()
                                + " in flight: a run under way is placing or moving them, fine)",
                        !r.repaired() || r.clean() ? ""
                                : r.fullyRepaired() ? " — catalog repaired"
                                : " — catalog repaired except " + r.uncatalogued().size() + " file(s) it cannot take");
            }
            return r.clean() || r.repaired() ? 0 : 1;
        }
    }
}
