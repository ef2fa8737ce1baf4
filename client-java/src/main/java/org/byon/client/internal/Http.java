package org.byon.client.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link HttpClient} and the one {@link Executor} of a {@code ByonClient}, used by the
 * generated API classes, the WebSocket channels, the token source (when it has none of its own),
 * event delivery and background work (refresh, renewal, reconnect).
 *
 * <p>Either both come from the application ({@code Builder.httpClient}, {@code Builder.executor}):
 * then they belong to the application and {@link #close()} leaves them alone; or the client creates
 * them: an executor of daemon threads that exist only while there is work (idle ones end after
 * {@link #IDLE}) and an HTTP client on it, both stopped by {@link #close()}. Thread-safe.
 */
public final class Http implements AutoCloseable {

    /** How long an idle thread of an owned executor lives. */
    static final Duration IDLE = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpClient client;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final boolean ownsClient;

    private Http(HttpClient client, Executor executor, ExecutorService ownedExecutor, boolean ownsClient) {
        this.client = client;
        this.executor = executor;
        this.ownedExecutor = ownedExecutor;
        this.ownsClient = ownsClient;
    }

    /**
     * @param client   the application's HTTP client, or {@code null} to create one
     * @param executor the application's executor, or {@code null}: the injected client's executor
     *                 when it has one, else an owned one
     */
    public static Http of(HttpClient client, Executor executor) {
        Executor exec = executor;
        if (exec == null && client != null) {
            exec = client.executor().orElse(null);
        }
        ExecutorService owned = null;
        if (exec == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                    new SynchronousQueue<>(), r -> daemon(r, "byon-" + THREADS.incrementAndGet()));
            owned = pool;
            exec = pool;
        }
        HttpClient http = client != null ? client
                : HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(exec).build();
        return new Http(http, exec, owned, client == null);
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public HttpClient client() {
        return client;
    }

    public Executor executor() {
        return executor;
    }

    /** @return whether {@link #close()} stops the HTTP client (it was created here) */
    public boolean ownsClient() {
        return ownsClient;
    }

    /**
     * Stops what this object created: the owned executor at once, and an owned HTTP client with
     * {@code HttpClient.shutdownNow()} where the JDK has it (21+). On Java 17 an HTTP client has no
     * such method: its one selector thread ends as soon as the closed client is no longer referenced.
     */
    @Override
    public void close() {
        if (ownsClient) {
            shutdownNow(client);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private static void shutdownNow(HttpClient client) {
        try {
            Method m = HttpClient.class.getMethod("shutdownNow");
            m.invoke(client);
        } catch (NoSuchMethodException java17) {
            // see close()
        } catch (ReflectiveOperationException | RuntimeException e) {
            // best effort
        }
    }
}
