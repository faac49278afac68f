package dev.drover.protocol;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/**
 * JSON for frames: plain maps, lists, strings, numbers, booleans and nulls, nothing else. Null
 * values are written (jackson-jr drops them by default): a module that reports {@code start: null}
 * must reach the controller as Ansible would show it, not as a missing key.
 */
public final class Json {
    private static final JSON JSON_STD = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

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
        Map<String, Object> map;
        try {
            map = JSON_STD.mapFrom(payload);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("frame is not a JSON object: " + e.getMessage(), e);
        }
        if (map == null) {
            // jackson-jr reads the literal "null" as a null map rather than failing.
            throw new ProtocolException("frame is not a JSON object: null");
        }
        return map;
    }

    /**
     * Any JSON value (object, array, string, number, boolean, null) as plain Java values, for
     * modules that handle JSON documents (for example an HTTP response body). Not for frames.
     *
     * @throws IOException when the text is not one complete JSON value
     */
    public static Object parseValue(byte[] text) throws IOException {
        return JSON_STD.anyFrom(text);
    }

    /** Writes plain Java values (maps, lists, strings, numbers, booleans, nulls) as JSON text. */
    public static byte[] writeValue(Object value) throws IOException {
        return JSON_STD.asBytes(value);
    }
}
