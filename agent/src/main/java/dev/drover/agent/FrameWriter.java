package dev.drover.agent;

import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.protocol.Preamble;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The only code that writes to the agent's frame stream (its real stdout). Every write is one
 * complete preamble or frame under this object's lock, so frames never interleave even when, later,
 * requests run on several threads.
 */
final class FrameWriter {
    private final OutputStream out;

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void preamble() throws IOException {
        Preamble.write(out, Messages.PROTOCOL_VERSION);
    }

    synchronized void send(Map<String, ?> message) throws IOException {
        FrameCodec.write(out, Json.write(message));
    }

    /** An already encoded message, for callers that must check its size first. */
    synchronized void send(byte[] payload) throws IOException {
        FrameCodec.write(out, payload);
    }
}
