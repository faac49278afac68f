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
 * Watches the become method's stderr for its password prompt ({@link PasswordPrompt}) and answers
 * it with the become password on stdin: sudo's {@code -S -p MARKER}, su's PAM prompt.
 *
 * <p>Why on the prompt and not at once: when the method does not ask (NOPASSWD, a cached sudo
 * timestamp, su from root), a password written up front would be read by the agent as protocol
 * input.
 *
 * <p>It answers once. A second prompt (sudo {@code -S} asks again up to three times) or the
 * method's word for a rejected password (su's "Authentication failure") completes {@link
 * #refused()} with {@code INCORRECT}, and a prompt when no password was given completes it with
 * {@code MISSING}: nothing more is written, so a wrong or missing password fails at once instead of
 * hanging or locking the account after several attempts.
 *
 * <p>The password is revealed only inside {@link #answer}, encoded straight into a byte array that
 * is wiped after the write; it never reaches a string, a log or an exception message.
 *
 * <p>Threading: the stream is read by the stderr drain thread ({@link OutputTail}), which is the
 * thread that writes the password; {@code stdinLock} orders that write against the bootstrap's
 * own writes to stdin.
 */
final class PasswordFeeder extends FilterInputStream {
    /** Why the start must end: no password was given, or the one given was rejected. */
    enum Refusal { MISSING, INCORRECT }

    private final PasswordPrompt prompt;
    private final Secret password;
    private final OutputStream stdin;
    private final Object stdinLock;
    private boolean answered;
    private final CompletableFuture<Refusal> refused = new CompletableFuture<>();

    /** @param password the become password, or null: then a prompt ends the start as {@code MISSING} */
    PasswordFeeder(InputStream stderr, PasswordPrompt prompt, Secret password, OutputStream stdin, Object stdinLock) {
        super(stderr);
        this.prompt = prompt;
        this.password = password;
        this.stdin = stdin;
        this.stdinLock = stdinLock;
    }

    /** Completes when the start cannot go on for want of a right password. */
    CompletableFuture<Refusal> refused() {
        return refused;
    }

    /** Throws when the password cannot be typed to sudo -S (it reads one line). */
    static void check(Secret password) throws AgentException {
        char[] chars = password.reveal();
        try {
            for (char c : chars) {
                if (c == '\n' || c == '\r') {
                    throw new AgentException("the become password contains a line break, which sudo and su cannot read");
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

    private void see(byte b) {
        if (refused.isDone()) {
            return;
        }
        switch (prompt.see(b)) {
            case PROMPT -> {
                if (password == null) {
                    refused.complete(Refusal.MISSING);
                } else if (answered) {
                    refused.complete(Refusal.INCORRECT);
                } else {
                    answered = true;
                    answer();
                }
            }
            // Only after an answer: a refusal before any prompt (pam_wheel, say) is no wrong password.
            case REJECTED -> {
                if (answered) {
                    refused.complete(Refusal.INCORRECT);
                }
            }
            case NOTHING -> { }
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
            // The method gets no answer and fails or the start times out; the reason is the channel, not the
            // password, and the message must not quote it.
        } finally {
            Arrays.fill(chars, '\0');
            if (encoded != null && encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
