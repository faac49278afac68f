package dev.drover.persist;

import dev.drover.transport.RemoteProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A leased agent seen as a process: its frames come and go over the persist socket. There is no
 * stderr (the persist process keeps the agent's) and no exit status (the agent outlives the lease).
 */
final class SocketProcess implements RemoteProcess {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    SocketProcess(SocketChannel channel, InputStream in, OutputStream out) {
        this.channel = channel;
        this.in = in;
        this.out = out;
    }

    @Override
    public OutputStream stdin() {
        return out;
    }

    @Override
    public InputStream stdout() {
        return in;
    }

    @Override
    public InputStream stderr() {
        return InputStream.nullInputStream();
    }

    /**
     * Waits, at most {@code timeout}, for the persist process to end the lease (it closes the
     * socket once the agent is free again). Without this wait the CLI could exit while the agent
     * still counts as leased, and a run started right after would start a second agent.
     */
    @Override
    public OptionalInt waitFor(Duration timeout) {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (done.compareAndSet(false, true)) {
                        close(); // a wedged persist process: give up on the goodbye
                    }
                });
        try {
            byte[] drain = new byte[8192];
            while (in.read(drain) >= 0) {
                // frames the agent sent after ours (none are expected after the shutdown frame)
            }
        } catch (IOException e) {
            // closed on timeout, or the process went away: either way the lease is over for us
        } finally {
            done.set(true);
        }
        return OptionalInt.of(0);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
