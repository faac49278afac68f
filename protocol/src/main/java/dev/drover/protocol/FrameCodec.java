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
        if (payload.length == 0 || payload.length > MAX_FRAME_BYTES) {
            throw new ProtocolException("frame of " + payload.length + " bytes is outside 1.." + MAX_FRAME_BYTES);
        }
        int n = payload.length;
        byte[] header = {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @return the payload, or {@code null} when the stream ended cleanly between frames
     * @throws ProtocolException on a truncated frame or a length outside the allowed range
     */
    public static byte[] read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        int n;
        try {
            n = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8) | data.readUnsignedByte();
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame header");
        }
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
