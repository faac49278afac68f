package dev.drover.transport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a blocking read (a preamble, a stderr drain) on a daemon thread of its own. Not on the
 * common ForkJoin pool: it has one thread fewer than the machine has cores, and a host that never
 * answers would hold a pool thread for its whole timeout while healthy hosts queue behind it.
 */
public final class BlockingReads {
    private BlockingReads() {
    }

    public static <T> CompletableFuture<T> onOwnThread(String threadName, Supplier<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(read.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return result;
    }
}
