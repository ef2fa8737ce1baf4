package org.byon.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.byon.client.internal.Channels;
import org.byon.client.internal.ClientContext;
import org.byon.client.internal.RegistrationImpl;
import org.byon.client.internal.Transport;

/**
 * The entry point of the BYON client: a subscriber's session with a BYON gateway.
 *
 * <pre>{@code
 * try (ByonClient alice = ByonClient.builder()
 *         .apiRoot("http://localhost:8080")
 *         .tokenSource(TokenSource.clientCredentials(URI.create("http://localhost:8080/oauth2/token"),
 *                 "alice", "alice-secret"))
 *         .build()) {
 *     NotificationChannelHandle channel = alice.openWebSocketChannel(event -> System.out.println(event));
 *     Registration registration = alice.register(channel);
 *     Call call = registration.call("+447700900002", offerSdp);
 *     if (call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(30))) {
 *         // media flows with call.remoteSdp()
 *         call.hangUp();
 *     }
 * }
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer} from the {@link TokenSource} and an
 * {@code x-correlator}: a new random UUID per request unless the caller supplies correlators with
 * {@link Builder#correlatorSupplier(Supplier)} or fixes one with {@link #withCorrelator(String)}.
 * Errors answered by the gateway are thrown as {@link ByonApiException}; transport failures as
 * {@link java.io.UncheckedIOException}.
 *
 * <p>Responses and events are read tolerantly: unknown JSON properties are ignored and unknown
 * enum values map to an "unknown" value instead of failing.
 *
 * <p>Thread-safe: one instance is meant to be shared by all threads of one subscriber (one token
 * source). {@link #close()} de-registers the open registrations, deletes the open channels and
 * stops the client's threads.
 */
public final class ByonClient implements AutoCloseable {

    private final ClientContext context;
    private final Transport transport;
    private final boolean root;

