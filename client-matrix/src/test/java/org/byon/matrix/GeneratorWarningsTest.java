package org.byon.matrix;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero generator warnings about the contract: runs openapi-generator 7.25.0 through its Java
 * API with each language's recommended options ({@code generators/*.yaml}, the same files the
 * Maven executions use) on byon.yaml and captures what it logs at WARN. The same run on the
 * 0.1.0 contract (base schemas extended with allOf, fixture {@code byon-0.1.0-allof.yaml})
 * must warn: the check is able to fail.
 */
class GeneratorWarningsTest {

    /**
     * Warnings that do not concern the contract, each with the reason it is accepted. Nothing
     * else is: a warning not listed here fails the build.
     */
    static final Map<String, String> NOT_ABOUT_THE_SPEC = Map.of(
            "Ignoring complex example on request body",
            "java: object-valued request examples only feed its generated docs, which cannot render them",
            "Failed to get the schema name: null",
            "generator bug, getSimpleRef(null): for every inline (not $ref) response example (ExamplesUtils, the form"
                    + " CAMARA uses for error responses) and, in python, for the default of a $ref'd enum (CallType)",
            "Dry Run Results",
            "the dry-run file list this test asks for, which DefaultGenerator logs at ERROR");

    @TempDir
    Path out;

    @Test
    void theContractGeneratesWithoutWarningsInEveryLanguage() throws IOException {
        Map<String, List<String>> warnings = warningsPerLanguage(Path.of(System.getProperty("byon.contract")));
        assertThat(warnings).as("generators run").hasSizeGreaterThanOrEqualTo(6);
        warnings.forEach((language, w) -> assertThat(w).as("openapi-generator warnings for %s on byon.yaml", language).isEmpty());
    }

    /** Only typescript-fetch warns on 0.1.0 (10 times; the other five generate silently, and wrongly). */
    @Test
    void theOldAllOfShapeMakesTheGeneratorsWarn() throws IOException {
        Path config = Path.of(System.getProperty("byon.generators"), "typescript-fetch.yaml");
        List<String> warnings = generate(config, fixture(), out.resolve("typescript-fetch"));
        System.out.printf("[client-matrix] generator warnings on %s: typescript-fetch=%d%n", fixture().getFileName(), warnings.size());
        assertThat(warnings)
                .as("typescript-fetch on the 0.1.0 allOf shape")
                .hasSizeGreaterThanOrEqualTo(10)
                .allMatch(w -> w.contains("Failed to look up parent schema"));
    }

    static Path fixture() {
        return Path.of("src/test/resources/fixtures/byon-0.1.0-allof.yaml").toAbsolutePath();
    }

    Map<String, List<String>> warningsPerLanguage(Path spec) throws IOException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("byon.generators")))) {
            for (Path config : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String language = config.getFileName().toString().replace(".yaml", "");
                result.put(language, generate(config, spec, out.resolve(language)));
            }
        }
        System.out.printf("[client-matrix] generator warnings on %s: %s%n", spec.getFileName(), counts(result));
        return result;
    }

    /** The spec warnings one generator run logs (dry run: nothing is written). */
    static List<String> generate(Path config, Path spec, Path outputDir) throws IOException {
        String generatorName = new YAMLMapper().readTree(config.toFile()).path("generatorName").asText();
        CodegenConfigurator configurator = CodegenConfigurator.fromFile(config.toString())
                .setGeneratorName(generatorName)
                .setInputSpec(spec.toString())
                .setOutputDir(outputDir.toString());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            new DefaultGenerator(true).opts(configurator.toClientOptInput()).generate();
        } finally {
            root.detachAppender(captured);
        }
        List<String> warnings = new ArrayList<>();
        for (ILoggingEvent e : captured.list) {
            String message = e.getFormattedMessage().strip();
            if (e.getLevel().isGreaterOrEqual(Level.WARN) && NOT_ABOUT_THE_SPEC.keySet().stream().noneMatch(message::startsWith)) {
                warnings.add(e.getLoggerName() + ": " + message);
            }
        }
        return warnings;
    }

    private static Map<String, Integer> counts(Map<String, List<String>> warnings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        warnings.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }
}
