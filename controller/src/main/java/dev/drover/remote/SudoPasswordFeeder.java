package dev.drover.remote;

import dev.drover.secret.Secret;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Watches sudo's stderr for its prompt and answers it with the become password on stdin
 * ({@code sudo -S -p PROMPT}).
 *
 * <p>Why on the prompt and not at once: when sudo does not ask (NOPASSWD, or a cached timestamp),
 * a password written up front would be read by the agent as protocol input. The prompt is a random
 * marker per start, so no other output can trigger the write.
 *
 * <p>A second prompt means sudo rejected the password ({@code -S} re-prompts up to three times):
 * {@link #rejected()} completes and nothing more is written, so a wrong password fails at once
 * instead of hanging or locking the account after several attempts.
 *
 * <p>The password is revealed only inside {@link #answer}, encoded straight into a byte array that
 * is wiped after the write; it never reaches a string, a log or an exception message.
 *
 * <p>Threading: the stream is read by the stderr drain thread ({@link OutputTail}), which is the
 * thread that writes the password; {@code stdinLock} orders that write against the bootstrap's
 * own writes to stdin.
 */
final class SudoPasswordFeeder extends FilterInputStream {
    private final byte[] marker;
    private final Secret password;
    private final OutputStream stdin;
    private final Object stdinLock;
    private final byte[] window;
    private int filled;
    private int prompts;
    private final CompletableFuture<Void> rejected = new CompletableFuture<>();

    SudoPasswordFeeder(InputStream stderr, String prompt, Secret password, OutputStream stdin, Object stdinLock) {
        super(stderr);
        this.marker = prompt.getBytes(StandardCharsets.US_ASCII);
        this.window = new byte[marker.length];
        this.password = password;
        this.stdin = stdin;
        this.stdinLock = stdinLock;
    }

    /** Completes when sudo asked a second time: the password was wrong. */
    CompletableFuture<Void> rejected() {
        return rejected;
    }

    /** Throws when the password cannot be typed to sudo -S (it reads one line). */
    static void check(Secret password) throws AgentException {
        char[] chars = password.reveal();
        try {
            for (char c : chars) {
                if (c == '\n' || c == '\r') {
                    throw new AgentException("the become password contains a line break, which sudo cannot read");
                }
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        for (int i = 0; i < n; i++) {
            see(b[off + i]);
        }
        return n;
    }

    /** Sliding window over the last marker-length bytes: the marker is found wherever reads split it. */
    private void see(byte b) {
        if (filled < window.length) {
            window[filled++] = b;
        } else {
            System.arraycopy(window, 1, window, 0, window.length - 1);
            window[window.length - 1] = b;
        }
        if (filled == window.length && Arrays.equals(window, marker)) {
            filled = 0;
            prompts++;
            if (prompts == 1) {
                answer();
            } else {
                rejected.complete(null);
            }
        }
    }

    private void answer() {
        char[] chars = password.reveal();
        ByteBuffer encoded = null;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
            byte[] line = new byte[encoded.remaining() + 1];
            encoded.get(line, 0, line.length - 1);
            line[line.length - 1] = '\n';
            try {
                synchronized (stdinLock) {
                    stdin.write(line);
                    stdin.flush();
                }
            } finally {
                Arrays.fill(line, (byte) 0);
            }
        } catch (IOException e) {
            // sudo gets no answer and fails or the start times out; the reason is the channel, not the
            // password, and the message must not quote it.
        } finally {
            Arrays.fill(chars, '\0');
            if (encoded != null && encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
