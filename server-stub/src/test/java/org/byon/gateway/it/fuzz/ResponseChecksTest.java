package org.byon.gateway.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The fuzz test's checks catch what the gateway used to answer (so a green fuzz run means something). */
class ResponseChecksTest {
    private static final FuzzRequest GET = new FuzzRequest("op", "GET", "/x", List.of(), null, true);

    private static RawHttp.Response response(String raw) {
        return RawHttp.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void tomcatsHtml500WithoutCorrelatorIsThreeViolations() {
        ResponseChecks checks = new ResponseChecks();
        checks.record(GET, response("HTTP/1.1 500 \r\nContent-Type: text/html\r\n\r\n<!doctype html><html>"
                + "<h1>HTTP Status 500</h1>java.lang.IllegalArgumentException</html>"));
        assertThat(checks.violations()).containsKeys("5xx", "missing-correlator", "leaked-internals", "not-error-info");
    }

    @Test
    void a406WithoutBodyIsNotErrorInfo() {
        ResponseChecks checks = new ResponseChecks();
        checks.record(GET, response("HTTP/1.1 406 \r\nx-correlator: a\r\nContent-Length: 0\r\n\r\n"));
        assertThat(checks.violations()).containsOnlyKeys("not-error-info");
    }

    @Test
    void anErrorInfoWithTheWrongStatusOrAClassNameIsCaught() {
        ResponseChecks checks = new ResponseChecks();
        checks.record(GET, response("HTTP/1.1 400 \r\nx-correlator: a\r\nContent-Type: application/json\r\n\r\n"
                + "{\"status\":401,\"code\":\"X\",\"message\":\"m\"}"));
        checks.record(GET, response("HTTP/1.1 400 \r\nx-correlator: a\r\nContent-Type: application/json\r\n\r\n"
                + "{\"status\":400,\"code\":\"X\",\"message\":\"Cannot deserialize `org.byon.gateway.web.model.X`\"}"));
        assertThat(checks.violations()).containsEntry("not-error-info", 1).containsEntry("leaked-internals", 1);
    }

    @Test
    void aProperErrorInfoAndAChunkedSuccessPass() {
        ResponseChecks checks = new ResponseChecks();
        checks.record(GET, response("HTTP/1.1 404 \r\nx-correlator: a\r\nContent-Type: application/json\r\n\r\n"
                + "{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"no such resource\"}"));
        checks.record(GET, response("HTTP/1.1 200 \r\nx-correlator: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n[]\r\n0\r\n\r\n"));
        assertThat(checks.violations()).isEmpty();
        assertThat(checks.requests()).isEqualTo(2);
    }
}
