package org.byon.openapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The softphone's generated module carries every event type of the contract, and nothing else is hand-written. */
class JsFactsTest {

    @Test
    void everyEventTypeBecomesAConstant(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("js/contract.js");
        JsFacts.main(new String[] {out.toString()});
        String js = Files.readString(out);
        ByonContract contract = ByonContract.load();
        for (EventSpec e : contract.eventTypes()) {
            assertThat(js).contains("  " + JsFacts.constantName(e.type()) + ": '" + e.type() + "',\n");
        }
        assertThat(js).contains("export const BASE_PATH = '" + contract.basePath() + "';")
                .contains("export const CONTRACT_VERSION = '" + contract.version() + "';");
        assertThat(js.lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(contract.eventTypes().size());
        assertThat(js).contains("export const TERMINAL_VOICE_STATUSES = Object.freeze(['"
                + String.join("', '", contract.terminalVoiceStatuses()) + "']);");
    }

    @Test
    void theConstantIsTheLastSegmentInUpperSnakeCase() {
        assertThat(JsFacts.constantName("org.byon.voice.v1.session-invitation")).isEqualTo("SESSION_INVITATION");
        assertThat(JsFacts.constantName("x")).isEqualTo("X");
    }
}
