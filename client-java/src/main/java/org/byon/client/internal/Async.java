package org.byon.client.internal;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.byon.client.ByonTransportException;

/**
 * Between the blocking methods and their {@code ...Async} variants: the async variant does the
 * work (requests with {@code HttpClient.sendAsync}, no thread waits for a response) and the
 * blocking method waits for it with {@link #await}. Stateless.
 */
public final class Async {

    private Async() {
    }

    /**
     * Waits for {@code future} and throws what it failed with, unwrapped.
     *
     * @throws RuntimeException       the failure of the future ({@code ByonException} and others)
     * @throws ByonTransportException when interrupted (the future is cancelled; the interrupt flag is kept)
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ByonTransportException("interrupted", new InterruptedIOException("interrupted"));
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** @return the cause of a {@link CompletionException} or {@link ExecutionException}, else {@code t} */
    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static RuntimeException rethrow(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /** @return the failure of a stage, to throw from the next one (unwrapped when it is a RuntimeException) */
    static RuntimeException rethrown(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }

    /**
     * @return a future that is {@code future} unless it fails with a {@link org.byon.client.ByonApiException}
     *         404, which becomes {@code null}: for deletes of what may be gone already
     */
    static <T> CompletableFuture<T> ignoreNotFound(CompletableFuture<T> future) {
        return future.exceptionally(error -> {
            if (unwrap(error) instanceof org.byon.client.ByonApiException e && e.status() == 404) {
                return null;
            }
            throw rethrown(error);
        });
    }

    /** @return a future failed with {@code e} */
    static <T> CompletableFuture<T> failed(Throwable e) {
        return CompletableFuture.failedFuture(e);
    }

    /** @return {@code call}'s future, or a failed one when {@code call} throws */
    static <T> CompletableFuture<T> start(java.util.function.Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return failed(e);
        }
    }
}
