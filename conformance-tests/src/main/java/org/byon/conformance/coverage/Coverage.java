package org.byon.conformance.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.byon.openapi.ApiOperation;
import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;
import org.byon.openapi.ResponseSpec;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a run of the suite exercised of byon.yaml, cell by cell. The cells come from the contract
 * (through {@link ByonContract}, nothing listed by hand): every operation x documented status x
 * documented error code, every WebSocket close code its prose names, every event type, and every
 * value of every enumerated property of each event type's data. A cell is covered when a test of the run observed it (an HTTP exchange matching
 * the operation with that status and {@code code}, or an event frame with that type and value), so
 * the map says what was really seen, not what a test claims. Cells the suite cannot provoke on a
 * black box are listed with their reason in {@value #EXCLUSIONS}; an exclusion that matches no
 * uncovered cell is stale and reported as such. Immutable.
 */
public final class Coverage {
    /** The exclusion list on the classpath. */
    public static final String EXCLUSIONS = "/byon-conformance/coverage-exclusions.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing byon.yaml documents: a key ({@code createChannel 400 INVALID_ARGUMENT}) and its JSON pointer. */
    public record Cell(String key, String pointer) {
    }

    /**
     * Cells matching {@code pattern} ({@code *} is any text) are not exercised, for {@code reason}:
     * {@code outOfScope} when a black-box suite cannot provoke them (left out of the percentage), else a
     * known gap (a test is still missing; counted as uncovered).
     */
    public record Exclusion(String pattern, boolean outOfScope, String reason) {
        public Exclusion(String pattern, String reason) {
            this(pattern, true, reason);
        }

        public boolean matches(String key) {
            StringBuilder re = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (!re.isEmpty()) {
                    re.append(".*");
                }
                re.append(Pattern.quote(part));
            }
            return Pattern.compile(re.toString()).matcher(key).matches();
        }
    }

    /** A cell, the tests that exercised it, and the exclusion that covers it when none did. */
    public record Row(Cell cell, Set<String> tests, Optional<Exclusion> exclusion) {
        public boolean covered() {
            return !tests.isEmpty();
        }

        public boolean gap() {
            return tests.isEmpty() && exclusion.isEmpty();
        }
    }

    private final List<Row> rows;
    private final List<Exclusion> stale;

    private Coverage(List<Row> rows, List<Exclusion> stale) {
        this.rows = List.copyOf(rows);
        this.stale = List.copyOf(stale);
    }

    public List<Row> rows() {
        return rows;
    }

    /** Exclusions that match no uncovered cell (remove them, or the cell was renamed). */
    public List<Exclusion> stale() {
        return stale;
    }

    public long covered() {
        return rows.stream().filter(Row::covered).count();
    }

    /** Uncovered cells listed out of scope. */
    public long excluded() {
        return rows.stream().filter(r -> !r.covered() && r.exclusion().filter(Exclusion::outOfScope).isPresent()).count();
    }

    /** Uncovered cells listed as known gaps. */
    public long knownGaps() {
        return rows.stream().filter(r -> !r.covered() && r.exclusion().filter(e -> !e.outOfScope()).isPresent()).count();
    }

    public List<Row> gaps() {
        return rows.stream().filter(Row::gap).toList();
    }

    /** Covered cells as a share of the cells not out of scope (known gaps count as uncovered), in percent. */
    public double percent() {
        long scope = rows.size() - excluded();
        return scope == 0 ? 100.0 : 100.0 * covered() / scope;
    }

    /** True when every cell is covered or excluded and no exclusion is stale. */
    public boolean complete() {
        return gaps().isEmpty() && stale.isEmpty();
    }

    /** Coverage of a run given as its JSON report ({@code byon-conformance.json}). */
    public static Coverage of(ByonContract contract, JsonNode report, List<Exclusion> exclusions) {
        return of(contract, List.of(report), exclusions);
    }

    /** Coverage of several runs together (e.g. the reference run and one with another gateway setting). */
    public static Coverage of(ByonContract contract, List<JsonNode> reports, List<Exclusion> exclusions) {
        List<Cell> cells = cells(contract);
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (JsonNode report : reports) {
            observe(contract, report).forEach((k, v) -> seen.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
        }
        List<Row> rows = new ArrayList<>();
        for (Cell c : cells) {
            Set<String> tests = seen.getOrDefault(c.key(), Set.of());
            Optional<Exclusion> ex = tests.isEmpty() ? exclusions.stream().filter(e -> e.matches(c.key())).findFirst() : Optional.empty();
            rows.add(new Row(c, tests, ex));
        }
        List<Exclusion> stale = exclusions.stream()
                .filter(e -> rows.stream().noneMatch(r -> !r.covered() && e.matches(r.cell().key()))).toList();
        return new Coverage(rows, stale);
    }

    /** Every cell byon.yaml documents, in document order. */
    public static List<Cell> cells(ByonContract contract) {
        List<Cell> out = new ArrayList<>();
        for (ApiOperation op : contract.operations()) {
            for (ResponseSpec r : op.responses()) {
                String pointer = op.pointer() + "/responses/" + r.status();
                if (r.codes().isEmpty()) {
                    out.add(new Cell(op.operationId() + " " + r.status(), pointer));
                } else {
                    r.codes().forEach(code -> out.add(new Cell(op.operationId() + " " + r.status() + " " + code, pointer)));
                }
            }
        }
        closeCodes(contract).forEach((code, pointer) -> out.add(new Cell("websocket close " + code, pointer)));
        for (EventSpec e : contract.eventTypes()) {
            String pointer = "#/components/schemas/" + e.schema();
            out.add(new Cell("event " + e.type(), pointer));
            enums(contract, e.dataSchema()).forEach((prop, values) -> values.forEach(v ->
                    out.add(new Cell("event " + e.type() + " " + prop + "=" + v, "#/components/schemas/" + e.dataSchema() + "/properties/" + prop))));
        }
        return out;
    }

    private static final Pattern CLOSE_SENTENCE = Pattern.compile("(?i)close(?:d)?\\W+(?:with\\s+)?codes?\\b[^.]*");
    private static final Pattern CLOSE_CODE = Pattern.compile("\\b([14]\\d{3})\\b");

    /**
     * The WebSocket close codes byon.yaml names: byon.yaml gives them in prose only ("closed with code 4409",
     * "**Close codes**: `1000` when ..."), so every description is scanned for such sentences; code -> the
     * pointer of the first description naming it.
     */
    static Map<String, String> closeCodes(ByonContract contract) {
        Map<String, String> out = new java.util.TreeMap<>();
        scanDescriptions(contract.tree(), "#", out, 0);
        return out;
    }

    private static void scanDescriptions(JsonNode node, String pointer, Map<String, String> out, int depth) {
        if (depth > 40) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                if (f.getKey().equals("description") && f.getValue().isTextual()) {
                    var m = CLOSE_SENTENCE.matcher(f.getValue().asText());
                    while (m.find()) {
                        var c = CLOSE_CODE.matcher(m.group());
                        while (c.find()) {
                            out.putIfAbsent(c.group(1), p);
                        }
                    }
                } else {
                    scanDescriptions(f.getValue(), p, out, depth + 1);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanDescriptions(node.get(i), pointer + "/" + i, out, depth + 1);
            }
        }
    }

    /** The enumerated properties of a schema (through {@code $ref} and {@code allOf}) and their values. */
    static Map<String, List<String>> enums(ByonContract contract, String schemaName) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        collectEnums(contract.tree(), contract.schema(schemaName).orElseThrow(), out, 0);
        return out;
    }

    private static void collectEnums(JsonNode root, JsonNode schema, Map<String, List<String>> out, int depth) {
        JsonNode s = resolve(root, schema);
        if (depth > 10) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode values = resolve(root, p.getValue()).path("enum");
            if (values.isArray() && !values.isEmpty()) {
                List<String> vs = new ArrayList<>();
                values.forEach(v -> vs.add(v.asText()));
                out.put(p.getKey(), vs);
            }
        }
        for (JsonNode part : s.path("allOf")) {
            collectEnums(root, part, out, depth + 1);
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode cur = node;
        for (int i = 0; i < 20 && cur.has("$ref"); i++) {
            cur = root.at(cur.get("$ref").asText().substring(1));
        }
        return cur;
    }

    /** Cell key -> ids of the tests whose evidence shows it. */
    static Map<String, Set<String>> observe(ByonContract contract, JsonNode report) {
        String rootPath = URI.create(report.path("apiRoot").asText("http://x/")).getPath();
        rootPath = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
        Map<ApiOperation, Pattern> templates = new LinkedHashMap<>();
        for (ApiOperation op : contract.operations()) {
            templates.put(op, Pattern.compile(Pattern.quote(rootPath)
                    + Pattern.quote(op.path()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "/?"));
        }
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (JsonNode t : report.path("tests")) {
            String id = t.path("id").asText();
            for (JsonNode x : t.path("evidence").path("exchanges")) {
                int status = x.path("status").asInt();
                if (status == 0) {
                    continue;
                }
                String path;
                try {
                    path = URI.create(x.path("url").asText()).getRawPath();
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (Map.Entry<ApiOperation, Pattern> op : templates.entrySet()) {
                    if (op.getKey().method().equalsIgnoreCase(x.path("method").asText()) && op.getValue().matcher(path).matches()) {
                        String key = op.getKey().operationId() + " " + status;
                        String code = code(x.path("responseBody").asText(""));
                        mark(seen, code == null ? key : key + " " + code, id);
                        mark(seen, key, id);
                        break;
                    }
                }
            }
            for (JsonNode c : t.path("evidence").path("closes")) {
                mark(seen, "websocket close " + c.path("code").asInt(), id);
            }
            for (JsonNode f : t.path("evidence").path("frames")) {
                JsonNode event;
                try {
                    event = JSON.readTree(f.path("raw").asText(""));
                } catch (IOException e) {
                    continue;
                }
                String type = event.path("type").asText("");
                mark(seen, "event " + type, id);
                for (Iterator<Map.Entry<String, JsonNode>> it = event.path("data").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (p.getValue().isTextual()) {
                        mark(seen, "event " + type + " " + p.getKey() + "=" + p.getValue().asText(), id);
                    }
                }
            }
        }
        return seen;
    }

    private static String code(String body) {
        try {
            JsonNode c = JSON.readTree(body).path("code");
            return c.isTextual() ? c.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void mark(Map<String, Set<String>> seen, String key, String id) {
        seen.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }

    /** The exclusion list the suite carries ({@value #EXCLUSIONS}). */
    public static List<Exclusion> exclusions() {
        try (InputStream in = Coverage.class.getResourceAsStream(EXCLUSIONS)) {
            if (in == null) {
                throw new IllegalStateException(EXCLUSIONS + " is not on the classpath");
            }
            return parseExclusions(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EXCLUSIONS, e);
        }
    }

    /** Exclusions from {@code [{cells: PATTERN, kind: out|gap, reason: TEXT}, ...]}; each needs all three. */
    public static List<Exclusion> parseExclusions(JsonNode list) {
        List<Exclusion> out = new ArrayList<>();
        Set<String> patterns = new LinkedHashSet<>();
        for (JsonNode e : list) {
            String p = e.path("cells").asText("");
            String reason = e.path("reason").asText("");
            String kind = e.path("kind").asText("");
            if (p.isBlank() || reason.isBlank() || !Set.of("out", "gap").contains(kind)) {
                throw new IllegalArgumentException("a coverage exclusion needs 'cells', 'kind' (out or gap) and a 'reason': " + e);
            }
            if (!patterns.add(p)) {
                throw new IllegalArgumentException("coverage exclusion listed twice: " + p);
            }
            out.add(new Exclusion(p, kind.equals("out"), reason.strip()));
        }
        return out;
    }
}
