package org.byon.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.coverage.Coverage;
import org.byon.conformance.coverage.Statements;
import org.byon.conformance.tests.Catalogue;
import org.byon.openapi.ByonContract;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code byon-conformance coverage [--report DIR|FILE...] [--check]}: the cells of byon.yaml (operation x
 * status x code, event type x enumerated value), the tests of a run that exercised each, the
 * exclusions with their reasons, and the percentage; then the normative statements of byon.yaml's
 * prose ({@link Statements}), the tests that checked each, and their percentage. Without a report
 * only the statements are printed, with the tests mapped to them. With {@code --check} it exits 1
 * when a cell or statement is neither covered nor listed out/gap, or an entry is stale.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Prints which cells of byon.yaml (operation x status x code, event type x value) a run exercised, and by which tests.",
                "Cells that cannot be provoked on a black box are listed out of scope with their reason (" + Coverage.EXCLUSIONS + ").",
                "Then the normative statements of byon.yaml's prose and the tests that checked them (" + Statements.MAPPING + ")."})
final class CoverageCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--report", paramLabel = "DIR|FILE",
            description = {"The JSON report of a run (byon-conformance.json, or the --report-dir holding it); repeatable: the runs are merged.",
                    "Without it only the statement matrix is printed, statement -> the tests mapped to it (" + Statements.MAPPING + ")."})
    List<Path> reports = new ArrayList<>();

    @Option(names = "--check", description = "Exit 1 when a cell or a normative statement is neither covered nor listed out/gap, or an exclusion or statement entry is stale.")
    boolean check;

    @Option(names = "--gaps-only", description = "Print only the gaps and stale exclusions.")
    boolean gapsOnly;

    @Override
    public Integer call() {
        ByonContract contract = ByonContract.load();
        List<JsonNode> runs = new ArrayList<>();
        for (Path report : reports) {
            Path file = Files.isDirectory(report) ? report.resolve("byon-conformance.json") : report;
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                main.err.println("byon-conformance: cannot read the report " + file + ": " + e.getMessage());
                return Main.USAGE;
            }
            if (!contract.sha256().equals(json.path("contractSha256").asText())) {
                main.err.println("byon-conformance: warning: " + file + " was made against byon.yaml sha256 "
                        + json.path("contractSha256").asText() + ", this suite carries " + contract.sha256());
            }
            runs.add(json);
        }
        Statements st = Statements.of(contract, runs, Statements.mapping(), id -> Catalogue.byId(id).isPresent());
        if (runs.isEmpty()) {
            printStatements(st, false);
            return check && !st.complete() ? Main.NOT_CONFORMANT : Main.OK;
        }
        Coverage c = Coverage.of(contract, runs, Coverage.exclusions());
        for (Coverage.Row r : c.rows()) {
            if (gapsOnly && !r.gap()) {
                continue;
            }
            String what = r.covered() ? "COVERED " : r.exclusion().isEmpty() ? "GAP     "
                    : r.exclusion().get().outOfScope() ? "EXCLUDED" : "KNOWNGAP";
            String detail = r.covered() ? String.join(", ", r.tests()) : r.exclusion().map(Coverage.Exclusion::reason)
                    .orElse("no test exercised it (" + r.cell().pointer() + ")");
            main.out.printf("%s %-72s %s%n", what, r.cell().key(), detail);
        }
        c.stale().forEach(e -> main.out.println("STALE    exclusion '" + e.pattern() + "' matches no uncovered cell: remove it"));
        main.out.println(String.format(Locale.ROOT, "coverage: %d cells, %d covered, %d out of scope, %d known gaps, %d unlisted gaps, %d stale exclusions: %.1f %% of the cells in scope (byon.yaml %s)",
                c.rows().size(), c.covered(), c.excluded(), c.knownGaps(), c.gaps().size(), c.stale().size(), c.percent(), contract.version()));
        printStatements(st, true);
        return check && !(c.complete() && st.complete()) ? Main.NOT_CONFORMANT : Main.OK;
    }

    /** The statement matrix: statement -> tests that checked it in the runs (or, without a run, the tests mapped to it). */
    private void printStatements(Statements st, boolean run) {
        for (Statements.Row r : st.rows()) {
            if (gapsOnly && !r.gap()) {
                continue;
            }
            String what = r.covered() ? (run ? "COVERED " : "MAPPED  ") : r.excluded() ? "EXCLUDED" : r.knownGap() ? "KNOWNGAP" : "GAP     ";
            String detail = r.covered() ? String.join(", ", r.exercised())
                    : r.entry().flatMap(Statements.Entry::kind).isPresent() ? r.entry().get().reason()
                    : r.entry().isPresent() ? "none of " + String.join(", ", r.entry().get().tests()) + " checked it in this run"
                    : "not listed in " + Statements.MAPPING;
            String text = r.statement().text();
            main.out.printf("%s %s \"%s\" %s%n", what, r.statement().id(), text.length() > 100 ? text.substring(0, 97) + "..." : text, detail);
        }
        st.problems().forEach(p -> main.out.println("STALE    " + p));
        main.out.println(String.format(Locale.ROOT, "statements: %d statements, %d %s, %d out of scope, %d known gaps, %d unlisted gaps, %d mapping problems: %.1f %% of the statements in scope",
                st.rows().size(), st.covered(), run ? "covered" : "mapped to tests", st.excluded(), st.knownGaps(), st.gaps().size(),
                st.problems().size(), st.percent()));
    }
}
