package org.byon.conformance.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    static final String MINIMAL = """
            apiRoot: ${ROOT:-http://localhost:8080/byon/v0.2}
            auth:
              tokenUrl: /oauth2/token
            subscribers:
              A: {phoneNumber: "+447700900001", clientId: alice, clientSecret: ${ALICE_SECRET}}
              B: {phoneNumber: "+447700900002", token: static-token-of-bob}
            """;

    static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env::get);
    }

    @Test
    void theShippedReferenceConfigLoadsWithItsDefaults() throws Exception {
        SuiteConfig c = loader(Map.of()).loadResource("/byon-conformance/reference-gateway.yaml");
        assertThat(c.apiRoot()).hasToString("http://localhost:8080/byon/v0.2");
        assertThat(c.a().clientSecret()).contains("alice-secret");
        assertThat(c.c()).isPresent();
        assertThat(c.external("answers")).contains("+447700900100");
        assertThat(c.supports("Webhook")).isTrue();
        assertThat(c.timeouts().ringTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.resolve(c.auth().tokenUrl().orElseThrow())).hasToString("http://localhost:8080/oauth2/token");
        assertThat(c.minRegistrationExpiry()).contains(Duration.ofSeconds(2));
        assertThat(c.timeouts().registrationExpiry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.resolve(c.pushOutboxUrl().orElseThrow())).hasToString("http://localhost:8080/simulator/v1/push-outbox?simulatorKey=reference-simulator-key");
    }

    @Test
    void theGatewaysLimitsAreOptionalDeclarationsAndChecked() throws Exception {
        SuiteConfig ref = loader(Map.of()).loadResource("/byon-conformance/reference-gateway.yaml");
        assertThat(ref.limits()).isEqualTo(new SuiteConfig.Limits(java.util.Optional.of(16384), java.util.Optional.of(131072),
                java.util.Optional.of(100), java.util.Optional.of(300), java.util.Optional.of(100), java.util.Optional.of(20)));
        assertThat(ref.d()).isEmpty();
        SuiteConfig minimal = loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL, "t");
        assertThat(minimal.limits()).isEqualTo(SuiteConfig.Limits.none());
        assertThatThrownBy(() -> loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL
                + "features: {maxHeaderBytes: big, maxBodyBytes: 0, rateLimit: {requestsPerSecond: 5}}\n", "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.maxHeaderBytes must be an integer >= 1, not 'big'")
                .hasMessageContaining("features.maxBodyBytes must be an integer >= 1")
                .hasMessageContaining("features.rateLimit needs both requestsPerSecond and burst");
        SuiteConfig withD = loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL.replace("  B:", "  D: {phoneNumber: \"+447700900009\", token: t-of-d}\n  B:"), "t");
        assertThat(withD.d().orElseThrow().phoneNumber()).isEqualTo("+447700900009");
    }

    @Test
    void theTwoLeggedCredentialIsOptionalAndChecked() throws Exception {
        SuiteConfig ref = loader(Map.of()).loadResource("/byon-conformance/reference-gateway.yaml");
        assertThat(ref.auth().twoLegged()).hasValueSatisfying(c -> {
            assertThat(c.clientId()).contains("asp");
            assertThat(c.clientSecret()).contains("asp-secret");
            assertThat(c.role()).isEqualTo("consumer");
        });
        assertThat(loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL, "t").auth().twoLegged()).isEmpty();
        String withBad = MINIMAL.replace("auth:\n", "auth:\n  twoLegged: {clientId: asp, colour: red}\n");
        assertThat(withBad).isNotEqualTo(MINIMAL);
        assertThatThrownBy(() -> loader(Map.of("ALICE_SECRET", "s")).parse(withBad, "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.twoLegged needs clientId and clientSecret")
                .hasMessageContaining("auth.twoLegged.colour is not a known key");
    }

    @Test
    void expiryAndPushOutboxAreOptionalAndChecked() throws Exception {
        SuiteConfig c = loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL, "t");
        assertThat(c.minRegistrationExpiry()).isEmpty();
        assertThat(c.pushOutboxUrl()).isEmpty();
        assertThat(c.timeouts().registrationExpiry()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL
                + "features: {minRegistrationExpiry: soon, pushOutboxUrl: 'ftp://x'}\n", "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.minRegistrationExpiry 'soon' is not a duration")
                .hasMessageContaining("features.pushOutboxUrl");
    }

    @Test
    void environmentReferencesAreSubstitutedWithDefaults() throws Exception {
        SuiteConfig c = loader(Map.of("ALICE_SECRET", "s3cret", "ROOT", "http://gw.example:9/base/byon/v0.2")).parse(MINIMAL, "t");
        assertThat(c.a().clientSecret()).contains("s3cret");
        assertThat(c.apiRoot()).hasToString("http://gw.example:9/base/byon/v0.2");
        assertThat(c.b().token()).contains("static-token-of-bob");
        assertThat(c.resolve("/oauth2/token")).hasToString("http://gw.example:9/oauth2/token");
    }

    @Test
    void relativeTokenUrlsFollowTheAuthOriginWhenGiven() throws Exception {
        SuiteConfig c = loader(Map.of("ALICE_SECRET", "s3cret")).parse(MINIMAL, "t").withApiRoot(java.net.URI.create("http://prism:4010/byon/v0.2"))
                .withAuthOrigin(java.net.URI.create("http://gateway:8080"));
        assertThat(c.resolve("/oauth2/token")).hasToString("http://gateway:8080/oauth2/token");
        assertThat(loader(Map.of("ALICE_SECRET", "s")).parse(MINIMAL.replace("tokenUrl: /oauth2/token", "tokenUrl: /oauth2/token\n  origin: http://idp:9"), "t")
                .resolve("/oauth2/token")).hasToString("http://idp:9/oauth2/token");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> loader(Map.of()).parse(MINIMAL, "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("${ALICE_SECRET}");
    }

    @Test
    void commentsMayMentionEnvironmentReferences() throws Exception {
        SuiteConfig c = loader(Map.of("ALICE_SECRET", "x1234567")).parse("# use ${ANYTHING} here\n" + MINIMAL, "t");
        assertThat(c.a().clientSecret()).contains("x1234567");
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        String bad = """
                auth: {clientAuth: digest}
                subscribers:
                  A: {phoneNumber: "0123", clientId: alice}
                  E: {phoneNumber: "+447700900009"}
                externalNumbers: {busy: "12"}
                timeouts: {event: soon}
                colour: blue
                """;
        assertThatThrownBy(() -> loader(Map.of()).parse(bad, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("apiRoot is required"))
                        .anySatisfy(p -> assertThat(p).contains("auth.clientAuth"))
                        .anySatisfy(p -> assertThat(p).contains("subscribers.A.phoneNumber"))
                        .anySatisfy(p -> assertThat(p).contains("subscribers.A needs clientId and clientSecret"))
                        .anySatisfy(p -> assertThat(p).contains("subscribers.E is not a role (use A, B and optionally C and D)"))
                        .anySatisfy(p -> assertThat(p).contains("externalNumbers.busy"))
                        .anySatisfy(p -> assertThat(p).contains("timeouts.event"))
                        .anySatisfy(p -> assertThat(p).contains("unknown top-level key 'colour'")));
    }

    @Test
    void invalidYamlIsAConfigProblem() {
        assertThatThrownBy(() -> loader(Map.of()).parse("apiRoot: [unclosed", "broken.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("broken.yaml is not valid YAML");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigLoader.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigLoader.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }
}
