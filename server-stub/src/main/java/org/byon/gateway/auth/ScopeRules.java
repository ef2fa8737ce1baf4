package org.byon.gateway.auth;

import java.util.ArrayList;
import java.util.List;

import org.byon.openapi.ApiOperation;
import org.springframework.http.HttpMethod;

/**
 * The scope each operation of byon.yaml needs, as request-matcher rules: one rule per operation,
 * its method and path template (path parameters as {@code *}) below the API prefix, read from the
 * contract's security requirements. An operation without exactly one scope is a contract the
 * gateway cannot protect, so building the rules fails (and with it the application context).
 */
public final class ScopeRules {

    /** One rule: requests of {@code method} matching {@code pattern} need {@code scope}. */
    public record Rule(String operationId, HttpMethod method, String pattern, String scope) {
        /** The Spring Security authority the rule asks for. */
        public String authority() {
            return "SCOPE_" + scope;
        }
    }

    private ScopeRules() {
    }

    /**
     * The rules for {@code operations} served under {@code prefix} (e.g. {@code /byon/v0.2}).
     *
     * @throws IllegalStateException when an operation names no scope, or more than one
     */
    public static List<Rule> of(String prefix, List<ApiOperation> operations) {
        List<Rule> rules = new ArrayList<>();
        for (ApiOperation op : operations) {
            if (op.scopes().size() != 1) {
                throw new IllegalStateException("operation " + op.operationId() + " (" + op.method() + " " + op.path()
                        + ") must name exactly one scope in byon.yaml, names " + op.scopes()
                        + ": the gateway has no scope rule for it");
            }
            rules.add(new Rule(op.operationId(), HttpMethod.valueOf(op.method()),
                    prefix + op.path().replaceAll("\\{[^}]+}", "*"), op.scopes().get(0)));
        }
        return List.copyOf(rules);
    }
}
