package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The gateway serves its own contract and HTML reference, without a token, at the documented paths. */
class ContractDocsIT extends GatewayITSupport {

    @Test
    void theContractIsServedUnauthenticatedAsTheByonOpenapiJarCarriesIt() throws Exception {
        HttpResponse<String> r = http("GET", "/openapi/byon.yaml", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/yaml"));
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/openapi/byon.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(r.body()).isEqualTo(shipped);
        assertThat(r.body()).contains("url: '{apiRoot}" + org.byon.gateway.web.WebConfiguration.API_PREFIX + "'");
    }

    @Test
    void theHtmlReferenceIsServedUnauthenticated() {
        HttpResponse<String> r = http("GET", "/openapi/byon.html", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("BYON - Bring Your Own Number");
        if (getClass().getResource("/openapi/byon.html") == null) {
            // the build skipped the Node steps: the fallback page links to the contract
            assertThat(r.body()).contains("href=\"byon.yaml\"");
        } else {
            assertThat(r.body()).containsIgnoringCase("redoc");
        }
    }
}
