package dev.drover.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a child process on a daemon thread of its own (pooled) until end of stream, keeping
 * the first {@code limit} bytes and draining the rest so the child never blocks on a full pipe.
 *
 * <p>Threading: the reader thread appends under this object's lock; {@link #text()} may be called
 * from the runner's thread at any time, also while the reader still runs (after a timeout, when a
 * grandchild keeps the pipe open and the reader is abandoned).
 */
final class OutputCapture implements Runnable {
    /**
     * Reader threads, kept a minute between children: a new thread per stream and child was two
     * thread starts per step (clone, stack mapping, guard pages). Daemons, so an abandoned reader (a
     * pipe a daemon holds open) never keeps the agent alive; such a reader keeps its thread until
     * the pipe closes, and the pool starts another for the next child.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "drover-output-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private final InputStream in;
    private final int limit;
    private final ProcessObserver observer;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean truncated;

    private OutputCapture(InputStream in, int limit, ProcessObserver observer) {
        this.in = in;
        this.limit = limit;
        this.observer = observer;
    }

    static OutputCapture start(InputStream in, int limit, ProcessObserver observer) {
        OutputCapture capture = new OutputCapture(in, limit, observer);
        READERS.execute(capture);
        return capture;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                keep(chunk, n);
                if (observer != null) {
                    observer.output(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // The pipe broke or was closed under us: what arrived so far is the output.
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Nothing more to read either way.
            }
            ended.countDown();
        }
    }

    private synchronized void keep(byte[] chunk, int n) {
        int room = limit - kept.size();
        if (n > room) {
            truncated = true;
        }
        if (room > 0) {
            kept.write(chunk, 0, Math.min(n, room));
        }
    }

    /** Waits for end of stream; {@code millis <= 0} waits without limit. Returns whether it ended. */
    boolean awaitEnd(long millis) throws InterruptedException {
        if (millis <= 0) {
            ended.await();
            return true;
        }
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The kept bytes as text; invalid UTF-8 becomes U+FFFD rather than an error. */
    synchronized String text() {
        return new String(kept.toByteArray(), StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
