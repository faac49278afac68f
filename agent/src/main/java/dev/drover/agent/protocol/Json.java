package dev.drover.agent.protocol;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/** JSON for frames: plain maps, lists, strings, numbers and booleans, nothing else. */
public final class Json {
    private static final JSON JSON_STD = JSON.std;

    private Json() {
    }

    public static byte[] write(Map<String, ?> message) throws ProtocolException {
        try {
            return JSON_STD.asBytes(message);
        } catch (IOException e) {
            throw new ProtocolException("cannot encode message: " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> read(byte[] payload) throws ProtocolException {
        try {
            return JSON_STD.mapFrom(payload);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("frame is not a JSON object: " + e.getMessage(), e);
        }
    }
}
