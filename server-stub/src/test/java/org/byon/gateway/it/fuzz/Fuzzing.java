package org.byon.gateway.it.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends generated requests to the gateway and records what came back. */
public final class Fuzzing {
    private final RawHttp http;
    private final int port;
    private final ResponseChecks checks = new ResponseChecks();

    private final String cleanupToken;
    private final KnownIds ids;
    private int cleanups;

    /**
     * @param cleanupToken the owner of what a 201 created: each new id joins {@code ids} (so later requests name
     *                     live resources even after a fuzzed DELETE removed the first ones), and the oldest beyond
     *                     three of a kind is deleted (checked like every response), so the quotas never fill up
     */
    public Fuzzing(int port, String cleanupToken, KnownIds ids) {
        this.port = port;
        this.http = new RawHttp(port);
        this.cleanupToken = cleanupToken;
        this.ids = ids;
    }

    public void send(FuzzRequest request) {
        try {
            RawHttp.Response r = http.send(request.wire(port));
            checks.record(request, r);
            String location = r.header("location");
            if (r.status() == 201 && location != null && cleanupToken != null && request.label().endsWith("[valid]")) {
                String path = java.net.URI.create(location).getRawPath();
                String id = path.substring(path.lastIndexOf('/') + 1);
                java.util.List<String> pool = path.contains("/channels/") ? ids.channels
                        : path.contains("/racm/sessions/") ? ids.racmSessions : ids.voiceSessions;
                pool.add(id);
                while (pool.size() > 3) {
                    String oldest = pool.remove(0);
                    String oldPath = path.substring(0, path.lastIndexOf('/') + 1) + oldest;
                    FuzzRequest delete = new FuzzRequest("cleanup[delete]", "DELETE", oldPath,
                            java.util.List.<String[]>of(new String[] {"Authorization", "Bearer " + cleanupToken}), null, true);
                    checks.record(delete, http.send(delete.wire(port)));
                    cleanups++;
                }
            } else if (r.status() == 201 && location != null && cleanupToken != null) { // a fuzzed create: undo it
                FuzzRequest delete = new FuzzRequest("cleanup[delete]", "DELETE", java.net.URI.create(location).getRawPath(),
                        java.util.List.<String[]>of(new String[] {"Authorization", "Bearer " + cleanupToken}), null, true);
                checks.record(delete, http.send(delete.wire(port)));
                cleanups++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + request, e);
        }
    }

    /** Deletes what the run created and still holds (voice sessions, then registrations, then channels). */
    public void deleteCreated(String apiPrefix) throws IOException {
        String[][] kinds = {{"/voice/sessions/"}, {"/racm/sessions/"}, {"/channels/"}};
        java.util.List<java.util.List<String>> pools = java.util.List.of(ids.voiceSessions, ids.racmSessions, ids.channels);
        for (int k = 0; k < kinds.length; k++) {
            for (String id : pools.get(k)) {
                FuzzRequest delete = new FuzzRequest("cleanup[delete]", "DELETE", apiPrefix + kinds[k][0] + id,
                        java.util.List.<String[]>of(new String[] {"Authorization", "Bearer " + cleanupToken}), null, true);
                http.send(delete.wire(port));
            }
        }
    }

    /** DELETEs sent for created resources (counted among the requests). */
    public int cleanups() {
        return cleanups;
    }

    public ResponseChecks checks() {
        return checks;
    }
}
