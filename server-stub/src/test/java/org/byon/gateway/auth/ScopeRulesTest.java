package org.byon.gateway.auth;

import java.util.List;
import java.util.Optional;

import org.byon.openapi.ApiOperation;
import org.byon.openapi.ByonContract;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scope rules are built from the contract's operations, and an operation without a scope fails the build. */
class ScopeRulesTest {

    @Test
    void everyContractOperationGetsItsOwnScopeRule() {
        List<ApiOperation> ops = ByonContract.load().operations();
        List<ScopeRules.Rule> rules = ScopeRules.of("/api", ops);
        assertThat(rules).hasSameSizeAs(ops);
        for (int i = 0; i < ops.size(); i++) {
            assertThat(rules.get(i).scope()).isEqualTo(ops.get(i).scopes().get(0));
            assertThat(rules.get(i).method()).isEqualTo(HttpMethod.valueOf(ops.get(i).method()));
            assertThat(rules.get(i).pattern()).startsWith("/api/").doesNotContain("{");
        }
    }

    @Test
    void aPathTemplateBecomesAMatcherPattern() {
        ApiOperation op = new ApiOperation("putStatus", "PUT", "/voice/sessions/{voiceSessionId}/status",
                List.of("byon:voice-sessions:update"), Optional.of("voiceSessionId"), Optional.empty(), List.of(), "#/x");
        ScopeRules.Rule rule = ScopeRules.of("/byon/v0.2", List.of(op)).get(0);
        assertThat(rule.pattern()).isEqualTo("/byon/v0.2/voice/sessions/*/status");
        assertThat(rule.authority()).isEqualTo("SCOPE_byon:voice-sessions:update");
    }

    @Test
    void anOperationWithoutAScopeFailsTheBuild() {
        ApiOperation scoped = new ApiOperation("getA", "GET", "/a", List.of("byon:a:read"),
                Optional.empty(), Optional.empty(), List.of(), "#/a");
        ApiOperation unscoped = new ApiOperation("getB", "GET", "/b", List.of(),
                Optional.empty(), Optional.empty(), List.of(), "#/b");
        assertThatThrownBy(() -> ScopeRules.of("/api", List.of(scoped, unscoped)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("getB");
    }

    @Test
    void aContractOperationWithoutSecurityFailsTheBuild() {
        String yaml = ByonContract.load().yaml();
        // the same contract with the security requirement of one operation removed
        ByonContract stripped = ByonContract.parse(yaml.replaceFirst(
                "(operationId: getVoiceSession[\\s\\S]*?)security:\\n(\\s+- [\\s\\S]*?)(\\n\\s+parameters:|\\n\\s+responses:)",
                "$1x-no-security: true$3"));
        assertThat(stripped.requireOperation("getVoiceSession").scopes()).isEmpty();
        assertThatThrownBy(() -> ScopeRules.of("/api", stripped.operations()))
                .hasMessageContaining("getVoiceSession");
    }
}
