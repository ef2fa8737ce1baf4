package org.byon.conformance.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** byon.yaml lets a gateway answer 405/406 without listing them; the suite checks their ErrorInfo instead of refusing them. */
class UnlistedStatusTest {
    static final Contract CONTRACT = Contract.embedded("/byon/v0.2");
    static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    static final String ERROR_405 = "{\"status\":405,\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"PATCH is not supported here\"}";

    @Test
    void a405OnAMethodThePathDoesNotOfferIsCheckedAsAnErrorInfo() {
        assertThat(CONTRACT.validateResponse("PATCH", "/byon/v0.2/channels", 405, JSON, ERROR_405)).isEmpty();
        assertThat(CONTRACT.validateResponse("PATCH", "/byon/v0.2/channels", 405, JSON, "{\"oops\":true}")).isNotEmpty();
        assertThat(CONTRACT.validateResponse("PATCH", "/byon/v0.2/channels", 405, JSON, "{\"status\":405,\"code\":\"not snake\",\"message\":\"m\"}"))
                .isNotEmpty();
    }

    @Test
    void anUnlistedStatusOutsideTheCamaraSetIsStillAViolation() {
        assertThat(CONTRACT.validateResponse("PATCH", "/byon/v0.2/channels", 501, JSON,
                "{\"status\":501,\"code\":\"NOT_IMPLEMENTED\",\"message\":\"m\"}")).isNotEmpty();
        assertThat(CONTRACT.validateResponse("DELETE", "/byon/v0.2/channels/ch-1", 200, JSON, "{}"))
                .anySatisfy(m -> assertThat(m).startsWith("validation.response.status.unknown"));
    }
}
