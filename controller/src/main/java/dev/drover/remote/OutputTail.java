package dev.drover.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream on a daemon thread, keeping the last {@code limit} bytes: the agent's stderr must
 * be read continuously (a full pipe would block the agent) and its tail explains a failed start.
 */
final class OutputTail {
    private final byte[] ring;
    private long written;
    private final Thread thread;

    OutputTail(InputStream in, int limit, String threadName) {
        this.ring = new byte[limit];
        this.thread = new Thread(() -> pump(in), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                append(buf, n);
            }
        } catch (IOException e) {
            // The channel closed under us; what we have is the tail.
        }
    }

    private synchronized void append(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = buf[i];
        }
    }

    /** Waits briefly for the stream to end, so a failed start's last words are included. */
    String text(long waitMillis) {
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int len = (int) Math.min(written, ring.length);
            byte[] out = new byte[len];
            long start = written - len;
            for (int i = 0; i < len; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
