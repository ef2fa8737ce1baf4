package org.byon.bench;

import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Entry point of the benchmark harness; bench/run.sh drives it. Sub-commands:
 * {@code gateway-config}, {@code wiremock-stubs}, {@code free-port}, {@code throughput}, {@code callflow},
 * {@code fanout}, {@code scale}, {@code suite}, {@code report}, {@code soak}, {@code start}.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: java -jar byon-bench.jar <gateway-config|wiremock-stubs|free-port|throughput|"
                    + "callflow|fanout|scale|suite|report> [--option value ...]  (see bench/README.md)");
            System.exit(2);
        }
        Args a = new Args(argv, 1);
        switch (argv[0]) {
            case "gateway-config" -> Subscribers.writeGatewayConfig(a);
            case "wiremock-stubs" -> WireMockStubs.write(a);
            case "free-port" -> {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    System.out.println(s.getLocalPort());
                }
            }
            case "throughput" -> Throughput.run(a);
            case "callflow" -> CallFlow.run(a);
            case "fanout" -> FanOut.run(a);
            case "scale" -> Scale.run(a);
            case "suite" -> Suite.run(a);
            case "report" -> Report.run(a);
            case "soak" -> Soak.run(a);
            case "start" -> Start.run(a);
            default -> {
                System.err.println("unknown sub-command: " + argv[0]);
                System.exit(2);
            }
        }
        System.exit(0); // WebSocket and HTTP client threads must not keep the driver alive
    }
}
