package org.byon.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrix's sample bodies: the first request example cut to the required fields of its concrete schema. */
class NegativeMatrixSampleTest {
    private static final NegativeMatrix MATRIX = new NegativeMatrix(ByonContract.load());

    @Test
    void aSampleBodyKeepsOnlyTheRequiredFields() {
        ObjectNode racm = MATRIX.sampleBody("createRacmSession").orElseThrow();
        assertThat(racm.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("deviceId", "channelId");
        assertThat(MATRIX.sampleBody("updateRacmSession").orElseThrow().isEmpty()).isTrue();
    }

    @Test
    void theDiscriminatorPicksTheConcreteSchemaOfTheExample() {
        ObjectNode channel = MATRIX.sampleBody("createNotificationChannel").orElseThrow();
        assertThat(channel.path("channelType").asText()).isNotEmpty();
        assertThat(channel.has("requestedExpiresAt")).isFalse();
    }

    @Test
    void theSmallestExampleIsTakenAndEverySampleIsAValidRequestBody() {
        // updateVoiceSessionStatus documents Connected (with answer) first and Ringing (status only) later
        assertThat(MATRIX.sampleBody("updateVoiceSessionStatus").orElseThrow().size()).isEqualTo(1);
        ContractValidator validator = ContractValidator.of(ByonContract.load());
        for (ApiOperation op : ByonContract.load().operations()) {
            MATRIX.sampleBody(op.operationId()).ifPresent(body -> assertThat(
                    validator.validateBody(op, null, "application/json", body.toString())).as(op.operationId()).isEmpty());
        }
    }

    @Test
    void anOperationWithoutBodyHasNoSample() {
        assertThat(MATRIX.sampleBody("getVoiceSession")).isEmpty();
        for (ApiOperation op : ByonContract.load().operations()) {
            assertThat(MATRIX.sampleBody(op.operationId()).isPresent()).as(op.operationId()).isEqualTo(op.requestSchema().isPresent());
        }
    }
}
