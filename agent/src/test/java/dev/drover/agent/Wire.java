package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.protocol.Preamble;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The controller's side of the wire, for tests: builds frames and reads the agent's output. */
final class Wire {
    private Wire() {
    }

    static Map<String, Object> controllerHello() {
        return Messages.controllerHello("test-controller", List.of());
    }

    static byte[] frames(Map<?, ?>... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map<?, ?> m : messages) {
                @SuppressWarnings("unchecked")
                Map<String, ?> message = (Map<String, ?>) m;
                FrameCodec.write(out, Json.write(message));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Reads the preamble (which must come first, without noise) and every frame after it. */
    static List<Map<String, Object>> agentOutput(byte[] output) throws IOException {
        InputStream in = new ByteArrayInputStream(output);
        Preamble.Found found = Preamble.read(in);
        assertEquals("", found.noise, "the agent writes nothing before its preamble");
        assertEquals(Messages.PROTOCOL_VERSION, found.protocolVersion);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (byte[] payload = FrameCodec.read(in); payload != null; payload = FrameCodec.read(in)) {
            messages.add(Json.read(payload));
        }
        return messages;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> resultMessage) {
        assertEquals(Messages.RESULT, resultMessage.get("type"), () -> "not a result: " + resultMessage);
        return (Map<String, Object>) resultMessage.get("result");
    }
}
