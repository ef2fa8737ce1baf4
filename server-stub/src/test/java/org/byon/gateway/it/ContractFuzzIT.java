package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.byon.gateway.it.fuzz.ContractRequests;
import org.byon.gateway.it.fuzz.Fuzzing;
import org.byon.gateway.it.fuzz.KnownIds;
import org.byon.gateway.web.WebConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The contract fuzz test: at least 5,000 requests generated from byon.yaml (every operation, with generated
 * paths, parameters, headers and bodies; QuickTheories with a fixed seed, so a failure reproduces), sent raw over
 * sockets. Asserts 0 5xx, 0 error bodies that are not ErrorInfo, 0 responses without x-correlator, 0 bodies naming
 * Java internals, and a gateway that still works afterwards. Prints its counts. Bounded: 5,500 requests or 150 s.
 */
class ContractFuzzIT extends GatewayITSupport {
    private static final int REQUESTS = Integer.getInteger("byon.fuzz.requests", 5_500);
    private static final long SEED = Long.getLong("byon.fuzz.seed", 20261202L);

    @Test
    void generatedRequestsNeverGet5xxNorBodiesOtherThanErrorInfo() throws Exception {
        KnownIds ids = new KnownIds();
        Endpoint dave = register("dave");
        ids.ownAddress("tel:" + NUMBERS.get("dave"));
        ids.channel(dave.channelId());
        ids.racmSession(dave.racmSessionId());
        ids.voiceSession(voice("dave").createVoiceSession(callTo(dave, "+447700900102"), null).getVoiceSessionId());
        ContractRequests requests = new ContractRequests(contract(), WebConfiguration.API_PREFIX,
                new ContractRequests.Tokens(token("dave"), fetchToken("dave", "byon:channels:read"),
                        mintToken("dave", Instant.now().minusSeconds(60))), ids);
        Fuzzing run = new Fuzzing(port, token("dave"), ids);
        long start = System.nanoTime();
        qt().withFixedSeed(SEED).withExamples(REQUESTS).withShrinkCycles(0).withTestingTime(150, TimeUnit.SECONDS)
                .withGenerateAttempts(100_000)
                .forAll(requests.any())
                .checkAssert(run::send);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.println("[contract-fuzz] " + run.checks().summary() + " operations=" + requests.operations().size()
                + " cleanup-deletes=" + run.cleanups() + " seed=" + SEED + " time=" + seconds + "s");
        run.checks().firstFailures().forEach(f -> System.out.println("[contract-fuzz] FAIL " + f));
        run.checks().validMisses.forEach(f -> System.out.println("[contract-fuzz] valid, not 2xx: " + f));

        assertThat(run.checks().requests()).as("requests sent").isGreaterThanOrEqualTo(Math.min(REQUESTS, 5_000));
        assertThat(run.checks().created()).as("generated creates that succeeded (valid oneOf bodies)")
                .isGreaterThanOrEqualTo(200);
        assertThat(run.checks().violations()).as("violations; first: " + run.checks().firstFailures()).isEmpty();
        run.deleteCreated(WebConfiguration.API_PREFIX);
        dave.ws().close();
        assertHealthy();
    }

    /** After the run: tokens are issued, a channel is created, read and deleted, a registration works. */
    private void assertHealthy() throws Exception {
        String fresh = fetchToken("erin", null);
        var created = http("POST", WebConfiguration.API_PREFIX + "/channels", fresh, "{\"channelType\":\"WebSocket\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).get("channelId").asText();
        assertThat(http("GET", WebConfiguration.API_PREFIX + "/channels/" + id, fresh, null).statusCode()).isEqualTo(200);
        assertThat(http("DELETE", WebConfiguration.API_PREFIX + "/channels/" + id, fresh, null).statusCode())
                .isEqualTo(204);
        Endpoint e = register("erin");
        e.ws().close();
    }

    private static Path contract() {
        String configured = System.getProperty("byon.contract");
        Path p = configured != null ? Path.of(configured) : Path.of("../openapi/byon.yaml");
        return Files.exists(p) ? p : Path.of("openapi/byon.yaml");
    }
}
