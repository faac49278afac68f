package dev.drover.persist;

import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The persist socket's own messages (lease, status, stop and their replies): JSON maps in the agent protocol's frames. */
final class Messages {
    private Messages() {
    }

    static void send(OutputStream out, Map<String, ?> message) throws IOException {
        FrameCodec.write(out, Json.write(message));
    }

    /** One message, or null at end of stream. */
    static Map<String, Object> receive(InputStream in) throws IOException {
        byte[] frame = FrameCodec.read(in);
        return frame == null ? null : Json.read(frame);
    }
}
