package org.byon.openapi;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facts the API reads from byon.yaml: operations, scopes, statuses, codes, base path, event types. */
class ByonContractTest {
    private static final ByonContract CONTRACT = ByonContract.load();

    @Test
    void theJarCarriesTheContractOfTheSourceTree() throws Exception {
        String source = java.nio.file.Files.readString(Contract.location());
        assertThat(CONTRACT.yaml()).isEqualTo(source);
        assertThat(CONTRACT.sha256()).hasSize(64);
        assertThat(CONTRACT.version()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void operationsHaveUniqueIdsAScopeAndResolvablePointers() {
        List<ApiOperation> ops = CONTRACT.operations();
        assertThat(ops).hasSize(13);
        Set<String> ids = new HashSet<>();
        for (ApiOperation op : ops) {
            assertThat(ids.add(op.operationId())).as("unique id %s", op.operationId()).isTrue();
            assertThat(op.scopes()).as("scopes of %s", op.operationId()).hasSize(1);
            assertThat(op.scopes().get(0)).matches("byon:[a-z-]+:(create|read|update|delete)");
            assertThat(CONTRACT.tree().at(op.pointer().substring(1)).path("operationId").asText()).isEqualTo(op.operationId());
            assertThat(op.path()).startsWith("/");
            op.pathParameter().ifPresent(p -> assertThat(op.path()).contains("{" + p + "}"));
            assertThat(op.statuses()).contains("401", "403");
        }
        assertThat(CONTRACT.scopes()).hasSize(12);
    }

    @Test
    void oneOperationReadsAsTheContractWritesIt() {
        ApiOperation op = CONTRACT.requireOperation("updateVoiceSessionStatus");
        assertThat(op.method()).isEqualTo("PUT");
        assertThat(op.path()).isEqualTo("/voice/sessions/{voiceSessionId}/status");
        assertThat(op.path("vs-1")).isEqualTo("/voice/sessions/vs-1/status");
        assertThat(op.scopes()).containsExactly("byon:voice-sessions:update");
        assertThat(op.requestSchema()).contains("VoiceSessionStatusChange");
        assertThat(op.pathParameter()).contains("voiceSessionId");
        assertThat(op.response("200")).isPresent();
        assertThat(op.response("200").orElseThrow().isError()).isFalse();
        assertThat(op.response("200").orElseThrow().codes()).isEmpty();
        assertThat(op.codes(404)).containsExactly("NOT_FOUND");
    }

    @Test
    void eachCreateOperationIsPairedWithTheDeleteOfWhatItCreates() {
        assertThat(CONTRACT.deleteOfCreated(CONTRACT.requireOperation("createNotificationChannel")))
                .map(ApiOperation::operationId).contains("deleteNotificationChannel");
        assertThat(CONTRACT.deleteOfCreated(CONTRACT.requireOperation("createRacmSession")))
                .map(o -> o.pathParameter().orElseThrow()).contains("racmSessionId");
        assertThat(CONTRACT.deleteOfCreated(CONTRACT.requireOperation("createVoiceSession"))).isPresent();
        assertThat(CONTRACT.deleteOfCreated(CONTRACT.requireOperation("updateVoiceSessionStatus"))).isEmpty();
        assertThat(CONTRACT.deleteOfCreated(CONTRACT.requireOperation("listNotificationChannels"))).isEmpty();
    }

    @Test
    void errorCodesComeFromTheResponseSchemaOrItsExamples() {
        ApiOperation create = CONTRACT.requireOperation("createRacmSession");
        assertThat(create.codes(403)).contains("BYON.MAX_REGISTRATION_PER_USER", "PERMISSION_DENIED");
        assertThat(create.codes(401)).containsExactly("UNAUTHENTICATED");
        assertThat(create.codes(422)).containsExactly("BYON.UNKNOWN_CHANNEL");
        assertThat(create.codes(418)).isEmpty();
    }

    @Test
    void theBasePathIsThePathOfTheServerUrl() {
        assertThat(CONTRACT.basePath()).matches("/byon/v\\d+(\\.\\d+)?");
        assertThat(ByonContract.parse(minimal("{apiRoot}/x/v9/")).basePath()).isEqualTo("/x/v9");
        assertThat(ByonContract.parse(minimal("https://gw.example/y")).basePath()).isEqualTo("/y");
    }

    @Test
    void eventTypesComeFromTheCloudEventDiscriminatorWithTheirDataSchemas() {
        assertThat(CONTRACT.eventTypes()).hasSize(4);
        for (EventSpec e : CONTRACT.eventTypes()) {
            assertThat(e.type()).startsWith("org.byon.");
            assertThat(CONTRACT.schema(e.schema())).as(e.schema()).isPresent();
            assertThat(CONTRACT.schema(e.dataSchema())).as(e.dataSchema()).isPresent();
        }
        assertThat(CONTRACT.eventType("org.byon.voice.v1.session-status").orElseThrow().dataSchema())
                .isEqualTo("SessionStatusData");
        assertThat(CONTRACT.eventType("org.byon.voice.v1.unknown")).isEmpty();
        assertThat(CONTRACT.eventTypeWithData("SessionStatusData").orElseThrow().type()).endsWith(".session-status");
        assertThat(CONTRACT.eventTypeWithData("ErrorInfo")).isEmpty();
    }

    @Test
    void examplesAreFoundWhereverTheyAreWritten() {
        assertThat(CONTRACT.exampleValues()).hasSizeGreaterThan(40);
        for (EventSpec e : CONTRACT.eventTypes()) {
            assertThat(CONTRACT.exampleValues()).as(e.type()).anyMatch(v -> e.type().equals(v.path("type").asText()));
        }
    }

    @Test
    void anOperationWithoutAnIdIsRefused() {
        String yaml = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses: {}\n";
        assertThatThrownBy(() -> ByonContract.parse(yaml)).hasMessageContaining("GET /a has no operationId");
    }

    @Test
    void anOperationWithoutSecurityHasNoScopes() {
        ByonContract c = ByonContract.parse(minimal("{apiRoot}/z"));
        assertThat(c.requireOperation("getA").scopes()).isEmpty();
        assertThatThrownBy(() -> c.requireOperation("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String minimal(String serverUrl) {
        return "openapi: 3.0.3\nservers:\n  - url: '" + serverUrl + "'\npaths:\n  /a:\n    get:\n      operationId: getA\n"
                + "      responses:\n        '200':\n          description: ok\n";
    }

    /** x-terminal says in data what the state table of the tag "Voice Sessions" says in words (its Terminal column). */
    @Test
    void theTerminalVoiceStatusesAreTheStateTablesTerminalRows() {
        ByonContract c = ByonContract.load();
        String states = null;
        for (var tag : c.tree().path("tags")) {
            if (tag.path("name").asText().equals("Voice Sessions")) {
                states = tag.path("description").asText();
            }
        }
        assertThat(states).as("the tag Voice Sessions").isNotNull().contains("| Terminal |");
        Set<String> yes = new java.util.LinkedHashSet<>();
        Set<String> no = new HashSet<>();
        for (String line : states.split("\n")) {
            String[] cols = line.split("\\|");
            if (line.startsWith("| `") && cols.length >= 6) {
                String status = cols[1].strip().replace("`", "");
                (cols[cols.length - 1].strip().equals("yes") ? yes : no).add(status);
            }
        }
        assertThat(yes).hasSizeGreaterThan(3);
        assertThat(c.terminalVoiceStatuses()).containsExactlyInAnyOrderElementsOf(yes).doesNotContainAnyElementsOf(no);
        assertThatThrownBy(() -> ByonContract.parse(c.yaml().replace("      x-terminal:\n        - Terminated\n",
                "      x-terminal:\n        - Finished\n")).terminalVoiceStatuses()).hasMessageContaining("'Finished', not an enum value");
    }
}
