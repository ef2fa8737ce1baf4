package org.byon.gateway.channel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.byon.gateway.network.NetworkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to webhook channels asynchronously, in sequence order per channel: POST with
 * {@code Content-Type: application/cloudevents+json} and {@code Authorization: Bearer <notificationAuthToken>};
 * on 5xx, timeout or connection failure, retried with exponential backoff (1 s, 2 s, 4 s ...) up to
 * {@code maxAttempts}; 410 Gone ends the channel; other 4xx drop the event. Request threads never wait for
 * a webhook. Thread-safe.
 */
public class WebhookSender {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private final org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient http;
    private final NetworkScheduler scheduler;
    private final WebhookPolicy policy;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, ChannelEndReason> channelGone = (id, r) -> { };
    private final WebhookUrlGuard guard;

    public WebhookSender(NetworkScheduler scheduler, WebhookPolicy policy, int maxAttempts, Duration initialBackoff,
                         Duration timeout) {
        this(scheduler, policy, maxAttempts, initialBackoff, timeout, new WebhookUrlGuard(true));
    }

    /** @param guard checked before every attempt: a host that now resolves internally fails like a refused connection */
    public WebhookSender(NetworkScheduler scheduler, WebhookPolicy policy, int maxAttempts, Duration initialBackoff,
                         Duration timeout, WebhookUrlGuard guard) {
        this(scheduler, policy, maxAttempts, initialBackoff, timeout, guard, null);
    }

    /** @param tls the TLS context of deliveries ({@link WebhookTrust}); null: the JDK default */
    public WebhookSender(NetworkScheduler scheduler, WebhookPolicy policy, int maxAttempts, Duration initialBackoff,
                         Duration timeout, WebhookUrlGuard guard, javax.net.ssl.SSLContext tls) {
        this.guard = guard;
        this.scheduler = scheduler;
        this.policy = policy;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
        org.apache.hc.core5.util.Timeout t = org.apache.hc.core5.util.Timeout.of(timeout);
        // the guard is the client's resolver: one lookup per connection, every address checked, and the connection
        // goes to one of those very addresses (Host header and TLS server name stay the URL's host)
        var connections = org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
                    @Override
                    public java.net.InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                        return guard.checkedAddresses(host);
                    }

