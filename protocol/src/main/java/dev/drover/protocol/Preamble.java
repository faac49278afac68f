package dev.drover.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The line the agent prints before its first frame. A login shell may print anything before the
 * agent starts (motd, rc-file echoes); the controller discards bytes until it sees this marker, so
 * that noise never reaches the frame reader. The marker is followed by the protocol version and a
 * newline: {@code @@DROVER-AGENT@@1\n}.
 */
public final class Preamble {
    public static final String MARKER = "@@DROVER-AGENT@@";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    /** FALLBACK[i]: length of the longest proper prefix of MARKER[0..i] that is also its suffix. */
    private static final int[] FALLBACK = fallbackTable(MARKER_BYTES);

    /** How much noise the controller tolerates before giving up on finding the marker. */
    public static final int MAX_NOISE_BYTES = 1 << 20;

    private Preamble() {
    }

    public static void write(OutputStream out, int protocolVersion) throws IOException {
        out.write(("\n" + MARKER + protocolVersion + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What {@link #read} found: the agent's protocol version and whatever noise preceded the marker. */
    public static final class Found {
        public final int protocolVersion;
        public final String noise;

        Found(int protocolVersion, String noise) {
            this.protocolVersion = protocolVersion;
            this.noise = noise;
        }
    }

    /**
     * Skips bytes until the marker, then reads the version digits up to the newline.
     *
     * @throws ProtocolException when the stream ends first (the text seen so far is in the message:
     *     typically a shell error such as "java: command not found"), or when more than
     *     {@link #MAX_NOISE_BYTES} arrive without a marker.
     */
    public static Found read(InputStream in) throws IOException {
        ByteArrayOutputStream noise = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < MARKER_BYTES.length) {
            int b = in.read();
            if (b < 0) {
                noise.write(MARKER_BYTES, 0, matched);
                throw new NoPreambleException(noise.toString("UTF-8"));
            }
            // Knuth-Morris-Pratt fallback: the marker starts and ends with "@@", so after a mismatch
            // the bytes matched so far may still end in a marker prefix ("@@@DROVER-AGENT@@1").
            while (matched > 0 && b != (MARKER_BYTES[matched] & 0xff)) {
                int keep = FALLBACK[matched - 1];
                noise.write(MARKER_BYTES, 0, matched - keep);
                matched = keep;
            }
            if (b == (MARKER_BYTES[matched] & 0xff)) {
                matched++;
            } else {
                noise.write(b);
                if (noise.size() > MAX_NOISE_BYTES) {
                    throw new ProtocolException("no agent preamble within " + MAX_NOISE_BYTES + " bytes of output");
                }
            }
        }
        int version = 0;
        int digits = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < '0' || b > '9' || digits > 6) {
                throw new ProtocolException("malformed agent preamble: bad version");
            }
            version = version * 10 + (b - '0');
            digits++;
        }
        if (digits == 0) {
            throw new ProtocolException("malformed agent preamble: no version");
        }
        String text = noise.toString("UTF-8");
        // The agent itself writes a newline before the marker so it starts on its own line.
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Found(version, text);
    }

    private static int[] fallbackTable(byte[] pattern) {
        int[] table = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }

    /** The stream ended before the marker; {@link #output()} is what the remote side printed. */
    public static final class NoPreambleException extends ProtocolException {
        private static final long serialVersionUID = 1L;
        private final String output;

        NoPreambleException(String output) {
            super("the agent exited before its preamble" + (output.trim().isEmpty() ? "" : ": " + output.trim()));
            this.output = output;
        }

        public String output() {
            return output;
        }
    }
}
