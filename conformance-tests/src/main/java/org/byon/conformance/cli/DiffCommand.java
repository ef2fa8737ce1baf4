package org.byon.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code byon-conformance diff OLD NEW}: compares two JSON reports test by test. A regression is a
 * test that passed (PASS or WARN) in OLD and fails (FAIL or ERROR) in NEW, or a new test that fails; a
 * fix is the other way round; other verdict changes (e.g. to INCONCLUSIVE) are listed as changes.
 * Exit 1 when there is a regression (for CI), 0 otherwise, 2 when a report cannot be read.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Lists regressions, fixes and other verdict changes between two runs (their byon-conformance.json or report dirs); exit 1 on a regression.")
final class DiffCommand implements Callable<Integer> {
    private static final Set<String> GOOD = Set.of("PASS", "WARN");
    private static final Set<String> BAD = Set.of("FAIL", "ERROR");

    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "OLD")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW")
    Path newer;

    @Override
    public Integer call() {
        Map<String, JsonNode> a;
        Map<String, JsonNode> b;
        try {
            a = tests(older);
            b = tests(newer);
        } catch (IOException e) {
            main.err.println("byon-conformance: cannot read a report: " + e.getMessage());
            return Main.USAGE;
        }
        int regressions = 0;
        int fixes = 0;
        int changes = 0;
        Set<String> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            String before = verdict(a.get(id));
            String after = verdict(b.get(id));
            if (before.equals(after)) {
                continue;
            }
            String line = String.format("%-18s %-14s -> %-14s %s", id, before, after, b.containsKey(id) ? b.get(id).path("message").asText("") : "");
            if (BAD.contains(after) && !BAD.contains(before)) {
                main.out.println("REGRESSION " + line.strip() + failures(b.get(id)));
                regressions++;
            } else if (GOOD.contains(after) && BAD.contains(before)) {
                main.out.println("FIXED      " + line.strip());
                fixes++;
            } else {
                main.out.println("CHANGED    " + line.strip());
                changes++;
            }
        }
        main.out.println("diff: " + regressions + " regressions, " + fixes + " fixes, " + changes + " other changes ("
                + older + " -> " + newer + ")");
        return regressions > 0 ? Main.NOT_CONFORMANT : Main.OK;
    }

    private static String verdict(JsonNode t) {
        return t == null ? "(absent)" : t.path("verdict").asText("?");
    }

    private static String failures(JsonNode t) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode f : t.path("failures")) {
            sb.append("\n           ").append(f.path("check").asText()).append(": expected ").append(f.path("expected").asText())
                    .append(", actual ").append(f.path("actual").asText());
        }
        return sb.toString();
    }

    private static Map<String, JsonNode> tests(Path report) throws IOException {
        Path file = Files.isDirectory(report) ? report.resolve("byon-conformance.json") : report;
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.path("tests").isArray()) {
            throw new IOException(file + " is not a byon-conformance JSON report (no tests array)");
        }
        root.path("tests").forEach(t -> out.put(t.path("id").asText(), t));
        return out;
    }
}
