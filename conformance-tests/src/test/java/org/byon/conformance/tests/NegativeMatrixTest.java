package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.http.Contract;
import org.byon.openapi.NegativeMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NegativeMatrixTest {
    static final NegativeMatrix M = Contract.embeddedMatrix();
    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> names(String op, NegativeMatrix.Kind kind) {
        return M.cases(op, ErrorTests.sampleBody(op), kind).stream().map(NegativeMatrix.Case::name).toList();
    }

    @Test
    void eachRequiredFieldOfCreateRacmSessionIsRemovedOnce() throws Exception {
        List<NegativeMatrix.Case> cases = M.cases("createRacmSession", ErrorTests.sampleBody("createRacmSession"), NegativeMatrix.Kind.MISSING_REQUIRED);
        assertThat(cases).extracting(NegativeMatrix.Case::name).containsExactlyInAnyOrder("missing required /deviceId", "missing required /channelId");
        for (NegativeMatrix.Case c : cases) {
            JsonNode body = JSON.readTree(c.body());
            assertThat(body.has("registrationExpireTime")).isTrue();
            assertThat(body.size()).isEqualTo(2);
            assertThat(c.expectedStatus()).isEqualTo(400);
            assertThat(c.expectedCode()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    @Test
    void nestedRequiredFieldsAreFoundThroughReferences() {
        assertThat(names("createVoiceSession", NegativeMatrix.Kind.MISSING_REQUIRED))
                .contains("missing required /racmSessionId", "missing required /receiverAddress", "missing required /offer", "missing required /offer/sdp");
    }

    @Test
    void theDiscriminatorIsFollowedAndItsEnumBroken() {
        assertThat(names("createNotificationChannel", NegativeMatrix.Kind.BAD_ENUM)).containsExactly("value outside the enum at /channelType");
        assertThat(names("updateVoiceSessionStatus", NegativeMatrix.Kind.BAD_ENUM)).containsExactly("value outside the enum at /status");
    }

    @Test
    void wrongTypesUseAValueNoBinderCoerces() throws Exception {
        List<NegativeMatrix.Case> cases = M.cases("createRacmSession", ErrorTests.sampleBody("createRacmSession"), NegativeMatrix.Kind.WRONG_TYPE);
        assertThat(cases).hasSize(3);
        JsonNode first = JSON.readTree(cases.get(0).body());
        assertThat(first.get("deviceId").isObject()).isTrue();
    }

    @Test
    void formatsAndPatternsAreViolated() {
        assertThat(names("createRacmSession", NegativeMatrix.Kind.BAD_FORMAT))
                .contains("bad format uuid at /deviceId", "bad format date-time at /registrationExpireTime", "bad pattern at /channelId");
        assertThat(names("createVoiceSession", NegativeMatrix.Kind.BAD_FORMAT)).contains("bad pattern at /receiverAddress");
    }

    @Test
    void framingCasesCoverEmptyMalformedAndContentType() {
        List<NegativeMatrix.Case> cases = M.cases("createVoiceSession", ErrorTests.sampleBody("createVoiceSession"), NegativeMatrix.Kind.FRAMING);
        assertThat(cases).extracting(NegativeMatrix.Case::name)
                .containsExactly("empty body", "malformed JSON", "wrong content type text/plain", "JSON array instead of object");
        assertThat(cases.get(2).contentType()).isEqualTo("text/plain");
        assertThat(cases.get(2).expectedStatus()).isEqualTo(415);
        assertThat(cases.get(2).expectedCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(cases.get(0).body()).isEmpty();
    }

    @Test
    void kindsAByonYamlBodyLacksProduceNoCases() {
        assertThat(names("updateRacmSession", NegativeMatrix.Kind.MISSING_REQUIRED)).isEmpty();
        assertThat(names("updateRacmSession", NegativeMatrix.Kind.BAD_ENUM)).isEmpty();
    }
}
