package org.byon.conformance.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.byon.conformance.cli.Main;
import org.byon.conformance.tests.Catalogue;
import org.byon.openapi.ByonContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statement matrix: extraction from byon.yaml, the shipped mapping (the build's static check), staleness, run coverage. */
class StatementsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A small contract whose prose has statements in a paragraph, a list, a schema property and an example. */
    static final String SMALL = """
            openapi: 3.0.3
            info:
              title: t
              version: 0.0.1
              description: |
                A first sentence without a keyword. The gateway never answers 501, e.g. on
                `GET /x`. Trailing words.

                - **Events** arrive in `sequence` order.
                - Nothing normative here.
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    kind:
                      type: string
                      description: The kind, always `A` in this schema.
                  example:
                    kind: A
              examples:
                Sample:
                  description: This example is only a sample.
                  value: {}
            """;

    static ByonContract small(String yaml) {
        return ByonContract.parse(yaml);
    }

    static List<Statements.Entry> entries(String yaml) throws Exception {
        return Statements.parseMapping(YAML.readTree(yaml));
    }

    @Test
    void statementsAreTheNormativeSentencesOfEveryDescriptionOutsideExamples() {
        List<Statements.Statement> s = Statements.extract(small(SMALL));
        assertThat(s).extracting(Statements.Statement::pointer, Statements.Statement::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("#/info/description", "The gateway never answers 501, e.g. on `GET /x`."),
                org.assertj.core.groups.Tuple.tuple("#/info/description", "**Events** arrive in `sequence` order."),
                org.assertj.core.groups.Tuple.tuple("#/components/schemas/Thing/properties/kind/description", "The kind, always `A` in this schema."));
        assertThat(s).extracting(Statements.Statement::keyword).containsExactly("never", "in `sequence` order", "always");
        assertThat(s.get(0).id()).matches("#/info/description#[0-9a-f]{8}");
    }

    @Test
    void everyStatementOfByonYamlIsFoundInItsDescriptionAndHoldsANormativeWord() {
        ByonContract contract = ByonContract.load();
        List<Statements.Statement> all = Statements.extract(contract);
        assertThat(all).hasSizeGreaterThan(20);
        assertThat(all).allSatisfy(st -> {
            assertThat(Statements.NORMATIVE.matcher(st.text()).find()).isTrue();
            assertThat(st.pointer()).doesNotContain("/examples/");
            String description = Statements.normalise(contract.tree().at(st.pointer().substring(1)).asText());
            assertThat(description).as(st.pointer()).contains(st.text().substring(0, Math.min(40, st.text().length())));
        });
        assertThat(all).extracting(Statements.Statement::id).doesNotHaveDuplicates();
    }

    /** The build's static check: needs no gateway. */
    @Test
    void theShippedMappingListsEveryStatementOfByonYamlOnceWithKnownTestsOrAReason() {
        ByonContract contract = ByonContract.load();
        List<Statements.Entry> mapping = Statements.mapping();
        List<String> problems = Statements.problems(Statements.extract(contract), mapping, id -> Catalogue.byId(id).isPresent());
        assertThat(problems).isEmpty();
        assertThat(mapping).filteredOn(e -> e.kind().isPresent()).allSatisfy(e -> assertThat(e.reason()).hasSizeGreaterThan(30));
        Statements st = Statements.of(contract, List.of(), mapping, id -> Catalogue.byId(id).isPresent());
        System.out.printf(Locale.ROOT, "statements of byon.yaml %s: %d, mapped to tests %d, out %d, gap %d%n", contract.version(),
                st.rows().size(), st.covered(), st.excluded(), st.knownGaps());
        assertThat(st.complete()).isTrue();
    }

    @Test
    void aChangedSentenceLeavesItsEntryStaleAndItselfUnlisted() throws Exception {
        List<Statements.Entry> mapping = entries("""
                - at: '#/info/description'
                  says: 'The gateway never answers 501, e.g. on `GET /x`.'
                  tests: [BYON-TEST-001]
                - at: '#/info/description'
                  says: '**Events**   arrive in `sequence` order.'
                  kind: out
                  reason: for the test
                - at: '#/components/schemas/Thing/properties/kind/description'
                  says: 'The kind, always `A` in this schema.'
                  kind: gap
                  reason: for the test
                """);
        assertThat(Statements.problems(Statements.extract(small(SMALL)), mapping, "BYON-TEST-001"::equals)).isEmpty();
        String edited = SMALL.replace("never answers 501", "never answers 502");
        List<String> problems = Statements.problems(Statements.extract(small(edited)), mapping, "BYON-TEST-001"::equals);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("is not listed").contains("502");
        assertThat(problems.get(1)).contains("names no statement").contains("501");
        String reflowed = SMALL.replace("answers 501, e.g. on\n    `GET /x`", "answers\n    501, e.g. on `GET /x`");
        assertThat(reflowed).isNotEqualTo(SMALL);
        assertThat(Statements.problems(Statements.extract(small(reflowed)), mapping, "BYON-TEST-001"::equals)).as("re-wrapping is no change").isEmpty();
        assertThat(Statements.problems(Statements.extract(small(SMALL)), mapping, id -> false))
                .containsExactly("entry at #/info/description names BYON-TEST-001, which is not a test of the suite");
    }

    @Test
    void aRunCoversAStatementWhenOneOfItsTestsCheckedSomething() throws Exception {
        List<Statements.Entry> mapping = entries("""
                - at: '#/info/description'
                  says: 'The gateway never answers 501, e.g. on `GET /x`.'
                  tests: [BYON-TEST-001, BYON-TEST-002]
                - at: '#/info/description'
                  says: '**Events** arrive in `sequence` order.'
                  tests: [BYON-TEST-003]
                - at: '#/components/schemas/Thing/properties/kind/description'
                  says: 'The kind, always `A` in this schema.'
                  tests: [BYON-TEST-002]
                  kind: gap
                  reason: BYON-TEST-002 does not run everywhere
                """);
        ObjectNode run = JSON.createObjectNode();
        run.putArray("tests").add(JSON.createObjectNode().put("id", "BYON-TEST-001").put("verdict", "FAIL"))
                .add(JSON.createObjectNode().put("id", "BYON-TEST-002").put("verdict", "NOT_APPLICABLE"))
                .add(JSON.createObjectNode().put("id", "BYON-TEST-003").put("verdict", "INCONCLUSIVE"));
        Statements st = Statements.of(small(SMALL), List.of(run), mapping, id -> true);
        assertThat(st.rows().get(0).exercised()).containsExactly("BYON-TEST-001");
        assertThat(st.rows().get(1).gap()).as("mapped, but its test checked nothing in this run").isTrue();
        assertThat(st.rows().get(2).knownGap()).isTrue();
        assertThat(st.covered()).isEqualTo(1);
        assertThat(st.complete()).isFalse();
        assertThat(st.percent()).isBetween(33.3, 33.4);
        ((ObjectNode) run.path("tests").get(1)).put("verdict", "PASS");
        ((ObjectNode) run.path("tests").get(2)).put("verdict", "WARN");
        Statements again = Statements.of(small(SMALL), List.of(run), mapping, id -> true);
        assertThat(again.gaps()).isEmpty();
        assertThat(again.problems()).singleElement().asString().contains("listed 'gap' but BYON-TEST-002 checked it");
        assertThat(Statements.of(small(SMALL), List.of(), mapping, id -> true).covered()).as("static: mapped counts").isEqualTo(3);
    }

    @Test
    void malformedEntriesAreRefused() {
        assertThatThrownBy(() -> entries("- {at: '#/x', says: 'a'}")).hasMessageContaining("needs 'tests'");
        assertThatThrownBy(() -> entries("- {at: '#/x', says: 'a', kind: out}")).hasMessageContaining("with a 'reason'");
        assertThatThrownBy(() -> entries("- {at: '#/x', says: 'a', kind: maybe, reason: r}")).hasMessageContaining("out or gap");
        assertThatThrownBy(() -> entries("- {says: 'a', tests: [X]}")).hasMessageContaining("needs 'at'");
        assertThatThrownBy(() -> entries("- {at: '#/x', says: 'a', tests: [X]}\n- {at: '#/x', says: ' a', tests: [Y]}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> entries("- {at: '#/x', says: 'a', tests: [X], reason: r}")).hasMessageContaining("needs 'tests'");
    }

    @Test
    void theCommandPrintsTheStatementMatrixWithoutAReportAndChecksIt(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "coverage", "--check");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).containsPattern("MAPPED +#/info/description#[0-9a-f]{8} .* BYON-")
                .containsPattern("statements: \\d+ statements, \\d+ mapped to tests, \\d+ out of scope, \\d+ known gaps, 0 unlisted");
        Files.writeString(dir.resolve("byon-conformance.json"), "{\"tests\": []}");
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        int code2 = Main.execute(new PrintStream(out2, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "coverage", "--check", "--report", dir.toString());
        assertThat(code2).isEqualTo(1);
        assertThat(out2.toString(StandardCharsets.UTF_8)).containsPattern("GAP +#/").containsPattern("statements: \\d+ statements, 0 covered");
    }
}
