package org.byon.client.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link HttpClient} and the one {@link Executor} of a {@code ByonClient}, used by the
 * generated API classes, the WebSocket channels, the token source (when it has none of its own),
 * event delivery and background work (refresh, renewal, reconnect).
 *
 * <p>What the application does not inject ({@code Builder.httpClient}, {@code Builder.executor})
 * comes from one process-wide default shared by every such client: an HTTP client (one selector
 * thread for the whole JVM, not one per client) on a pool of daemon threads that exist only while
 * there is work (idle ones end after {@link #IDLE}). The default is reference counted: when the
 * last client using it closes, it is stopped where the JDK can stop an HTTP client
 * ({@code HttpClient.shutdownNow()}, Java 21+) and created anew by the next client; on Java 17,
 * which cannot stop one, it is kept for the next client, so its one selector thread is the only
 * thread left, however many clients came and went. So {@link #close()} of a client leaves no
 * thread of its own behind. What the application injects belongs to it and is never stopped.
 * Thread-safe.
 */
public final class Http implements AutoCloseable {

    /** How long an idle thread of the default pool lives. */
    static final Duration IDLE = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private static Default shared; // guarded by Http.class
    private static int users; // guarded by Http.class

    /** The process-wide default HTTP client and its pool. */
    private record Default(HttpClient client, ThreadPoolExecutor pool) {
        static Default create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                    new SynchronousQueue<>(), r -> daemon(r, "byon-" + THREADS.incrementAndGet()));
            HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(pool).build();
            return new Default(client, pool);
        }
    }

    private final HttpClient client;
    private final Executor executor;
    private final HttpClient apiClient;
    private final Default lease; // null when both were injected
    private boolean closed; // guarded by this

    private Http(HttpClient client, Executor executor, Default lease) {
        this.client = client;
        this.executor = executor;
        this.apiClient = new BoundHttpClient(client, executor);
        this.lease = lease;
    }

    /**
     * @param client   the application's HTTP client, or {@code null} for the process-wide default
     * @param executor the application's executor, or {@code null}: the injected client's executor
     *                 when it has one, else the process-wide default pool
     */
    public static Http of(HttpClient client, Executor executor) {
        Executor exec = executor;
        if (exec == null && client != null) {
            exec = client.executor().orElse(null);
        }
        Default lease = client == null || exec == null ? acquire() : null;
        return new Http(client != null ? client : lease.client(), exec != null ? exec : lease.pool(), lease);
    }

    private static synchronized Default acquire() {
        if (shared == null) {
            shared = Default.create();
        }
        users++;
        return shared;
    }

    /** @return whether the default was stopped (the last user left and the JDK can stop an HTTP client) */
    private static synchronized boolean release(Default lease) {
        if (--users > 0 || shared != lease) {
            return false;
        }
        if (!shutdownNow(lease.client())) {
            return false; // Java 17: keep it for the next client, see the class comment
        }
        lease.pool().shutdownNow();
        shared = null;
        return true;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @return the HTTP client, for WebSockets and token requests */
    public HttpClient client() {
        return client;
    }

    /**
     * @return the HTTP client for the generated API classes: the same one, whose
     *         {@code sendAsync} futures run their dependent stages on {@link #executor()}
     */
    HttpClient apiClient() {
        return apiClient;
    }

    public Executor executor() {
        return executor;
    }

    /** @return whether the HTTP client is the process-wide default (else the application's) */
    public boolean isDefaultClient() {
        return lease != null && lease.client() == client;
    }

    /**
     * Gives the process-wide default back (see the class comment); an injected HTTP client or
     * executor is left alone. Idempotent.
     */
    @Override
    public synchronized void close() {
        closeAndReport();
    }

    /** {@link #close()}, telling whether the HTTP client was stopped by it. */
    synchronized boolean closeAndReport() {
        if (closed || lease == null) {
            closed = true;
            return false;
        }
        closed = true;
        return release(lease) && isDefaultClient();
    }

    /** {@code HttpClient.shutdownNow()} where the JDK has it (21+). */
    private static boolean shutdownNow(HttpClient client) {
        try {
            Method m = HttpClient.class.getMethod("shutdownNow");
            m.invoke(client);
            return true;
        } catch (NoSuchMethodException java17) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
