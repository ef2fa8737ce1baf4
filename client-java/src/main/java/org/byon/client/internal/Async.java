package org.byon.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The {@code ...Async} variants: the blocking call on the client's executor. Stateless. */
final class Async {

    private Async() {
    }

    static <T> CompletableFuture<T> supply(Executor executor, Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    static CompletableFuture<Void> run(Executor executor, Runnable call) {
        return CompletableFuture.runAsync(call, executor);
    }
}