    private ByonClient(ClientContext context, Transport transport, boolean root) {
        this.context = context;
        this.transport = transport;
        this.root = root;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a view of this client whose requests, including those of handles obtained through the
     * view (registrations, calls), all carry {@code correlator} as {@code x-correlator}: use it to
     * trace one flow across services. The view shares this client's state; closing the view does
     * nothing.
     *
     * @param correlator the correlator (CAMARA pattern {@code ^[a-zA-Z0-9-_:;.\/<>{}]{0,256}$})
     * @return the view
     */
    public ByonClient withCorrelator(String correlator) {
        return new ByonClient(context, transport.withCorrelator(correlator), false);
    }

    /**
     * Creates a WebSocket notification channel and connects to it. Events are delivered to
     * {@code listener}; calls and registrations of this client are updated from them.
     *
     * @param listener receives the channel's events, see {@link EventListener} for threading
     * @return the connected channel
     * @throws ByonApiException         when the gateway refuses the channel
     * @throws java.io.UncheckedIOException when the WebSocket cannot be connected (the channel is deleted again)
     */
    public NotificationChannelHandle openWebSocketChannel(EventListener listener) {
        return Channels.openWebSocket(context, transport, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Creates a webhook channel: the gateway POSTs the events to {@code notificationUrl} with
     * {@code Authorization: Bearer notificationAuthToken}.
     *
     * @param notificationUrl       the HTTPS endpoint of the ASP
     * @param notificationAuthToken the bearer token the gateway sends (write-only, never returned);
     *                              may be {@code null}
     * @return the channel
     * @throws ByonApiException e.g. 422 {@code BYON.NOTIFICATION_URL_NOT_ALLOWED}
     */
    public NotificationChannelHandle createWebhookChannel(URI notificationUrl, String notificationAuthToken) {
        return Channels.createWebhook(context, transport, Objects.requireNonNull(notificationUrl, "notificationUrl"),
                notificationAuthToken);
    }

    /**
     * Creates a push notification channel: the gateway hands the events to its push sender for
     * {@code registrationToken}.
     *
     * @param registrationToken the device's push registration token (APNs, FCM or Web Push)
     * @return the channel
     * @throws ByonApiException when the gateway refuses
     */
    public NotificationChannelHandle createPushChannel(String registrationToken) {
        return Channels.createPush(context, transport, Objects.requireNonNull(registrationToken, "registrationToken"));
    }

    /**
     * Registers a new device (random {@code deviceId}) on {@code channel} with the gateway's default
     * expiry.
     *
     * @param channel the channel that receives the registration's events
     * @return the registration, refreshed automatically until closed
     * @throws ByonApiException e.g. 403 {@code BYON.MAX_REGISTRATION_PER_USER}
     */
    public Registration register(NotificationChannelHandle channel) {
        return register(channel, UUID.randomUUID(), null);
    }

    /**
     * Registers a device on {@code channel}.
     *
     * @param channel         the channel that receives the registration's events
     * @param deviceId        the device installation id, stable across logins
     * @param requestedExpiry the registration lifetime to ask for on creation and every refresh, or
     *                        {@code null} for the gateway's default
     * @return the registration, refreshed automatically until closed
     * @throws ByonApiException e.g. 409 {@code ALREADY_EXISTS} when {@code deviceId} is registered already
     */
    public Registration register(NotificationChannelHandle channel, UUID deviceId, Duration requestedExpiry) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(deviceId, "deviceId");
        return RegistrationImpl.register(context, transport, channel.channelId(), deviceId, requestedExpiry);
    }

    /**
     * De-registers the open registrations, deletes the open WebSocket channels and stops the
     * client's threads (best effort: failures are logged). A view's {@code close()} does nothing.
     */
    @Override
    public void close() {
        if (root) {
            context.close();
        }
    }

    /**
     * Builds a {@link ByonClient}. Not thread-safe; the built client is.
     */
    public static final class Builder {
        private URI apiRoot;
        private TokenSource tokenSource;
        private Supplier<String> correlatorSupplier;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration reconnectInitialDelay = Duration.ofMillis(200);
        private Duration reconnectMaxDelay = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param apiRoot the gateway's API root, e.g. {@code http://localhost:8080}; the contract's
         *                base path {@code /byon/v0.2} is appended unless already present
         * @return this builder
         */
        public Builder apiRoot(URI apiRoot) {
            this.apiRoot = Objects.requireNonNull(apiRoot, "apiRoot");
            return this;
        }

        /**
         * @param apiRoot the gateway's API root as a string
         * @return this builder
         * @see #apiRoot(URI)
         */
        public Builder apiRoot(String apiRoot) {
            return apiRoot(URI.create(apiRoot));
        }

        /**
         * @param tokenSource where access tokens come from (required)
         * @return this builder
         */
        public Builder tokenSource(TokenSource tokenSource) {
            this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
            return this;
        }

        /**
         * @param correlatorSupplier called once per request for its {@code x-correlator}; must be
         *                           thread-safe (default: random UUIDs)
         * @return this builder
         */
        public Builder correlatorSupplier(Supplier<String> correlatorSupplier) {
            this.correlatorSupplier = correlatorSupplier;
            return this;
        }

        /**
         * @param requestTimeout the timeout of each API request (default 30 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * @param initial the first WebSocket reconnect delay (default 200 ms), doubled per failed attempt
         * @param max     the largest reconnect delay (default 10 s)
         * @return this builder
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectInitialDelay = Objects.requireNonNull(initial, "initial");
            this.reconnectMaxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * @return the client
         * @throws NullPointerException when the API root or the token source is missing
         */
        public ByonClient build() {
            Objects.requireNonNull(apiRoot, "apiRoot");
            Objects.requireNonNull(tokenSource, "tokenSource");
            String root = apiRoot.toString();
            while (root.endsWith("/")) {
                root = root.substring(0, root.length() - 1);
            }
            if (!root.endsWith("/byon/v0.2")) {
                root = root + "/byon/v0.2";
            }
            Transport transport = new Transport(URI.create(root), tokenSource, correlatorSupplier, requestTimeout);
            ClientContext context = new ClientContext(transport, reconnectInitialDelay, reconnectMaxDelay);
            return new ByonClient(context, transport, true);
        }
    }
}
