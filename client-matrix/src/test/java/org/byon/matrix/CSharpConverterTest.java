package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * C# cannot be built here (no .NET), so its generated union converters are checked as text:
 * each must compare the discriminator with the mapping keys (on 0.1.0 it compared with schema
 * names, so no subtype was ever picked), and must deserialize the mapped subtype.
 */
class CSharpConverterTest {

    @Test
    void unionConvertersDispatchOnTheMappingKeys() throws IOException {
        Path models = Path.of(System.getProperty("byon.clients"), "csharp/src/Byon.Client/Model");
        JsonNode unions = Examples.catalog().get("unions");
        assertThat(unions.size()).isGreaterThanOrEqualTo(3);
        for (Iterator<Map.Entry<String, JsonNode>> it = unions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> union = it.next();
            String converter = Files.readString(models.resolve(union.getKey() + ".cs"));
            assertThat(converter).contains("class " + union.getKey() + "JsonConverter");
            union.getValue().get("mapping").fields().forEachRemaining(m -> {
                assertThat(converter).as("%s converter, mapping key %s", union.getKey(), m.getKey())
                        .contains("discriminator?.Equals(\"" + m.getKey() + "\")")
                        .contains("JsonSerializer.Deserialize<" + m.getValue().asText() + ">");
                assertThat(converter).doesNotContain("discriminator.Equals(\"" + m.getValue().asText() + "\")");
            });
        }
    }
}
