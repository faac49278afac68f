package dev.drover.persist;

import dev.drover.transport.RemoteProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.OptionalInt;

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

    @Override
    public OptionalInt waitFor(Duration timeout) {
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
