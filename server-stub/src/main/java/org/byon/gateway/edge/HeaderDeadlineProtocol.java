package org.byon.gateway.edge;

import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol with a <em>header-completion deadline</em> (slowloris): Tomcat's
 * {@code connectionTimeout} bounds each read, so a client that sends one header byte every few seconds keeps a
 * connection forever. Here a watchdog on the protocol's utility executor looks, twice a second, at every connection
 * parked in the middle of a request line or header section, and ends the ones whose first byte of that request
 * came more than {@code headerCompletionTimeout} ms ago, through Tomcat's own timeout path (an error event on the
 * socket: the processor is released and the connection closed and counted down). 0 switches the deadline off.
 * Connections already in the servlet (body reads) or upgraded to WebSocket are not touched; those have their own
 * per-read and idle bounds.
 */
public class HeaderDeadlineProtocol extends Http11NioProtocol {
    private volatile long headerCompletionTimeout = 10_000;
    private volatile ScheduledFuture<?> watchdog;

    public long getHeaderCompletionTimeout() {
        return headerCompletionTimeout;
    }

    /** Milliseconds a client has, from the first byte of a request, to complete its request line and headers. */
    public void setHeaderCompletionTimeout(long millis) {
        this.headerCompletionTimeout = millis;
    }

    @Override
    public void start() throws Exception {
        super.start();
        if (headerCompletionTimeout > 0) {
            watchdog = getUtilityExecutor().scheduleWithFixedDelay(this::expireSlowHeaders, 500, 500,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() throws Exception {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        super.stop();
    }

    /** One pass over the open connections. */
    void expireSlowHeaders() {
        try {
            long now = System.nanoTime();
            long limit = TimeUnit.MILLISECONDS.toNanos(headerCompletionTimeout);
            for (SocketWrapperBase<NioChannel> wrapper : getEndpoint().getConnections()) {
                // An HTTP/1.1 processor stays on the connection, between two reads, only while it waits for more
                // bytes of a started request line or header section (its service() ended; a finished request's
                // processor is released, an async one is excluded): the request's start time is its first byte.
                if (wrapper.getCurrentProcessor() instanceof Http11Processor p && !p.isAsync() && !wrapper.isClosed()) {
                    Request r = p.getRequest();
                    long started = r.getStartTimeNanos();
                    int stage = r.getRequestProcessor().getStage();
                    if ((stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED) && started != -1
                            && now - started > limit) {
                        ClientErrorLog.SHARED.clientError(408, "-", "header section not completed in time");
                        wrapper.setError(new SocketTimeoutException("header-completion deadline"));
                        getEndpoint().processSocket(wrapper, SocketEvent.ERROR, true);
                    }
                }
            }
        } catch (RuntimeException e) {
            // never let the scheduled task die: the next pass tries again
            org.slf4j.LoggerFactory.getLogger(HeaderDeadlineProtocol.class).debug("header watchdog: {}", e.toString());
        }
    }
}