                    @Override
                    public String resolveCanonicalHostname(String host) {
                        return host;
                    }
                })
                .setDefaultConnectionConfig(org.apache.hc.client5.http.config.ConnectionConfig.custom()
                        .setConnectTimeout(t).setSocketTimeout(t).build())
                .setMaxConnTotal(200).setMaxConnPerRoute(4)
                .setTlsStrategy(tls == null ? null
                        : org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create().setSslContext(tls).build())
                .build();
        this.http = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(org.apache.hc.core5.reactor.IOReactorConfig.custom().setIoThreadCount(1).build())
                .setDefaultRequestConfig(org.apache.hc.client5.http.config.RequestConfig.custom()
                        .setResponseTimeout(t).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.http.start();
    }

    /** Stops the delivery client (its I/O thread and pooled connections). */
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    void onChannelGone(BiConsumer<String, ChannelEndReason> callback) {
        this.channelGone = callback;
    }

    private final class Queue {
        final Channel channel;
        final Deque<RetainedEvent> pending = new ArrayDeque<>();
        boolean busy;
        int attempt;
        /** The receiver answered 410 or every attempt failed: nothing more is sent, whatever is queued later. */
        boolean stopped;

        Queue(Channel channel) {
            this.channel = channel;
        }
    }

    /** Queues an event for delivery; returns at once. */
    public void deliver(Channel channel, RetainedEvent event) {
        Queue q = queues.computeIfAbsent(channel.id(), k -> new Queue(channel));
        synchronized (q) {
            if (q.stopped) {
                return; // the channel is ending because its receiver is gone: byon.yaml sends nothing after that
            }
            q.pending.addLast(event);
            if (q.busy) {
                return;
            }
            q.busy = true;
            q.attempt = 0;
        }
        scheduler.execute(() -> sendHead(q));
    }

    /** Forgets a channel's queue (after the channel ended and its last event was queued). */
    public void forget(String channelId) {
        Queue q = queues.get(channelId);
        if (q != null) {
            synchronized (q) {
                if (q.pending.isEmpty()) {
                    queues.remove(channelId, q);
                }
            }
        }
    }

    private void sendHead(Queue q) {
        RetainedEvent event;
        synchronized (q) {
            event = q.stopped ? null : q.pending.peekFirst();
            if (event == null) {
                q.busy = false;
                if (q.channel.ended()) {
                    queues.remove(q.channel.id(), q);
                }
                return;
            }
            q.attempt++;
        }
        URI target = URI.create(q.channel.notificationUrl());
        // DNS rebinding: the name resolved to a public address when accepted; the guard, as the client's resolver,
        // checks the addresses again when this delivery connects (RefusedAddressException: no connection made)
        var request = org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.post(target)
                .setBody(event.json().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        org.apache.hc.core5.http.ContentType.create(CONTENT_TYPE))
                .build();
        String authorization = policy.authorization(q.channel.notificationAuthToken());
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            http.execute(org.apache.hc.client5.http.async.methods.SimpleRequestProducer.create(request),
                    new org.apache.hc.core5.http.nio.support.BasicResponseConsumer<>(
                            new org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer<>()), // a body is never held
                    new org.apache.hc.core5.concurrent.FutureCallback<
                            org.apache.hc.core5.http.Message<org.apache.hc.core5.http.HttpResponse, Void>>() {
                        @Override
                        public void completed(org.apache.hc.core5.http.Message<org.apache.hc.core5.http.HttpResponse, Void> r) {
                            WebhookSender.this.completed(q, event, r.getHead().getCode(), null);
                        }

                        @Override
                        public void failed(Exception e) {
                            WebhookSender.this.completed(q, event, -1, e);
                        }

                        @Override
                        public void cancelled() {
                            WebhookSender.this.completed(q, event, -1, new java.util.concurrent.CancellationException());
                        }
                    });
        } catch (RuntimeException e) { // the client is closed (shutdown)
            completed(q, event, -1, e);
        }
    }

    private void completed(Queue q, RetainedEvent event, int status, Throwable error) {
        if (status >= 200 && status < 300) {
            next(q);
            return;
        }
        if (status == 410) {
            log.info("webhook of channel {} answered 410 Gone: ending the channel", q.channel.id());
            stop(q);
            channelGone.accept(q.channel.id(), ChannelEndReason.WEBHOOK_GONE);
            return;
        }
        boolean retryable = policy.retryable(status, error);
        int attempt;
        synchronized (q) {
            attempt = q.attempt;
        }
        if (retryable && attempt < maxAttempts && !q.channel.ended()) {
            Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
            log.debug("webhook delivery {} of channel {} failed ({}), retry {} in {}", event.sequence(),
                    q.channel.id(), error != null ? error.toString() : status, attempt + 1, backoff);
            scheduler.schedule(backoff, () -> sendHead(q));
            return;
        }
        log.warn("webhook delivery of event {} to channel {} abandoned after {} attempt(s) ({})", event.sequence(),
                q.channel.id(), attempt, error != null ? error.toString() : "HTTP " + status);
        if (retryable) { // every attempt failed: DELIVERY_FAILED (byon.yaml)
            stop(q);
            channelGone.accept(q.channel.id(), ChannelEndReason.DELIVERY_FAILED);
            return;
        }
        next(q);
    }

    /**
     * Stops a queue at once, before the channel is ended: an event queued between the receiver's 410 (or the last
     * failed attempt) and the end of the channel must not be sent (it was, by the next send: BYON-EVT-015 saw a
     * second POST after the 410).
     */
    private void stop(Queue q) {
        synchronized (q) {
            q.stopped = true;
            q.pending.clear();
            q.busy = false;
        }
        // kept in the map (stopped) until forget(): a new queue would send again
    }

    private void next(Queue q) {
        synchronized (q) {
            q.pending.pollFirst();
            q.attempt = 0;
        }
        scheduler.execute(() -> sendHead(q));
    }
}
