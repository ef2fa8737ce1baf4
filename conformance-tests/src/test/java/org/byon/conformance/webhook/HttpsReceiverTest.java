package org.byon.conformance.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpsReceiverTest {
    @TempDir
    Path dir;

    @Test
    void theReceiverServesHttpsWithAGeneratedCertificateThatAClientTrustingItsPemAccepts() throws Exception {
        ReceiverTls tls = ReceiverTls.generate(dir, "127.0.0.1");
        assertThat(tls.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Files.readString(tls.pemFile())).startsWith("-----BEGIN CERTIFICATE-----");
        try (WebhookReceiver r = WebhookReceiver.start("127.0.0.1", 0, null, tls)) {
            assertThat(r.publicBase()).startsWith("https://127.0.0.1:");
            WebhookReceiver.Hook hook = r.newHook(0);
            HttpRequest post = HttpRequest.newBuilder(URI.create(hook.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"1\"}")).build();
            HttpResponse<Void> ok = HttpClient.newBuilder().sslContext(trusting(tls.pemFile())).build()
                    .send(post, HttpResponse.BodyHandlers.discarding());
            assertThat(ok.statusCode()).isEqualTo(204);
            assertThat(hook.deliveries()).singleElement().satisfies(d -> assertThat(d.json().path("id").asText()).isEqualTo("1"));
            // a client with only the JDK's CAs refuses the self-signed certificate: the gateway needs it in its trust store
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aGivenKeyStoreIsServedAsIs() throws Exception {
        ReceiverTls made = ReceiverTls.generate(dir, null);
        ReceiverTls given = ReceiverTls.of(made.keyStore(), ReceiverTls.GENERATED_PASSWORD);
        assertThat(given.fingerprint()).isEqualTo(made.fingerprint());
        assertThat(given.generated()).isFalse();
    }

    static SSLContext trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("hook", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, f.getTrustManagers(), null);
        return ctx;
    }
}
