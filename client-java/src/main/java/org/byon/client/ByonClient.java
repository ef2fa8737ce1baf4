package org.byon.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.byon.client.internal.ApiBase;
import org.byon.client.internal.Channels;
import org.byon.client.internal.ClientContext;
import org.byon.client.internal.ClientCredentialsTokenSource;
import org.byon.client.internal.Http;
import org.byon.client.internal.Log;
import org.byon.client.internal.Lookups;
import org.byon.client.internal.RegistrationImpl;
import org.byon.client.internal.Retry;
import org.byon.client.internal.Transport;
import org.byon.client.internal.WebhookReceiver;

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
 *     Call call = registration.call("+447700900002", offerSdp); // offerSdp: your WebRTC stack's offer
 *     if (call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(30))) {
 *         call.hangUp();
 *     }
 * }
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer} from the {@link TokenSource} and an
 * {@code x-correlator}: a new random UUID per request unless the caller supplies correlators with
 * {@link Builder#correlatorSupplier(Supplier)} or fixes one with {@link #withCorrelator(String)}.
 * Failures are {@link ByonException}s: {@link ByonApiException} (by {@code ErrorInfo.code}),
 * {@link ByonAuthenticationException}, {@link ByonTransportException}. Idempotent requests
 * ({@code GET}, {@code PUT}, {@code DELETE}) are retried after {@code 429} (honouring
 * {@code Retry-After}), {@code 503} and connection failures, with exponential backoff and jitter;
 * {@code POST}s never are.
 *
 * <p>Threads and connections: one {@link HttpClient} and one {@link Executor} serve everything
 * the client does: the API requests, the WebSocket channels, the token requests (of a
 * {@link TokenSource#clientCredentials client credentials} source without an HTTP client of its
 * own), event delivery and background work. Requests go out with {@code HttpClient.sendAsync}:
 * no thread waits for a response, neither for the {@code ...Async} methods nor for retries. An
 * application may pass its own ({@link Builder#httpClient}, {@link Builder#executor}), one for all
 * its clients; without them every client uses the process-wide default HTTP client (one selector
 * thread for the JVM) and its pool of daemon threads that exist only while there is work. Either
 * way a client costs no thread of its own, and {@link #close()} leaves none behind. Timers of all
 * clients share one daemon thread that exists while any client is open.
 *
 * <p>Tolerant reader: unknown JSON properties are ignored, unknown enum values never fail.
 *
 * <p>Thread-safe: one instance serves all threads of one subscriber (one token source). {@link #close()}
 * de-registers and deletes the open channels.
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
     * @throws ByonApiException       when the gateway refuses the channel
     * @throws ByonTransportException when the WebSocket cannot be connected (the channel is deleted again)
     */
    public NotificationChannelHandle openWebSocketChannel(EventListener listener) {
        return Channels.openWebSocket(context, transport, Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener receives the events
     *  @return {@link #openWebSocketChannel} without blocking a thread */
    public CompletableFuture<NotificationChannelHandle> openWebSocketChannelAsync(EventListener listener) {
        return Channels.openWebSocketAsync(context, transport, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Connects to an existing WebSocket channel (after a restart, say) and resumes after
     * {@code lastSequence}: retained events are replayed.
     *
     * @param channelId    the channel
     * @param lastSequence the last sequence the application handled, 0 for all retained events
     * @param listener     receives the channel's events
     * @return the connected channel
     * @throws ByonApiException         404 {@code NOT_FOUND} when the channel is gone
     * @throws IllegalArgumentException when the channel is not a WebSocket channel
     */
    public NotificationChannelHandle reattachWebSocketChannel(String channelId, long lastSequence, EventListener listener) {
        return Channels.reattachWebSocket(context, transport, Objects.requireNonNull(channelId, "channelId"), lastSequence,
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The receiver of a webhook channel's deliveries ({@link ByonWebhook}); its events update this client.
     *
     * @param channelId             the webhook channel
     * @param notificationAuthToken the token the channel was created with; {@code null} when it has none
     * @param listener              receives the events
     * @return the receiver
     */
    public ByonWebhook webhook(String channelId, String notificationAuthToken, EventListener listener) {
        return new WebhookReceiver(context, Objects.requireNonNull(channelId, "channelId"), notificationAuthToken,
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads a call by id ({@code GET}), e.g. one announced by a webhook event or known from before
     * a restart, and attaches it to this client: events then update it. A call this client holds
     * already is returned as it is.
     *
     * @param voiceSessionId the call
     * @return the call (an {@link IncomingCall} for an incoming leg), empty when unknown or ended
     */
    public Optional<Call> findCall(String voiceSessionId) {
        return Lookups.call(context, transport, Objects.requireNonNull(voiceSessionId, "voiceSessionId"));
    }

    /**
     * Reads a registration by id ({@code GET}) and attaches it: it is refreshed automatically from
     * now on and de-registered by {@link #close()}.
     *
     * @param racmSessionId the registration
     * @return the registration, empty when unknown or ended
     */
    public Optional<Registration> findRegistration(String racmSessionId) {
        return Lookups.registration(context, transport, Objects.requireNonNull(racmSessionId, "racmSessionId"));
    }

    /**
     * @param channelId the channel
     * @return the channel read by id ({@code GET}), empty when unknown or ended: a plain resource (not
     *         connected, not renewed; see {@link #reattachWebSocketChannel})
     */
    public Optional<NotificationChannelHandle> findChannel(String channelId) {
        return Channels.find(transport, Objects.requireNonNull(channelId, "channelId"));
    }

    /**
     * @return this subscriber's channels of this client ({@code GET /channels}) in creation order, as
     *         plain handles (the contract lists no registrations or calls: keep their ids, every event
     *         carries them, and use {@link #findRegistration} / {@link #findCall})
     */
    public List<NotificationChannelHandle> listChannels() {
        return Channels.list(transport);
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

    /** @param channel the channel
     *  @return {@link #register(NotificationChannelHandle)} without blocking a thread */
    public CompletableFuture<Registration> registerAsync(NotificationChannelHandle channel) {
        Objects.requireNonNull(channel, "channel");
        return RegistrationImpl.registerAsync(context, transport, channel.channelId(), UUID.randomUUID(), null)
                .thenApply(r -> r);
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
     * De-registers the open registrations and deletes the open WebSocket channels (best effort:
     * failures are logged), and gives back the client's reference on the process-wide default
     * HTTP client and pool: when the last client using them closes they are stopped where the JDK
     * can stop an HTTP client ({@code HttpClient.shutdownNow()}, Java 21+); on Java 17 the default
     * HTTP client is kept for the next client, so its one selector thread is all that stays. An
     * injected HTTP client or executor belongs to the application and is left running. A view's
     * {@code close()} does nothing.
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
        private HttpClient httpClient;
        private Executor executor;
        private ByonLogger logger;
        private Retry retry = Retry.DEFAULT;

        private Builder() {
        }

        /**
         * @param apiRoot the gateway's API root, e.g. {@code http://localhost:8080}; the contract's
         *                base path (from byon.yaml's server URL, e.g. {@code /byon/v0.2}) is appended
         *                unless already present
         * @return this builder
         */
        public Builder apiRoot(URI apiRoot) {
            this.apiRoot = Objects.requireNonNull(apiRoot, "apiRoot");
            return this;
        }

        /** @param apiRoot the gateway's API root as a string, see {@link #apiRoot(URI)}
         *  @return this builder */
        public Builder apiRoot(String apiRoot) {
            return apiRoot(URI.create(apiRoot));
        }

        /** @param tokenSource where access tokens come from (required)
         *  @return this builder */
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

        /** @param requestTimeout the timeout of each API request (default 30 s)
         *  @return this builder */
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
         * The HTTP client for every request and WebSocket of the client (and the token requests of
         * a client credentials source built without one). Share one among all clients of an
         * application; it belongs to the application ({@link ByonClient#close()} leaves it running).
         * Proxy, SSL context, HTTP version and connect timeout are configured on it.
         *
         * @param httpClient the HTTP client (default: the process-wide default shared by every
         *                   client built without one, see {@link ByonClient#close()})
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * The executor for event delivery, background work (refresh, renewal, reconnect) and the
         * completion of the {@code ...Async} methods (their stages run on it; no thread of it
         * waits for a response). Listeners, and stages the application adds, may block on it, so
         * a bounded executor must be sized for them. It belongs to the application.
         *
         * @param executor the executor (default: the injected HTTP client's executor if it has
         *                 one, else the process-wide default pool of daemon threads created on
         *                 demand and ended after 5 s idle)
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param logger where the client logs, redacted (default {@link ByonLogger#systemLogger()})
         * @return this builder
         */
        public Builder logger(ByonLogger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * Retries of idempotent requests ({@code GET}, {@code PUT}, {@code DELETE}) after 429, 503
         * and connection failures: a {@code Retry-After} up to {@code maxDelay} is honoured, else
         * the wait is random between 0 and {@code min(maxDelay, 200 ms * 2^n)} (full jitter).
         *
         * @param attempts attempts in all, including the first (default 3; 1 disables retries)
         * @param maxDelay the longest wait (default 5 s); a longer {@code Retry-After} is thrown
         * @return this builder
         */
        public Builder retries(int attempts, Duration maxDelay) {
            this.retry = new Retry(attempts, Retry.DEFAULT.baseDelay(), Objects.requireNonNull(maxDelay, "maxDelay"));
            return this;
        }

        /**
         * @return the client
         * @throws NullPointerException when the API root or the token source is missing
         */
        public ByonClient build() {
            Objects.requireNonNull(apiRoot, "apiRoot");
            Objects.requireNonNull(tokenSource, "tokenSource");
            Http http = Http.of(httpClient, executor);
            if (tokenSource instanceof ClientCredentialsTokenSource cc) {
                cc.bind(http.client());
            }
            Transport transport = new Transport(ApiBase.resolve(apiRoot), tokenSource, correlatorSupplier, requestTimeout, http,
                    new Log(logger), retry);
            ClientContext context = new ClientContext(transport, reconnectInitialDelay, reconnectMaxDelay);
            return new ByonClient(context, transport, true);
        }
    }
}
