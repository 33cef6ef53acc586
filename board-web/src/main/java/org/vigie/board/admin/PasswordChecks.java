package org.vigie.board.admin;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where bcrypt runs: a few threads of their own ({@code vigie.admin.login.check-threads}) with a short queue
 * ({@code check-queue}). A login reads its admin row in a short transaction on one of them, gives the connection
 * back, then hashes: logins never hold more than that many database connections, nor more cores, however many
 * arrive; the result consumer and the board keep theirs. When the queue is full a login is refused at once
 * ({@link Busy}) instead of waiting behind an attack.
 */
@ApplicationScoped
public class PasswordChecks {

    /** No thread free and the queue full. */
    public static class Busy extends RuntimeException {
        Busy() {
            super("every password-checking thread is busy and the queue is full", null, false, false);
        }
    }

    private final ThreadPoolExecutor pool;

    public PasswordChecks(AdminConfig config) {
        int threads = Math.max(1, config.login().checkThreads());
        AtomicInteger number = new AtomicInteger();
        pool = new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, config.login().checkQueue())),
                task -> {
                    Thread t = new Thread(task, "vigie-password-check-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs the work on a checking thread; fails with {@link Busy} at once when none is free and the queue is full. */
    public <T> CompletableFuture<T> run(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new Busy());
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
