package org.byon.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every open {@code ByonClient} of the JVM: it only hands due tasks to the
 * client's executor (blocking work never runs on it). It is started by the first client and stopped
 * when the last one closes (reference counted), so no timer thread outlives the clients. Cancelled
 * tasks are removed at once. Thread-safe.
 */
final class Timer {

    private static ScheduledThreadPoolExecutor shared; // guarded by Timer.class
    private static int users; // guarded by Timer.class

    private final Executor executor;
    private boolean released; // guarded by this

    private Timer(Executor executor) {
        this.executor = executor;
    }

    /** Takes a reference on the shared timer thread; {@link #release()} gives it back. */
    static synchronized Timer acquire(Executor executor) {
        if (shared == null) {
            shared = new ScheduledThreadPoolExecutor(1, r -> Http.daemon(r, "byon-timer"));
            shared.setRemoveOnCancelPolicy(true);
            shared.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        users++;
        return new Timer(executor);
    }

    /** Runs {@code task} on the client's executor after {@code delayMs}; a no-op once released. */
    Future<?> schedule(Runnable task, long delayMs) {
        ScheduledThreadPoolExecutor timer;
        synchronized (Timer.class) {
            timer = shared;
        }
        synchronized (this) {
            if (released || timer == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
        }
        try {
            return timer.schedule(() -> {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException closed) {
                    // the client closed meanwhile
                }
            }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Runs {@code task} on the client's executor after {@code delayMs}.
     *
     * @return false when the task will not run (released: the client closed)
     */
    boolean trySchedule(Runnable task, long delayMs) {
        synchronized (this) {
            if (released) {
                return false;
            }
        }
        Future<?> f = schedule(task, delayMs);
        return !(f instanceof java.util.concurrent.CompletableFuture);
    }

    /** Gives the reference back; the last one stops the timer thread. Idempotent. */
    void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        synchronized (Timer.class) {
            if (--users == 0 && shared != null) {
                shared.shutdownNow();
                shared = null;
            }
        }
    }
}
