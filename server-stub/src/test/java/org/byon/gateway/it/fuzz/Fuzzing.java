package org.byon.gateway.it.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends generated requests to the gateway and records what came back. */
public final class Fuzzing {
    private final RawHttp http;
    private final int port;
    private final ResponseChecks checks = new ResponseChecks();

    public Fuzzing(int port) {
        this.port = port;
        this.http = new RawHttp(port);
    }

    public void send(FuzzRequest request) {
        try {
            checks.record(request, http.send(request.wire(port)));
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + request, e);
        }
    }

    public ResponseChecks checks() {
        return checks;
    }
}
