package org.byon.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.openapi.ByonContract;
import org.byon.openapi.ContractValidator;
import org.byon.openapi.EventCheck;
import org.byon.openapi.NegativeMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The contract the suite checks against: the byon-openapi API over the {@code byon.yaml} its jar
 * carries ({@link ByonContract} for the facts, {@link ContractValidator} for validation,
 * {@link NegativeMatrix} for the negative cases), plus what only the suite needs: the API root's
 * path of the gateway under test, and the violations the suite causes itself (tolerated or
 * rewritten before validation). Thread-safe after construction.
 */
public final class Contract {
    private static volatile NegativeMatrix embeddedMatrix;

    private final ByonContract facts;
    private final ContractValidator validator;
    private final String basePath;
    private final List<Pattern> tolerated = new CopyOnWriteArrayList<>();
    private final List<String[]> rewrites = new CopyOnWriteArrayList<>();

    private Contract(ByonContract facts, String basePath) {
        this.facts = facts;
        this.basePath = basePath;
        // exactly as strict as byon.yaml: a property the schemas do not name is allowed (no additionalProperties: false)
        this.validator = ContractValidator.asWritten(facts, basePath);
    }

    /** The contract embedded in the jar; {@code basePath} is the path of the API root (e.g. {@code /byon/v0.2}). */
    public static Contract embedded(String basePath) {
        return new Contract(ByonContract.load(), basePath);
    }

    /** A contract read from text (tests). */
    public static Contract fromText(String yaml, String basePath) {
        return new Contract(ByonContract.parse(yaml), basePath);
    }

    /** The negative matrix of the embedded contract (built once), for building the catalogue. */
    public static NegativeMatrix embeddedMatrix() {
        NegativeMatrix m = embeddedMatrix;
        if (m == null) {
            synchronized (Contract.class) {
                if (embeddedMatrix == null) {
                    embeddedMatrix = new NegativeMatrix(ByonContract.load());
                }
                m = embeddedMatrix;
            }
        }
        return m;
    }

    /** The facts of the contract: operations, scopes, codes, event types. */
    public ByonContract facts() { return facts; }
    public String sha256() { return facts.sha256(); }
    public String version() { return facts.version(); }
    public String yaml() { return facts.yaml(); }
    public String basePath() { return basePath; }

    /** Validator messages matching one of these patterns are not counted. */
    public void tolerate(String regex) {
        tolerated.add(Pattern.compile(regex));
    }

    /**
     * Before validation only, replaces {@code regex} in response bodies by {@code replacement}: for
     * values the suite itself put there (its own http webhook receiver URL), never the gateway's.
     */
    public void rewriteBeforeValidation(String regex, String replacement) {
        rewrites.add(new String[] {regex, replacement});
    }

    /** True when the JSON pointer (with or without the leading {@code #}) names a node of byon.yaml. */
    public boolean hasPointer(String pointer) {
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        return !facts.tree().at(p).isMissingNode();
    }

    /**
     * Statuses byon.yaml lets a gateway answer without listing them for the operation (info, "Additional
     * CAMARA error responses": "for example 405 METHOD_NOT_ALLOWED or 406 NOT_ACCEPTABLE"); such a
     * response is checked as the ErrorInfo it must carry, not refused as an undocumented status.
     */
    public static final java.util.Set<Integer> UNLISTED_CAMARA_STATUSES = java.util.Set.of(405, 406);

    /** Validates one response against the operation matching method and path (the full URL path). */
    public List<String> validateResponse(String method, String fullPath, int status, Map<String, List<String>> headers, String body) {
        String b = body;
        if (b != null) {
            for (String[] r : rewrites) {
                b = b.replaceAll(r[0], r[1]);
            }
        }
        List<String> v = untolerated(validator.validateResponse(method, fullPath, status, headers, b));
        if (UNLISTED_CAMARA_STATUSES.contains(status) && !v.isEmpty() && v.stream().allMatch(m -> m.startsWith("validation.response.status.unknown")
                || m.startsWith("validation.request.operation.notAllowed"))) {
            return untolerated(validator.validateSchema("ErrorInfo", b == null ? "" : b));
        }
        return v;
    }

    /**
     * Validates an event (structured CloudEvent) against the schema its {@code type} selects. A type
     * byon.yaml does not map is a violation here: clients ignore such events, but a gateway must
     * send only the contract's types.
     */
    public List<String> validateEvent(JsonNode event) {
        EventCheck check = validator.validateEvent(event);
        List<String> out = new ArrayList<>();
        if (!check.known()) {
            out.add("event type '" + event.path("type").asText(null)
                    + "' is not one of the types byon.yaml maps in CloudEvent.discriminator");
        }
        out.addAll(check.errors());
        return untolerated(out);
    }

    private List<String> untolerated(List<String> messages) {
        return messages.stream().filter(m -> tolerated.stream().noneMatch(p -> p.matcher(m).find())).toList();
    }
}
