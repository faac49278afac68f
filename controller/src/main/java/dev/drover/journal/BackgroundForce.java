package dev.drover.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The journal's fsync thread: forces run there while the run goes on, one at a time, in the order
 * asked (a single thread), so waiting for the last force asked covers every line written before it
 * was asked. A force asked while another is queued and not yet begun rides on that one (it will
 * cover the line written just now too): claims from every host of a task arriving together cost one
 * or two fsyncs, none of them on a host's thread.
 *
 * <p>Threading: any thread may call; {@link #await} waits outside this object's lock, so a host
 * thread waiting here never holds up another one asking for a force.
 */
final class BackgroundForce {
    private final FileChannel channel;
    private final Path file;
    private ExecutorService thread;
    private Future<?> last;
    private AtomicBoolean lastBegun;
    private volatile IOException failed;

    BackgroundForce(FileChannel channel, Path file) {
        this.channel = channel;
        this.file = file;
    }

    /** Forces every line written so far, soon, on the fsync thread. */
    synchronized void soon() {
        if (lastBegun != null && !lastBegun.get()) {
            return; // queued and not begun: it forces after this line was written
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "drover-journal-fsync");
                t.setDaemon(true);
                return t;
            });
        }
        AtomicBoolean begun = new AtomicBoolean();
        last = thread.submit(() -> {
            begun.set(true);
            try {
                channel.force(false);
            } catch (IOException e) {
                failed = e;
            }
            return null;
        });
        lastBegun = begun;
    }

    /** Waits until every force asked so far is done; a failed one is the journal's write error. */
    void await() {
        Future<?> pending;
        synchronized (this) {
            pending = last;
        }
        if (pending != null) {
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failed = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        IOException e = failed;
        if (e != null) {
            throw new UncheckedIOException("cannot write the run journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the forces asked, then ends the thread. */
    void close() {
        try {
            await();
        } finally {
            synchronized (this) {
                if (thread != null) {
                    thread.shutdownNow();
                }
            }
        }
    }
}
