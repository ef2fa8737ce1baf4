package org.byon.gateway.channel;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the notification WebSocket endpoint and closes every WebSocket with 1001 on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfiguration implements WebSocketConfigurer {
    private final ChannelService channels;
    private final NotificationWebSocketHandler handler;

    private final java.time.Duration pingInterval;

    public WebSocketConfiguration(ChannelService channels,
                                  @org.springframework.beans.factory.annotation.Value("${byon.limits.max-websocket-queue-bytes:1048576}")
                                  long maxQueueBytes,
                                  @org.springframework.beans.factory.annotation.Value("${byon.limits.websocket-ping-interval:30s}")
                                  java.time.Duration pingInterval,
                                  @org.springframework.beans.factory.annotation.Value("${byon.limits.websocket-idle-timeout:90s}")
                                  java.time.Duration idleTimeout) {
        this.channels = channels;
        this.pingInterval = pingInterval;
        this.handler = new NotificationWebSocketHandler(channels).maxQueueBytes(maxQueueBytes).idleTimeout(idleTimeout);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, NotificationPaths.WS_PREFIX + "*")
                .setHandshakeHandler(new NotificationHandshake(new LeanUpgradeStrategy()))
                .addInterceptors(handler.resolver())
                .setAllowedOriginPatterns("*");
    }

    /**
     * Small per-connection message buffers: clients never send anything the gateway reads, and thousands of idle
     * endpoints must stay cheap. Tomcat allocates both when the connection opens (2 bytes a character for text);
     * the handler takes partial messages ({@link NotificationWebSocketHandler#supportsPartialMessages()}), so a
     * longer client message is read in pieces of this size and ignored like any other, not refused with 1009.
     */
    @Bean
    org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean webSocketContainer() {
        var container = new org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean() {
            @Override
            public void afterPropertiesSet() {
                super.afterPropertiesSet();
                // Tomcat checks idle deadlines every "process period" seconds (10 by default): every second here
                if (getObject() instanceof org.apache.tomcat.websocket.WsWebSocketContainer tomcat) {
                    tomcat.setProcessPeriod(1);
                }
            }
        };
        container.setMaxTextMessageBufferSize(MESSAGE_BUFFER);
        container.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER);
        return container;
    }

    /** Characters (text) or bytes (binary) of one client message piece Tomcat buffers per WebSocket. */
    static final int MESSAGE_BUFFER = 128;
    /** Tomcat's per-WebSocket frame input, output and encoder buffers (bytes). */
    static final String WEBSOCKET_BUFFER = "384";

    /**
     * Small per-connection Tomcat buffers, so thousands of open WebSockets stay cheap (bench/README.md, "Memory"):
     * socket buffers of 128 bytes (read) and 512 bytes (write) instead of 8 KiB each (per connection, so also per
     * WebSocket, where neither is used after the upgrade: frames are read into the WebSocket input buffer and written
     * from the encoder's; Tomcat reads a request straight into its own header and body buffers when they have room for
     * a whole socket buffer, which they always have with 128, and writes a response in 512-byte pieces: the API's
     * answers without SDP, headers included, are 400-800 bytes, one or two writes), and 384 bytes instead of 8 KiB for
     * the WebSocket input, output and encoder buffers (a JVM-wide setting Tomcat reads once, when its WebSocket classes
     * load, which happens when the server starts, after this; an explicit
     * {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} wins). Clients send nothing the gateway reads but
     * pongs and closes (a longer client message is read in pieces and counted, see the handler); an outbound event
     * longer than 384 bytes (with SDP, or a long name) goes out as several frames of one message (the encoder's buffer),
     * which every WebSocket client reassembles (RFC 6455 section 5.4): a 4 KB SDP offer is 11 frames. Events are a few
     * per call, idle connections are thousands: the bytes held per idle connection are what these sizes save (10,000
     * endpoints: 11.0 -> 10.0 KiB each, 134 -> 126 MiB live heap, fan-out and call flow unchanged; 256 bytes saved
     * 3 MiB more but cost the fan-out 0.4 ms at p50 and the call flow 6-20 %, bench/README.md).
     */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> smallConnectionBuffers() {
        System.getProperties().putIfAbsent("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", WEBSOCKET_BUFFER);
        return f -> f.addConnectorCustomizers(c -> {
            c.setProperty("socket.appReadBufSize", "128");
            c.setProperty("socket.appWriteBufSize", "512");
        });
    }

    /** Pings every open WebSocket each {@code byon.limits.websocket-ping-interval} (0: never), see the idle deadline. */
    @Bean
    SmartLifecycle webSocketPings() {
        return new SmartLifecycle() {
            private java.util.concurrent.ScheduledExecutorService timer;

            @Override
            public void start() {
                if (pingInterval.isZero() || pingInterval.isNegative()) {
                    return;
                }
                timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "byon-ws-ping");
                    t.setDaemon(true);
                    return t;
                });
                long ms = pingInterval.toMillis();
                timer.scheduleWithFixedDelay(() -> {
                    try {
                        handler.pingAll();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(WebSocketConfiguration.class).debug("ping: {}", e.toString());
                    }
                }, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (timer != null) {
                    timer.shutdownNow();
                    timer = null;
                }
            }

            @Override
            public boolean isRunning() {
                return timer != null;
            }
        };
    }

    /** Stops first (highest phase), before the web server's graceful shutdown waits for open requests. */
    @Bean
    SmartLifecycle webSocketShutdown() {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                handler.resume();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                handler.shutdown(2000); // 1001, and let the close handshakes finish before the server stops
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
