package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The examples catalog written by {@link ExampleCatalog} at build time, and semantic JSON equality. */
final class Examples {

    private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

    private Examples() {
    }

    static JsonNode catalog() throws IOException {
        String file = System.getProperty("byon.examples");
        if (file == null) {
            throw new IllegalStateException("system property byon.examples (the catalog under target/) is not set");
        }
        return new ObjectMapper().readTree(Path.of(file).toFile());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** The re-encoded JSON is the example, or the example with its schema defaults written out. */
    static boolean matches(JsonNode encoded, JsonNode example) {
        return semanticEqual(encoded, example.get("value"))
                || example.has("withDefaults") && semanticEqual(encoded, example.get("withDefaults"));
    }

    /** Equal JSON values; date-times compared as instants, numbers by value. */
    static boolean semanticEqual(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isTextual() && b.isTextual()) {
            return a.asText().equals(b.asText()) || sameInstant(a.asText(), b.asText());
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!semanticEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!semanticEqual(f.getValue(), b.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean sameInstant(String a, String b) {
        if (!DATE_TIME.matcher(a).matches() || !DATE_TIME.matcher(b).matches()) {
            return false;
        }
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
