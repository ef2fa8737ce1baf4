package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog covers every example and every subtype of byon.yaml, and refuses what it cannot check. */
class ExampleCatalogTest {

    @TempDir
    Path dir;

    @Test
    void everyComponentExampleAndEverySubtypeOfTheContractIsInTheCatalog() throws IOException {
        Path contract = Path.of(System.getProperty("byon.contract"));
        JsonNode spec = new YAMLMapper().readTree(contract.toFile());
        JsonNode catalog = ExampleCatalog.build(contract);

        Set<String> ids = new HashSet<>();
        Set<String> subtypes = new HashSet<>();
        catalog.get("examples").forEach(e -> {
            ids.add(e.get("id").asText());
            e.path("subtypes").forEach(s -> subtypes.add(s.asText()));
            subtypes.add(e.path("subtype").asText());
        });
        spec.at("/components/examples").fieldNames()
                .forEachRemaining(name -> assertThat(ids).contains("components/examples/" + name));
        catalog.get("unions").forEach(u -> u.get("mapping").forEach(s -> assertThat(subtypes).contains(s.asText())));
        assertThat(catalog.get("unions").size()).isGreaterThanOrEqualTo(3);
        assertThat(catalog.get("tolerance")).isNotEmpty();
    }

    @Test
    void refusesAOneOfWithoutDiscriminator() throws IOException {
        assertRefused("""
                oneOf:
                  - $ref: '#/components/schemas/A'
                  - $ref: '#/components/schemas/B'
                """, "{kind: a}", "has no discriminator");
    }

    @Test
    void refusesADiscriminatorValueOutsideTheMapping() throws IOException {
        assertRefused("""
                oneOf:
                  - $ref: '#/components/schemas/A'
                  - $ref: '#/components/schemas/B'
                discriminator:
                  propertyName: kind
                  mapping:
                    a: '#/components/schemas/A'
                    b: '#/components/schemas/B'
                """, "{kind: c}", "is not in the mapping");
    }

    @Test
    void refusesAnInlineSchemaAndAnUnusedExample() throws IOException {
        Path spec = dir.resolve("inline.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /x:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {type: object, properties: {kind: {type: string}}}
                              example: {kind: a}
                components:
                  examples:
                    Orphan:
                      value: {kind: a}
                """);
        assertThatThrownBy(() -> ExampleCatalog.build(spec))
                .hasMessageContaining("its schema is inline")
                .hasMessageContaining("components/examples/Orphan is used by no request");
    }

    private void assertRefused(String union, String example, String message) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /x:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/U'}
                              example: %s
                components:
                  schemas:
                    A: {type: object, properties: {kind: {type: string}}}
                    B: {type: object, properties: {kind: {type: string}}}
                    U:
                %s
                """.formatted(example, union.indent(6)));
        assertThatThrownBy(() -> ExampleCatalog.build(spec)).isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }
}
