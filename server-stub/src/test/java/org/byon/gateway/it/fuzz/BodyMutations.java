package org.byon.gateway.it.fuzz;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Turns a schema-shaped JSON value into a wrong one: a value of another type (number, boolean, null, empty or
 * blank string, array, object) at a random place, a required property dropped, an unknown one added, deep
 * nesting, a long string; or wrong bytes: a duplicate key, a cut-off document, bytes that are not UTF-8.
 */
final class BodyMutations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyMutations() {
    }

    /** The body bytes and a short name of what was done. */
    record Body(byte[] bytes, String kind) {
    }

    static Body apply(JsonNode value, RandomnessSource in) {
        int pick = Generate.range(0, 13).generate(in);
        JsonNode v = value.deepCopy();
        try {
            return switch (pick) {
                case 0, 1, 2, 3 -> new Body(bytes(v), "valid-shape");
                case 4 -> new Body(bytes(replaceSomewhere(v, otherType(in), in)), "wrong-type");
                case 5 -> new Body(bytes(dropProperty(v, in)), "missing-property");
                case 6 -> {
                    if (v instanceof ObjectNode o) {
                        o.set(strings().basicLatinAlphabet().ofLengthBetween(1, 30).generate(in), otherType(in));
                    }
                    yield new Body(bytes(v), "unknown-property");
                }
                case 7 -> new Body(bytes(nest(v, integers().between(10, 800).generate(in), in)), "deep-nesting");
                case 8 -> new Body(bytes(replaceSomewhere(v,
                        F.textNode(strings().basicLatinAlphabet().ofLengthBetween(5_000, 150_000).generate(in)), in)),
                        "long-string");
                case 9 -> new Body(duplicateKey(bytes(v)), "duplicate-key");
                case 10 -> {
                    byte[] b = bytes(v);
                    yield new Body(java.util.Arrays.copyOf(b, integers().between(0, b.length).generate(in)), "truncated");
                }
                case 11 -> new Body(Generate.byteArrays(integers().between(0, 300),
                        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)).generate(in), "random-bytes");
                default -> new Body(bytes(otherType(in)), "wrong-root");
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode otherType(RandomnessSource in) {
        return switch (Generate.range(0, 8).generate(in)) {
            case 0 -> F.numberNode(integers().all().generate(in));
            case 1 -> F.numberNode(Double.parseDouble(integers().all().generate(in) + "e" + integers().between(-400, 400).generate(in)));
            case 2 -> F.booleanNode(Generate.booleans().generate(in));
            case 3 -> F.nullNode();
            case 4 -> F.textNode("");
            case 5 -> F.textNode(strings().betweenCodePoints(' ', ' ').ofLengthBetween(1, 3).generate(in));
            case 6 -> F.arrayNode().add(F.numberNode(1));
            case 7 -> F.objectNode().put("x", 1);
            default -> F.textNode(Gens.text().generate(in));
        };
    }

    private static JsonNode replaceSomewhere(JsonNode root, JsonNode replacement, RandomnessSource in) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return replacement;
        }
        JsonNode c = Generate.pick(containers).generate(in);
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(Generate.pick(names).generate(in), replacement);
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            a.set(integers().between(0, a.size() - 1).generate(in), replacement);
        }
        return root;
    }

    private static JsonNode dropProperty(JsonNode root, RandomnessSource in) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        for (JsonNode c : containers) {
            if (c instanceof ObjectNode o && o.size() > 0 && Gens.chance(in, 60)) {
                Iterator<String> it = o.fieldNames();
                List<String> names = new ArrayList<>();
                it.forEachRemaining(names::add);
                o.remove(Generate.pick(names).generate(in));
                break;
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode nest(JsonNode v, int depth, RandomnessSource in) {
        JsonNode n = v;
        for (int i = 0; i < depth; i++) {
            n = Gens.chance(in, 50) ? F.arrayNode().add(n) : F.objectNode().set("a", n);
        }
        return n;
    }

    private static byte[] duplicateKey(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        int colon = s.indexOf("\":");
        if (!s.startsWith("{\"") || colon < 0) {
            return ("{\"a\":1,\"a\":2}").getBytes(StandardCharsets.UTF_8);
        }
        String key = s.substring(1, colon + 1);
        return ("{" + key + ":null," + s.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode v) throws Exception {
        return JSON.writeValueAsBytes(v);
    }
}
