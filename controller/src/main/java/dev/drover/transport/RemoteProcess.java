package dev.drover.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A command started by {@link Transport#exec}. Closing it ends the command if it still runs. */
public interface RemoteProcess extends AutoCloseable {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /**
     * Waits for the exit status.
     *
     * @return the exit code, or empty if the wait timed out or the remote side sent none (killed by a signal)
     */
    java.util.OptionalInt waitFor(Duration timeout) throws IOException;

    @Override
    void close();

    /** Reads both streams to the end and waits for the exit code. */
    default ExecResult collect(Duration timeout) throws IOException {
        CompletableFuture<byte[]> err = BlockingReads.onOwnThread("drover-stderr-drain", () -> drain(stderr()));
        byte[] out = drain(stdout());
        byte[] errBytes;
        try {
            errBytes = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("reading stderr: " + e, e);
        }
        java.util.OptionalInt rc = waitFor(timeout);
        return new ExecResult(rc.orElse(-1), new String(out, StandardCharsets.UTF_8), new String(errBytes, StandardCharsets.UTF_8));
    }

    private static byte[] drain(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            in.transferTo(buf);
        } catch (IOException e) {
            // The stream broke; what was read so far is still the best answer.
        }
        return buf.toByteArray();
    }
}
