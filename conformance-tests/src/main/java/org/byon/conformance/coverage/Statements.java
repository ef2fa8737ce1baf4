package org.byon.conformance.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.byon.openapi.ByonContract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normative statements of byon.yaml's prose and the tests that check them. The statements are
 * extracted from byon.yaml at run time ({@link #extract}): every {@code description} of the
 * document (info, tags, operations, parameters, request bodies, responses, callbacks, security
 * schemes, schemas and their properties; not those of {@code examples}, which describe a sample,
 * not the API) is cut into sentences, and a sentence is a statement when it holds one of the
 * words of {@link #NORMATIVE} (must, shall, should, always, never, only, once, every, each,
 * exactly, at most, in ... order; any case, since byon.yaml writes its requirements in plain
 * lower-case prose, not RFC 2119 capitals). A statement is identified by the JSON pointer of its
 * description and its text (whitespace collapsed): rewording another sentence or re-wrapping the
 * paragraph leaves it alone, changing the sentence itself makes its entry stale.
 *
 * <p>The mapping lives in {@value #MAPPING}, one entry per statement: {@code at} (the pointer),
 * {@code says} (the sentence), and either {@code tests} (ids of the Catalogue that check it) or
 * {@code kind: out|gap} with a {@code reason}, or both (tests that exist but do not run everywhere,
 * the kind applying where none of them ran). {@link #problems} is the static check (no gateway):
 * every statement has exactly one entry, every entry names a statement of byon.yaml and only known
 * test ids. {@link #of} adds a run: a statement is covered when one of its tests produced a verdict
 * that checked something (PASS, WARN or FAIL).
 */
public final class Statements {
    /** The statement -> test mapping on the classpath. */
    public static final String MAPPING = "/byon-conformance/statements.yaml";

    /** The words that make a sentence a statement. */
    public static final Pattern NORMATIVE = Pattern.compile(
            "(?i)\\b(must|shall|should|always|never|only|once|every|each|exactly|at most|in (?:\\S+ ){0,2}order)\\b");

    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\be\\.g\\.)(?<!\\bi\\.e\\.)(?<=[.!?])\\s+(?=[A-Z`*(\\[_])");
    private static final Pattern LIST_ITEM = Pattern.compile("^([-*]|\\d+\\.)\\s+");
    private static final Set<String> EXERCISED = Set.of("PASS", "WARN", "FAIL");

    /** One normative sentence of byon.yaml: the pointer of its description and its text. */
    public record Statement(String pointer, String text) {
        /** A short stable id: the pointer and 8 hex digits of the sentence's SHA-256. */
        public String id() {
            return pointer + "#" + hash(text);
        }

        /** The normative word (first match), for display. */
        public String keyword() {
            Matcher m = NORMATIVE.matcher(text);
            return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
        }
    }

    /**
     * An entry of the mapping: the statement it names, the tests that check it, and, when the
     * statement is out of scope ({@code out}) or a known gap ({@code gap}), the reason.
     */
    public record Entry(String at, String says, List<String> tests, Optional<String> kind, String reason) {
        public boolean names(Statement s) {
            return at.equals(s.pointer()) && normalise(says).equals(s.text());
        }

        public boolean outOfScope() {
            return kind.filter("out"::equals).isPresent();
        }
    }

    /** A statement, its entry (absent when unlisted), and the tests of the run that checked it. */
    public record Row(Statement statement, Optional<Entry> entry, Set<String> exercised) {
        public boolean covered() {
            return !exercised.isEmpty();
        }

        public boolean excluded() {
            return !covered() && entry.filter(Entry::outOfScope).isPresent();
        }

        public boolean knownGap() {
            return !covered() && entry.flatMap(Entry::kind).filter("gap"::equals).isPresent();
        }

        /** Neither checked by a test of the run nor listed out/gap. */
        public boolean gap() {
            return !covered() && entry.flatMap(Entry::kind).isEmpty();
        }

        /** Listed out/gap although a test of the run checked it: remove the kind. */
        public boolean staleKind() {
            return covered() && entry.flatMap(Entry::kind).isPresent();
        }
    }

    private final List<Row> rows;
    private final List<String> problems;

    private Statements(List<Row> rows, List<String> problems) {
        this.rows = List.copyOf(rows);
        this.problems = List.copyOf(problems);
    }

    public List<Row> rows() {
        return rows;
    }

    /** What is wrong with the mapping itself (static problems and kinds made stale by the run). */
    public List<String> problems() {
        return problems;
    }

    public long covered() {
        return rows.stream().filter(Row::covered).count();
    }

    public long excluded() {
        return rows.stream().filter(Row::excluded).count();
    }

    public long knownGaps() {
        return rows.stream().filter(Row::knownGap).count();
    }

    public List<Row> gaps() {
        return rows.stream().filter(Row::gap).toList();
    }

    /** Covered statements as a share of those not out of scope, in percent. */
    public double percent() {
        long scope = rows.size() - excluded();
        return scope == 0 ? 100.0 : 100.0 * covered() / scope;
    }

    /** True when every statement is covered or listed out/gap and the mapping has no problem. */
    public boolean complete() {
        return gaps().isEmpty() && problems.isEmpty();
    }

    /**
     * Statement coverage of runs (their JSON reports; none for the static view, where a statement
     * counts as covered when its entry names a test).
     */
    public static Statements of(ByonContract contract, List<JsonNode> reports, List<Entry> mapping, Predicate<String> knownTest) {
        List<Statement> statements = extract(contract);
        List<String> problems = new ArrayList<>(problems(statements, mapping, knownTest));
        Set<String> ran = new TreeSet<>();
        for (JsonNode report : reports) {
            for (JsonNode t : report.path("tests")) {
                if (EXERCISED.contains(t.path("verdict").asText())) {
                    ran.add(t.path("id").asText());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Statement s : statements) {
            Optional<Entry> e = mapping.stream().filter(x -> x.names(s)).findFirst();
            Set<String> tests = new TreeSet<>(e.map(Entry::tests).orElse(List.of()));
            if (!reports.isEmpty()) {
                tests.retainAll(ran);
            }
            Row row = new Row(s, e, tests);
            if (!reports.isEmpty() && row.staleKind()) {
                problems.add("statement " + s.id() + " is listed '" + e.get().kind().get() + "' but " + String.join(", ", tests)
                        + " checked it in this run: remove kind and reason");
            }
            rows.add(row);
        }
        return new Statements(rows, problems);
    }

    /**
     * The static check of the mapping against byon.yaml and the Catalogue: statements without an
     * entry, entries naming no statement (stale) or one twice, unknown test ids, entries with
     * neither tests nor a kind.
     */
    public static List<String> problems(List<Statement> statements, List<Entry> mapping, Predicate<String> knownTest) {
        List<String> out = new ArrayList<>();
        for (Statement s : statements) {
            long n = mapping.stream().filter(e -> e.names(s)).count();
            if (n == 0) {
                out.add("statement " + s.id() + " is not listed: " + s.text());
            } else if (n > 1) {
                out.add("statement " + s.id() + " is listed " + n + " times");
            }
        }
        for (Entry e : mapping) {
            if (statements.stream().noneMatch(e::names)) {
                out.add("entry at " + e.at() + " names no statement of byon.yaml (stale: the sentence changed or moved): " + e.says());
            }
            e.tests().stream().filter(knownTest.negate())
                    .forEach(id -> out.add("entry at " + e.at() + " names " + id + ", which is not a test of the suite"));
        }
        return out;
    }

    /** Every normative statement of byon.yaml, in document order. */
    public static List<Statement> extract(ByonContract contract) {
        List<Statement> out = new ArrayList<>();
        walk(contract.tree(), "#", out, 0);
        return out;
    }

    private static void walk(JsonNode node, String pointer, List<Statement> out, int depth) {
        if (depth > 40) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("examples")) {
                    continue;
                }
                String p = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                if (f.getKey().equals("description") && f.getValue().isTextual()) {
                    for (String s : sentences(f.getValue().asText())) {
                        if (NORMATIVE.matcher(s).find()) {
                            out.add(new Statement(p, s));
                        }
                    }
                } else {
                    walk(f.getValue(), p, out, depth + 1);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, out, depth + 1);
            }
        }
    }

    /**
     * The sentences of a CommonMark description: paragraphs, list items, table rows and headings are
     * blocks (a list item's marker dropped), each block is cut after {@code .!?} followed by a
     * capital, a backtick, {@code *}, {@code (}, {@code [} or {@code _} (not after "e.g." or "i.e.").
     */
    static List<String> sentences(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Runnable flush = () -> {
            if (!cur.isEmpty()) {
                blocks.add(cur.toString());
                cur.setLength(0);
            }
        };
        for (String line : markdown.split("\n", -1)) {
            String s = line.strip();
            if (s.isEmpty()) {
                flush.run();
            } else if (s.startsWith("|") || s.startsWith("#")) {
                flush.run();
                blocks.add(s);
            } else if (LIST_ITEM.matcher(s).find()) {
                flush.run();
                cur.append(LIST_ITEM.matcher(s).replaceFirst(""));
            } else {
                cur.append(cur.isEmpty() ? "" : " ").append(s);
            }
        }
        flush.run();
        List<String> out = new ArrayList<>();
        for (String b : blocks) {
            for (String s : SENTENCE_END.split(b)) {
                String n = normalise(s);
                if (!n.isEmpty()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mapping the suite carries ({@value #MAPPING}). */
    public static List<Entry> mapping() {
        try (InputStream in = Statements.class.getResourceAsStream(MAPPING)) {
            if (in == null) {
                throw new IllegalStateException(MAPPING + " is not on the classpath");
            }
            return parseMapping(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + MAPPING, e);
        }
    }

    /**
     * Entries from {@code [{at: POINTER, says: SENTENCE, tests: [ID...], kind: out|gap, reason: TEXT}, ...]};
     * each needs {@code at}, {@code says}, and tests or a kind; a kind needs a reason.
     */
    public static List<Entry> parseMapping(JsonNode list) {
        List<Entry> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (JsonNode e : list) {
            String at = e.path("at").asText("");
            String says = normalise(e.path("says").asText(""));
            List<String> tests = new ArrayList<>();
            e.path("tests").forEach(t -> tests.add(t.asText()));
            String kind = e.path("kind").asText("");
            String reason = e.path("reason").asText("").strip();
            if (at.isBlank() || says.isBlank()) {
                throw new IllegalArgumentException("a statement entry needs 'at' (the description's pointer) and 'says' (the sentence): " + e);
            }
            if (!kind.isEmpty() && (!Set.of("out", "gap").contains(kind) || reason.isBlank())) {
                throw new IllegalArgumentException("a statement entry's 'kind' is out or gap, with a 'reason': " + e);
            }
            if (kind.isEmpty() && (tests.isEmpty() || !reason.isEmpty())) {
                throw new IllegalArgumentException("a statement entry needs 'tests', or 'kind' (out or gap) and a 'reason': " + e);
            }
            if (seen.put(at + "\n" + says, true) != null) {
                throw new IllegalArgumentException("statement listed twice: " + at + " " + says);
            }
            if (new LinkedHashSet<>(tests).size() != tests.size()) {
                throw new IllegalArgumentException("a test listed twice in one entry: " + e);
            }
            out.add(new Entry(at, says, List.copyOf(tests), kind.isEmpty() ? Optional.empty() : Optional.of(kind), reason));
        }
        return out;
    }
}
