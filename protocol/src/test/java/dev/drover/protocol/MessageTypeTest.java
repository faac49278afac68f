package dev.drover.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A relay reads a frame's type without parsing the frame, and gets what a full parse would say. */
class MessageTypeTest {
    private static String type(String json) throws Exception {
        return Messages.type(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTypeOfEveryMessageAsBothSidesWriteIt() throws Exception {
        assertEquals("result", Messages.type(Json.write(Messages.result(3, Map.of("changed", true)))));
        assertEquals("run", Messages.type(Json.write(Messages.run(1, "command", Map.of(), false, false, "k", 600, false))));
        assertEquals("forget", Messages.type(Json.write(Messages.forget("k"))));
        assertEquals("claimed", Messages.type(Json.write(Messages.claimed(3, "k", 42))));
        assertEquals("shutdown", Messages.type(Json.write(Messages.shutdown())));
        assertEquals("shutdown", type("{\"type\":\"shutdown\"}"));
    }

    @Test
    void anotherLayoutIsParsed() throws Exception {
        assertEquals("result", type("{\"id\":3,\"type\":\"result\",\"result\":{}}"));
        assertEquals("result", type("{ \"type\" : \"result\" }"));
        assertEquals("run", type("{\"type\":\"r\\u0075n\",\"id\":1}"), "an escape is decoded by the parser");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "result_x");
        assertEquals("result_x", Messages.type(Json.write(m)));
    }

    @Test
    void aFrameWithoutATypeIsStillAProtocolError() {
        assertThrows(ProtocolException.class, () -> type("{\"id\":3}"));
        assertThrows(ProtocolException.class, () -> type("{\"type\":3}"));
    }
}
