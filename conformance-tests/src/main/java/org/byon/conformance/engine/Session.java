package org.byon.conformance.engine;

import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.http.Contract;
import org.byon.conformance.http.HttpDriver;
import org.byon.conformance.http.Redactor;
import org.byon.conformance.webhook.WebhookReceiver;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Run-wide state shared by the tests of one run: config, contract, HTTP driver, tokens, redactor,
 * the webhook receiver (started on first use), shared fixtures and the violation ledgers.
 * Thread-safe.
 */
public final class Session implements AutoCloseable {
    private final SuiteConfig config;
    private final Contract contract;
    private final Redactor redactor = new Redactor();
    private final HttpClient client;
    private final HttpDriver http;
    private final Tokens tokens;
    private final Ledger httpLedger = new Ledger();
    private final Ledger eventLedger = new Ledger();
    private final Map<String, Endpoint> shared = new ConcurrentHashMap<>();
    private final List<Runnable> sessionCleanups = new ArrayList<>();
    private final Evidence fixtureEvidence = new Evidence();
    private WebhookReceiver receiver;

    public Session(SuiteConfig config, Contract contract) {
        this.config = config;
        this.contract = contract;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeouts().http())
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "byon-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        this.http = new HttpDriver(client, config.apiRoot(), contract, config.timeouts().http());
        this.tokens = new Tokens(config, client, redactor);
    }

    public SuiteConfig config() { return config; }
    public Contract contract() { return contract; }
    public Redactor redactor() { return redactor; }
    public HttpClient client() { return client; }
    public HttpDriver http() { return http; }
    public Tokens tokens() { return tokens; }
    public Ledger httpLedger() { return httpLedger; }
    public Ledger eventLedger() { return eventLedger; }
    Evidence fixtureEvidence() { return fixtureEvidence; }
    Map<String, Endpoint> sharedEndpoints() { return shared; }

    synchronized void onClose(Runnable r) {
        sessionCleanups.add(r);
    }

    /** The suite's webhook receiver, started on first use. */
    public synchronized WebhookReceiver receiver() throws IOException {
        if (receiver == null) {
            SuiteConfig.Webhook w = config.webhook();
            org.byon.conformance.webhook.ReceiverTls tls = null;
            if (w.tls()) {
                tls = w.keyStore().isPresent()
                        ? org.byon.conformance.webhook.ReceiverTls.of(java.nio.file.Path.of(w.keyStore().get()), w.keyStorePassword())
                        : org.byon.conformance.webhook.ReceiverTls.generate(java.nio.file.Files.createTempDirectory("byon-webhook-tls"), w.bindAddress());
            }
            receiver = WebhookReceiver.start(w.bindAddress(), w.port(), w.publicUrl().orElse(null), tls);
            if (tls != null) {
                // printed so that an operator can pin or trust it on the gateway (never a secret: the certificate only)
                System.err.println("byon-conformance: webhook receiver " + receiver.publicBase() + " serves https, certificate sha256 "
                        + tls.fingerprint() + (tls.generated() ? " (generated; PEM for the gateway's trust store: " + tls.pemFile() + ")" : ""));
            }
        }
        return receiver;
    }

    public Duration eventTimeout() {
        return config.timeouts().event();
    }

    @Override
    public void close() {
        List<Runnable> cs;
        synchronized (this) {
            cs = new ArrayList<>(sessionCleanups);
            sessionCleanups.clear();
        }
        for (int i = cs.size() - 1; i >= 0; i--) {
            try {
                cs.get(i).run();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        synchronized (this) {
            if (receiver != null) {
                receiver.close();
                receiver = null;
            }
        }
    }
}
