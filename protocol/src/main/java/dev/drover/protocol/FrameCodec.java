package dev.drover.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Length-prefixed frames: a 4-byte big-endian length N, then N bytes of UTF-8 JSON. N must be in
 * 1..{@link #MAX_FRAME_BYTES}. Stateless; callers serialise writes to one stream themselves.
 */
public final class FrameCodec {
    /** Large enough for a slurped file or a long command output, small enough to refuse garbage. */
    public static final int MAX_FRAME_BYTES = 64 << 20;

    private FrameCodec() {
    }

    public static void write(OutputStream out, byte[] payload) throws IOException {
        write(out, payload, true);
    }

    /**
     * Writes one frame; without {@code flush} it stays in {@code out}'s buffer and leaves with the
     * next flushed frame (one write for both: a {@code forget} and the {@code run} after it).
     */
    public static void write(OutputStream out, byte[] payload, boolean flush) throws IOException {
        if (payload.length == 0 || payload.length > MAX_FRAME_BYTES) {
            throw new ProtocolException("frame of " + payload.length + " bytes is outside 1.." + MAX_FRAME_BYTES);
        }
        // One write of header and payload: on an unbuffered socket (the persist process's and the
        // command worker's Unix sockets) two writes were two system calls, and the reader woke for
        // the header alone before blocking again for the payload.
        int n = payload.length;
        byte[] frame = new byte[4 + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, 4, n);
        out.write(frame);
        if (flush) {
            out.flush();
        }
    }

    /**
     * Reads one frame.
     *
     * @return the payload, or {@code null} when the stream ended cleanly between frames
     * @throws ProtocolException on a truncated frame or a length outside the allowed range
     */
    public static byte[] read(InputStream in) throws IOException {
        // The header in one read where the stream has it (not byte by byte: each byte was a system
        // call on an unbuffered socket), and never a byte past this frame: a stream may change hands
        // between frames (the persist process's lease).
        byte[] header = new byte[4];
        int got = 0;
        while (got < 4) {
            int r = in.read(header, got, 4 - got);
            if (r < 0) {
                if (got == 0) {
                    return null;
                }
                throw new ProtocolException("truncated frame header");
            }
            got += r;
        }
        DataInputStream data = new DataInputStream(in);
        int n = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (n <= 0 || n > MAX_FRAME_BYTES) {
            throw new ProtocolException("frame length " + (n & 0xffffffffL) + " is outside 1.." + MAX_FRAME_BYTES);
        }
        byte[] payload = new byte[n];
        try {
            data.readFully(payload);
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame: expected " + n + " bytes");
        }
        return payload;
    }
}
